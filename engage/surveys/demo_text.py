"""Free-text answers for the demo: fictional, written the way parents, carers and young people write."""
# ruff: noqa: E501 - each comment is one realistic answer, kept on one line

COMMENTS = {
    "assessment_experience": {
        "positive": [
            "The caseworker rang me every few weeks and explained each step. It took 19 weeks and nothing was a surprise.",
            "We were listened to. The educational psychologist came to our home and met our daughter where she is calm.",
        ],
        "mixed": [
            "The assessment itself was thorough but we waited months for the speech therapy report and nobody told us why.",
            "Good once it started, but getting the council to agree to assess took two refusals and a lot of stress.",
        ],
        "negative": [
            "It took 41 weeks. I chased every week by email and most of my emails were never answered.",
            "Nobody asked my son what he wanted. The draft plan had another child's name in it.",
            "We were refused an assessment twice and only got one after going to tribunal. It should not be this hard.",
        ],
    },
    "plan_experience": {
        "positive": [
            "The plan is specific about his hours of support and the school follows it.",
            "Outcomes are written in a way my daughter understands, and we review them together.",
        ],
        "mixed": [
            "The plan is fine on paper but the speech therapy in section F does not happen every week.",
            "Section F needs numbers: 'access to' support means nothing when the school is short staffed.",
        ],
        "negative": [
            "The plan is vague and out of date. It still describes him as he was in Year 2 and he is now in Year 7.",
            "None of the occupational therapy in the plan has been delivered this year.",
        ],
    },
    "review_experience": {
        "positive": [
            "The annual review was well run. The paperwork came two weeks before and everyone had read it.",
        ],
        "mixed": [
            "The meeting was good but we still have not had the amended plan, four months later.",
            "School did their part. The council did not send anyone and nothing changed afterwards.",
        ],
        "negative": [
            "No review for 18 months despite me asking. The plan does not match her needs now.",
            "I got the reports the night before the meeting, which meant I could not prepare at all.",
        ],
    },
    "school_comment": {
        "positive": [
            "The SENCO is brilliant and always replies the same day. Her key worker really knows her.",
            "The resource base has changed everything for him. He wants to go to school now.",
        ],
        "mixed": [
            "Primary was great, secondary is much harder: too many teachers who do not read his passport.",
            "Good support in class but lunchtimes and transitions are still very difficult for her.",
        ],
        "negative": [
            "He is on a reduced timetable of two hours a day and has been for a year. I cannot work.",
            "School keeps phoning me to collect her early. That is an exclusion in all but name.",
        ],
    },
    "health_experience": {
        "positive": [
            "The community paediatrician was kind and explained the diagnosis clearly.",
            "Physio has been consistent and has given us exercises we can do at home.",
        ],
        "mixed": [
            "Speech therapy was good when it came, but it was six sessions and then discharged.",
            "CAMHS were helpful once we were seen but the wait nearly broke our family.",
        ],
        "negative": [
            "Two years on the autism assessment waiting list with no support in the meantime.",
            "We were told he does not meet the threshold for CAMHS even after he stopped eating.",
            "OT discharged him without telling school, so the equipment was never set up.",
        ],
    },
    "communication_experience": {
        "positive": [
            "Having one named person to call made all the difference.",
        ],
        "mixed": [
            "Letters arrive in English only. My husband reads them to me but I would like them in Urdu.",
            "Emails get answered eventually, but I never know who is dealing with our case.",
        ],
        "negative": [
            "The SEN team phone line rings out. I have left messages and nobody calls back.",
            "Our caseworker changed four times in one year and each one asked for the same documents again.",
        ],
    },
    "local_offer_comment": {
        "positive": ["Easy to search on my phone. The short breaks page was really useful."],
        "mixed": [
            "Some services listed have closed or have changed their phone numbers.",
            "Please add clearer information on how to ask for an EHC needs assessment.",
        ],
        "negative": [
            "I had never heard of the Local Offer until this survey. Nobody at school mentioned it.",
            "It is full of jargon. I could not find anything about help in the school holidays.",
        ],
    },
    "one_change": {
        "positive": ["Keep the SEND information sessions going, they helped us a lot."],
        "mixed": ["Faster assessments, and someone to talk to while we wait."],
        "negative": [
            "Plans on time, and actually delivering what is in them.",
            "Listen to parents the first time. We know our children.",
            "More special school places close to home so children do not travel an hour each way.",
        ],
    },
    "best_thing": {
        "positive": [
            "My teaching assistant. She gets me.",
            "The quiet room at lunch.",
            "Going to college two days a week.",
        ],
        "mixed": ["Some teachers help. Some do not.", "My tutor is nice but I do not see her much."],
        "negative": ["Nothing really.", "I do not know what support I am meant to have."],
    },
    "change_one_thing": {
        "positive": ["More trips out with my friends.", "Help to learn to travel on the bus on my own."],
        "mixed": ["Less noise in the corridors.", "Teachers should read my plan."],
        "negative": ["People should ask me, not just my mum.", "I want to go back to school full time."],
    },
    "looking_for": {
        "positive": ["Holiday clubs for disabled children."],
        "mixed": ["Who to contact about school transport.", "Autism support groups near Eastfield."],
        "negative": ["How to complain about a late EHC plan.", "Respite. I could not find any."],
    },
    "improve": {
        "positive": ["It is good. Maybe add a map."],
        "mixed": ["Put the phone number at the top of each page.", "Show which services have a waiting list."],
        "negative": ["Too many dead links.", "Translate it. Many parents here do not read English well."],
    },
    "general": {
        "positive": ["Thank you for asking."],
        "mixed": ["Some things are better than last year, some are worse."],
        "negative": ["We feel we are fighting the system every single day."],
    },
}

OTHER_LANGUAGE_COMMENTS = {
    "pl": [
        "Czekamy na ocenę już ponad rok i nikt nie odpowiada na moje maile.",
        "Szkoła bardzo pomaga, nauczycielka wspierająca jest wspaniała.",
        "Listy przychodzą tylko po angielsku, trudno mi wszystko zrozumieć.",
    ],
    "ro": [
        "Am așteptat foarte mult pentru evaluare și nu am primit nicio informație.",
        "Școala ne ajută, dar terapia logopedică a fost oprită fără explicații.",
    ],
    "lt": [
        "Labai ilgai laukėme logopedo. Niekas nepaaiškino kodėl.",
        "Mokykla labai gera, mokytojai supranta mano sūnų.",
    ],
    "ur": [
        "ہمیں بہت لمبا انتظار کرنا پڑا اور کسی نے ہمیں کچھ نہیں بتایا۔",
        "خط صرف انگریزی میں آتے ہیں، مجھے اردو میں معلومات چاہییں۔",
    ],
    "bn": [
        "আমরা অনেক দিন ধরে অপেক্ষা করছি, কেউ আমাদের কিছু জানায়নি।",
        "স্কুল খুব সাহায্য করে, কিন্তু থেরাপি নিয়মিত হয় না।",
    ],
}
