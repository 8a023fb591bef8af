# ruff: noqa: E501  (realistic demo text reads better unwrapped)
"""About 150 realistic demo services for Example Borough (fixed seed, idempotent)."""

from __future__ import annotations

import datetime
import random

from engage.clock import utcnow
from engage.extensions import db
from engage.localoffer import models as m
from engage.localoffer import service as ops
from engage.localoffer.districts import district_for_ward, places
from engage.localoffer.evergreen import ensure_evergreen_pages
from engage.localoffer.taxonomy import category_term_id, fixed_id, need_term_id

SEED = 20261122
WARDS = (
    "Abbey",
    "Brookside",
    "Castle",
    "Eastfield",
    "Hillcrest",
    "Kingsmead",
    "Northgate",
    "Riverside",
    "Southmoor",
    "Westbury",
)
_ALL_NEEDS = ["SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH"]

#: (name, organisation, category, needs, min age, max age, free, description, eligibility, how to access)
TEMPLATES: list[tuple] = [
    (
        "Dyslexia Support Group",
        "Example Borough Dyslexia Association",
        "information-advice",
        ["SPLD"],
        5,
        18,
        True,
        "Monthly meetings for parents of children with **dyslexia**: share strategies for reading at home, hear from specialist teachers and borrow assistive technology.",
        "Families of children with dyslexia or suspected dyslexia.",
        "Just come along; no referral needed.",
    ),
    (
        "Specialist Teaching Service: Literacy",
        "Example Borough Council Education",
        "education",
        ["SPLD", "MLD"],
        5,
        16,
        True,
        "Specialist teachers assess literacy difficulties, including dyslexia, and advise schools on teaching and reasonable adjustments.",
        "Pupils in Example Borough schools; the school's SENCo makes the referral.",
        "Ask your child's SENCo to refer.",
    ),
    (
        "Autism Outreach Team",
        "Example Borough Council Education",
        "education",
        ["ASD", "SLCN"],
        4,
        19,
        True,
        "Advice and training for schools and families supporting autistic children and young people, including transition planning.",
        "Autistic children or those awaiting assessment, in Example Borough schools.",
        "Referral through the school's SENCo.",
    ),
    (
        "Speech and Language Therapy",
        "Example Borough NHS Children's Services",
        "health",
        ["SLCN", "ASD", "HI"],
        0,
        18,
        True,
        "Assessment and therapy for children with speech, language, communication and swallowing needs, in clinics, nurseries and schools.",
        "Children registered with an Example Borough GP.",
        "Parents can refer by phone; professionals use the online form.",
    ),
    (
        "Children's Occupational Therapy",
        "Example Borough NHS Children's Services",
        "health",
        ["PD", "SPLD", "ASD"],
        0,
        18,
        True,
        "Help with everyday skills such as dressing, handwriting and sensory processing; equipment advice for home and school.",
        "Children with a GP in Example Borough who have difficulty with everyday activities.",
        "Referral from a GP, health visitor or school.",
    ),
    (
        "Child and Adolescent Mental Health Service (CAMHS)",
        "Example Borough NHS Children's Services",
        "health",
        ["SEMH"],
        5,
        18,
        True,
        "Assessment and treatment for children and young people with moderate to severe mental health difficulties, including anxiety and low mood.",
        "Children and young people registered with an Example Borough GP.",
        "Referral from a GP, school or self-referral at 16+.",
    ),
    (
        "Hearing Support Service",
        "Example Borough Sensory Service",
        "education",
        ["HI", "MSI"],
        0,
        19,
        True,
        "Qualified Teachers of the Deaf support babies, children and young people with hearing loss at home, in early years settings and schools.",
        "Children with a diagnosed hearing loss living in Example Borough.",
        "Referral from audiology or the school.",
    ),
    (
        "Vision Support Service",
        "Example Borough Sensory Service",
        "education",
        ["VI", "MSI"],
        0,
        19,
        True,
        "Qualified Teachers of Children with Vision Impairment, mobility training and Braille teaching.",
        "Children with a diagnosed vision impairment living in Example Borough.",
        "Referral from ophthalmology, a health visitor or the school.",
    ),
    (
        "Short Breaks Saturday Club",
        "Riverside Play Trust",
        "leisure",
        ["ASD", "SLD", "PMLD", "PD", "SEMH"],
        5,
        17,
        False,
        "A fully staffed Saturday club with sensory room, cooking, arts and outdoor play, giving children fun and families a break.",
        "Children with SEND; some places funded through the short breaks offer.",
        "Contact the club; funded places through a short breaks assessment.",
    ),
    (
        "Inclusive Swimming Sessions",
        "Example Borough Leisure",
        "leisure",
        ["PD", "ASD", "SLD", "VI", "HI"],
        3,
        25,
        False,
        "Quiet pool sessions with hoist access, changing places toilet and lifeguards trained in disability awareness.",
        "Children and young people with SEND and their families.",
        "Book online or at reception; carers swim free.",
    ),
    (
        "Wheelchair Basketball Club",
        "Example Borough Sports Partnership",
        "leisure",
        ["PD"],
        8,
        25,
        False,
        "Weekly sessions for all abilities with sports wheelchairs provided.",
        "Anyone with a physical disability, aged 8 to 25.",
        "Come to a free taster session.",
    ),
    (
        "Family Support Workers for Disabled Children",
        "Example Borough Council Children's Social Care",
        "social-care",
        _ALL_NEEDS,
        0,
        18,
        True,
        "Practical and emotional support at home, help with routines and behaviour, and links to other services.",
        "Families of disabled children who need extra help; a social care assessment decides eligibility.",
        "Ask for an assessment through the front door team.",
    ),
    (
        "Disabled Children's Social Work Team",
        "Example Borough Council Children's Social Care",
        "social-care",
        ["SLD", "PMLD", "PD", "MSI", "ASD"],
        0,
        18,
        True,
        "Assessments, care plans and direct payments for disabled children with substantial needs.",
        "Children with a severe or profound disability living in Example Borough.",
        "Referral through the front door team; families can self-refer.",
    ),
    (
        "Direct Payments Advice",
        "Example Borough Council Children's Social Care",
        "social-care",
        _ALL_NEEDS,
        0,
        25,
        True,
        "Help to set up and manage direct payments, employ a personal assistant and keep records.",
        "Families with an assessed social care need.",
        "Your social worker will refer you.",
    ),
    (
        "Supported Internships",
        "Example Borough College",
        "preparing-for-adulthood",
        ["MLD", "SLD", "ASD", "SLCN"],
        16,
        24,
        True,
        "A year-long study programme based with an employer, with a job coach, leading to paid work.",
        "Young people aged 16 to 24 with an EHC plan who want to move into work.",
        "Apply through the college; talk to your EHC plan coordinator.",
    ),
    (
        "Travel Training",
        "Example Borough Council Transport",
        "preparing-for-adulthood",
        ["MLD", "SLD", "ASD", "SEMH"],
        11,
        25,
        True,
        "One-to-one training to travel independently by bus, train or on foot, building confidence step by step.",
        "Young people with SEND who want to travel independently.",
        "Referral from school, college or your family.",
    ),
    (
        "Transition to Adult Services Team",
        "Example Borough Council Adult Social Care",
        "preparing-for-adulthood",
        ["SLD", "PMLD", "PD", "ASD"],
        14,
        25,
        True,
        "Planning from age 14 for adult social care, health and housing so that support continues after 18.",
        "Young people with an EHC plan or a disability likely to need adult care.",
        "Your social worker or EHC coordinator will refer you.",
    ),
    (
        "Independent Living Skills Course",
        "Example Borough College",
        "preparing-for-adulthood",
        ["MLD", "SLD", "ASD"],
        16,
        25,
        True,
        "Cooking, budgeting, shopping and using public transport, in small groups.",
        "Young people aged 16 to 25 with learning difficulties.",
        "Apply online or through your school.",
    ),
    (
        "SENDIASS Example Borough",
        "Example Borough SENDIASS",
        "information-advice",
        _ALL_NEEDS,
        0,
        25,
        True,
        "Free, confidential and impartial information, advice and support about SEND for parents, children and young people, including EHC needs assessments, reviews and appeals.",
        "Parents and carers of children with SEND, and young people up to 25.",
        "Phone, email or drop in; no referral needed.",
    ),
    (
        "Example Borough Parent Carer Forum",
        "Example Borough Parent Carer Forum",
        "information-advice",
        _ALL_NEEDS,
        0,
        25,
        True,
        "The voice of parent carers in Example Borough: coffee mornings, workshops and working with the council and NHS to improve services.",
        "Any parent or carer of a child or young person with SEND.",
        "Join online or come to a coffee morning.",
    ),
    (
        "Portage Home Visiting",
        "Example Borough Council Early Years",
        "education",
        ["SLD", "PMLD", "MLD", "MSI"],
        0,
        5,
        True,
        "Home visits to support play, communication and early learning for young children with additional needs.",
        "Pre-school children with significant developmental delay.",
        "Referral from a health visitor or paediatrician.",
    ),
    (
        "Early Years SEND Inclusion Fund",
        "Example Borough Council Early Years",
        "education",
        _ALL_NEEDS,
        2,
        5,
        True,
        "Funding for nurseries and childminders to support children with emerging SEND.",
        "Children in funded early years places.",
        "The setting applies with your agreement.",
    ),
    (
        "Sensory Play Sessions",
        "Brookside Family Hub",
        "leisure",
        ["PMLD", "SLD", "MSI", "ASD"],
        0,
        5,
        True,
        "Relaxed sessions in a sensory room for under fives and their parents.",
        "Families with young children with additional needs.",
        "Drop in; no booking needed.",
    ),
    (
        "Youth Club for Young People with SEND",
        "Example Borough Youth Service",
        "leisure",
        ["MLD", "SLD", "ASD", "SEMH"],
        11,
        19,
        False,
        "Friday evening club with games, music, trips and a quiet room; staff trained in SEND.",
        "Young people aged 11 to 19 with SEND.",
        "Register online; small charge per session.",
    ),
    (
        "Continence Service",
        "Example Borough NHS Community Health",
        "health",
        ["SLD", "PMLD", "PD"],
        4,
        19,
        True,
        "Assessment, advice and products for children with bladder and bowel difficulties.",
        "Children registered with an Example Borough GP.",
        "Referral from a school nurse, GP or health visitor.",
    ),
    (
        "Wheelchair Service",
        "Example Borough NHS Community Health",
        "health",
        ["PD", "PMLD"],
        0,
        25,
        True,
        "Assessment for and provision of wheelchairs and seating.",
        "People with a long-term mobility difficulty.",
        "Referral from a GP, physiotherapist or occupational therapist.",
    ),
    (
        "Mediation and Disagreement Resolution",
        "Example Borough Mediation Service",
        "information-advice",
        _ALL_NEEDS,
        0,
        25,
        True,
        "Independent mediation about EHC needs assessments and plans, and disagreement resolution between families and schools.",
        "Parents and young people in a disagreement about SEND provision.",
        "Phone the service; mediation must be offered before a tribunal appeal.",
    ),
    (
        "Home to School Travel Assistance",
        "Example Borough Council Transport",
        "education",
        _ALL_NEEDS,
        4,
        25,
        True,
        "Travel assistance for eligible children with SEND, including passes, personal travel budgets and transport.",
        "Children who meet the home to school travel policy.",
        "Apply online each year.",
    ),
    (
        "Young Carers Support",
        "Example Borough Carers Centre",
        "social-care",
        ["SEMH", "OTH"],
        8,
        18,
        True,
        "Groups, trips and one-to-one support for young people who care for a brother, sister or parent.",
        "Young carers aged 8 to 18.",
        "Self-refer or ask your school.",
    ),
    (
        "Music Therapy",
        "Kingsmead Arts Trust",
        "health",
        ["ASD", "SLCN", "PMLD", "SEMH"],
        2,
        18,
        False,
        "Individual and group music therapy with HCPC-registered therapists.",
        "Children with communication or emotional needs.",
        "Contact the trust; fees depend on income.",
    ),
]


# ------------------------------------------------------------------------------------------------ local services
# Beyond the borough-wide services above, each ward has its own: clubs, groups, clinics and schools run from a
# named venue. A kind gives the names, organisation, ages, costs and wording; each service picks from those with
# the seeded random generator, so no two read alike and loading is as fast as before.

#: venue names per ward, as a family would know them
VENUES = {
    "Abbey": ("Abbey Family Hub", "St Aldhelm's Church Hall", "Abbey Meadows Primary School", "Abbey Library"),
    "Brookside": ("Brookside Family Hub", "Brookside Leisure Centre", "Willow Brook Academy", "The Mill Youth Centre"),
    "Castle": (
        "Castle Keep Community Centre",
        "Castle Library",
        "Castle Hill Infant School",
        "Example Town Arts Centre",
    ),
    "Eastfield": ("Eastfield Family Hub", "Eastfield Park Pavilion", "Eastfield Academy", "Orchard Community Rooms"),
    "Hillcrest": ("Hillcrest Children's Centre", "Hillcrest Sports Hall", "Beacon Hill School", "Hillcrest Library"),
    "Kingsmead": ("Kingsmead Community Centre", "Kingsmead Pool", "Kingsmead Primary School", "Kingsmead Arts Barn"),
    "Northgate": ("Northgate Family Hub", "Northgate Methodist Hall", "Northgate High School", "Northgate Library"),
    "Riverside": ("Riverside Family Hub", "Riverside Boathouse", "Riverside Primary School", "Quayside Youth Centre"),
    "Southmoor": ("Southmoor Community Centre", "Southmoor Leisure Centre", "Moorlands Academy", "Southmoor Library"),
    "Westbury": (
        "Westbury Family Hub",
        "Westbury Village Hall",
        "Westbury Church of England Primary",
        "Westbury Library",
    ),
}

#: Each kind: names ({ward}, {venue}), venues to choose from (default: the ward's community venues), organisation, category, needs, age bands, costs (free, fees, amount),
#: opening lines, details to pick from, who it is for, how to access it.
LOCAL_KINDS: list[dict] = [
    {
        "names": (
            "{ward} SEND Parents' Coffee Morning",
            "{venue} Parent Carer Drop-in",
            "{ward} Autism Parents' Circle",
        ),
        "org": "Example Borough Parent Carer Forum",
        "category": "information-advice",
        "needs": ["ASD", "SEMH", "OTH"],
        "ages": ((0, 25),),
        "costs": ((True, "Free; tea and biscuits provided.", 0),),
        "opening": (
            "A friendly, informal morning for parents and carers of children with SEND at {venue}.",
            "Meet other parents who understand, at {venue}, with a volunteer from the Parent Carer Forum.",
        ),
        "details": (
            "A SENDIASS adviser joins on the first visit of each month.",
            "Younger siblings are welcome; there is a play corner.",
            "Bring questions about EHC plans, school places or benefits.",
            "Interpreters for Polish and Urdu can be booked in advance.",
        ),
        "eligibility": "Parents and carers of children and young people with SEND, with or without a diagnosis.",
        "access": "Just come along. Email first if you would like someone to meet you at the door.",
    },
    {
        "venues": ("{ward} Primary School", "St Joseph's Catholic Primary, {ward}", "{ward} Family Hub"),
        "names": (
            "{venue} Inclusive After-School Club",
            "{ward} After-School Club with SEND Places",
            "Kids Connect After-School Club ({ward})",
        ),
        "org": "Example Borough Play Partnership",
        "category": "leisure",
        "needs": ["ASD", "MLD", "SEMH", "SLCN"],
        "ages": ((4, 11), (5, 11), (7, 13)),
        "costs": (
            (False, "£9 a session; funded places for families on a low income.", 9),
            (False, "£12 a session including tea.", 12),
        ),
        "opening": (
            "After-school play with a staff ratio of one to four, collected from local schools and brought to {venue}.",
            "Games, crafts, cooking and a calm room from 3:15 to 6pm at {venue}.",
        ),
        "details": (
            "Staff use Makaton and visual timetables.",
            "A key worker meets each new child before their first session.",
            "Medication can be given by trained staff with a care plan.",
            "A walking bus collects from three nearby schools.",
        ),
        "eligibility": "Primary-age children with SEND; siblings may join when there is space.",
        "access": "Book termly through the club; ask about a funded place when you book.",
    },
    {
        "venues": ("{ward} Leisure Centre", "{ward} Primary School", "{ward} Park Pavilion"),
        "names": (
            "{ward} Holiday Activities with SEND Places",
            "{venue} Summer Fun Week",
            "{ward} Easter Holiday Club",
        ),
        "org": "Example Borough Council Holiday Activities and Food Programme",
        "category": "leisure",
        "needs": ["ASD", "MLD", "SLD", "SEMH", "PD"],
        "ages": ((5, 16), (5, 11), (11, 16)),
        "costs": ((True, "Free for children who get benefits-related free school meals; otherwise £15 a day.", 0),),
        "opening": (
            "Holiday days with sport, arts and a hot lunch at {venue}, with one-to-one support where a child needs it.",
            "Four hours a day of activities and a healthy meal during the school holidays at {venue}.",
        ),
        "details": (
            "A quiet tent is available all day.",
            "Changing facilities include a hoist.",
            "Families get the plan for each day a week ahead, with photos.",
            "Places for children who need one-to-one support are kept until a fortnight before.",
        ),
        "eligibility": "Children and young people living in Example Borough; SEND places are kept for those who need extra support.",
        "access": "Book through the holiday activities website; tell us about any support your child needs.",
    },
    {
        "names": (
            "{venue} Stay and Play for Under Fives",
            "{ward} Little Explorers Sensory Stay and Play",
            "{ward} Chatterbox Stay and Play",
        ),
        "org": "Example Borough Family Hubs",
        "category": "education",
        "needs": ["SLCN", "ASD", "SLD", "PMLD", "MSI"],
        "ages": ((0, 4), (0, 5), (1, 4)),
        "costs": ((True, "Free.", 0),),
        "opening": (
            "A relaxed play session for babies and young children with additional needs and their parents at {venue}.",
            "Play, songs and sensory activities led by an early years practitioner at {venue}.",
        ),
        "details": (
            "A speech and language therapy assistant visits every other week.",
            "Sessions are kept to eight families.",
            "Parents can borrow sensory toys to take home.",
            "A health visitor is on hand for questions about development.",
        ),
        "eligibility": "Families with children under five who have, or may have, additional needs.",
        "access": "Drop in; a health visitor can also refer you.",
    },
    {
        "venues": ("{ward} Primary School", "St Joseph's Catholic Primary, {ward}", "{ward} Church of England Primary"),
        "names": ("{venue} Speech and Language Resource Base", "{venue} Enhanced Learning Provision"),
        "org": "Example Borough Council Education",
        "category": "education",
        "needs": ["SLCN", "ASD"],
        "ages": ((4, 11),),
        "costs": ((True, "Free (a maintained school place).", 0),),
        "opening": (
            "Ten places for pupils with speech, language and communication needs, taught partly in a small class at {venue} and partly in mainstream lessons.",
        ),
        "details": (
            "A speech and language therapist works in the base two days a week.",
            "Pupils join their mainstream class for most of the afternoon.",
            "Transport may be available under the travel assistance policy.",
        ),
        "eligibility": "Pupils with an EHC plan naming speech, language and communication as their main need.",
        "access": "Places are agreed through the EHC plan process; ask your EHC coordinator.",
    },
    {
        "venues": ("{ward} Academy", "{ward} High School"),
        "names": ("{venue} Autism Resource Provision", "The Bridge at {venue}"),
        "org": "Example Borough Council Education",
        "category": "education",
        "needs": ["ASD", "SEMH"],
        "ages": ((11, 16), (11, 18)),
        "costs": ((True, "Free (a maintained school place).", 0),),
        "opening": (
            "A specialist base inside {venue} for autistic students who can learn in mainstream lessons with the right support.",
        ),
        "details": (
            "Each student has a named key adult and a quiet base to return to.",
            "Lunch and break can be spent in the base.",
            "Staff have specialist autism training.",
            "Transition starts in Year 5 with visits and a photo book.",
        ),
        "eligibility": "Autistic students with an EHC plan.",
        "access": "Places are agreed through the EHC plan process.",
    },
    {
        "venues": ("{ward} Family Hub", "{ward} Children's Centre"),
        "names": ("{ward} Little Steps Nursery", "{venue} Nursery (Enhanced SEND Places)", "Acorns Pre-School, {ward}"),
        "org": "Example Borough Early Years Providers",
        "category": "education",
        "needs": ["SLCN", "ASD", "PD", "MLD"],
        "ages": ((0, 4), (2, 4)),
        "costs": (
            (False, "Funded hours for 2, 3 and 4 year olds; extra hours £6.50 an hour.", 6.5),
            (False, "15 and 30 hours funded; extra sessions £28 a morning.", 28),
        ),
        "opening": ("A nursery at {venue} with a SENCo and staff trained to support children with additional needs.",),
        "details": (
            "The Early Years SEND Inclusion Fund pays for extra staff where a child needs it.",
            "Outdoor learning every day, with a level garden.",
            "Staff trained in Makaton and PECS.",
            "Settling-in visits at your child's pace.",
        ),
        "eligibility": "Children from birth to school age; SEND places in every room.",
        "access": "Contact the nursery to visit; apply for funded hours through the council.",
    },
    {
        "names": ("{ward} Friday Youth Club", "{venue} Youth Club for Young People with SEND", "The Hangout ({ward})"),
        "org": "Example Borough Youth Service",
        "category": "leisure",
        "needs": ["MLD", "SLD", "ASD", "SEMH"],
        "ages": ((11, 19), (13, 25), (11, 18)),
        "costs": ((False, "£2 a session.", 2), (False, "£3 a session; first session free.", 3)),
        "opening": (
            "An evening youth club at {venue} with games, music, cooking and trips, run by youth workers trained in SEND.",
        ),
        "details": (
            "A quiet room is open all evening.",
            "Young people plan the trips themselves.",
            "Personal assistants are welcome and come free.",
            "There is a fortnightly gaming night.",
        ),
        "eligibility": "Young people with SEND.",
        "access": "Register online or come along with a parent the first time.",
    },
    {
        "venues": ("{ward} Leisure Centre", "{ward} Sports Hall", "{ward} Park Pavilion"),
        "names": (
            "{ward} Inclusive Football Club",
            "{ward} Boccia Club",
            "Trampoline Sessions at {venue}",
            "{ward} Adapted Cycling",
        ),
        "org": "Example Borough Sports Partnership",
        "category": "leisure",
        "needs": ["PD", "ASD", "MLD", "SLD"],
        "ages": ((6, 16), (8, 25), (5, 18), (11, 25)),
        "costs": (
            (False, "£4 a session.", 4),
            (False, "£20 for a 6-week block.", 20),
            (True, "Free taster session, then £3.", 0),
        ),
        "opening": ("Sport for all abilities at {venue}, with qualified coaches and adapted equipment.",),
        "details": (
            "Coaches hold disability inclusion qualifications.",
            "Equipment is provided.",
            "Carers join in or watch from the side, free.",
            "Some players go on to county squads.",
        ),
        "eligibility": "Children and young people with a disability or additional needs.",
        "access": "Book a free taster through the Sports Partnership.",
    },
    {
        "venues": ("{ward} Family Hub", "{ward} Health Centre"),
        "names": ("{ward} Community Paediatric Clinic", "Children's Health Clinic at {venue}"),
        "org": "Example Borough NHS Children's Services",
        "category": "health",
        "needs": ["ASD", "PD", "SLD", "OTH"],
        "ages": ((0, 18),),
        "costs": ((True, "Free (NHS).", 0),),
        "opening": (
            "Outpatient appointments with a community paediatrician at {venue}, closer to home than the hospital.",
        ),
        "details": (
            "Appointments can be made longer when a child needs more time.",
            "A play specialist is in clinic on Tuesdays.",
            "Interpreters are booked for you.",
        ),
        "eligibility": "Children registered with a GP in Example Borough and referred to community paediatrics.",
        "access": "Referral from a GP, health visitor or school nurse.",
    },
    {
        "paired": True,
        "names": ("{ward} Health Visiting Team", "{ward} School Nursing Team"),
        "org": "Example Borough NHS Community Health",
        "category": "health",
        "needs": ["OTH", "SEMH", "PD"],
        "ages": ((0, 5), (5, 19)),
        "costs": ((True, "Free (NHS).", 0),),
        "opening": (
            "Health checks, advice on development, sleep and continence, and referrals to specialists, from a team based at {venue}.",
        ),
        "details": (
            "Text the team on weekdays for advice.",
            "Home visits for families who cannot get to clinic.",
            "The team joins EHC needs assessments with health advice.",
        ),
        "eligibility": "Families living in {ward} ward.",
        "access": "Phone or text the team; no referral needed.",
    },
    {
        "names": ("{ward} Wellbeing Drop-in for Teenagers", "Mind Matters Group ({ward})"),
        "org": "Example Borough Youth Wellbeing Partnership",
        "category": "health",
        "needs": ["SEMH", "ASD"],
        "ages": ((11, 18), (13, 25)),
        "costs": ((True, "Free.", 0),),
        "opening": (
            "Talk to a wellbeing practitioner about worries, low mood or anxiety at {venue}, without an appointment.",
        ),
        "details": (
            "Sessions are confidential.",
            "Autistic young people can book a quieter time slot.",
            "Practitioners can refer on to CAMHS when needed.",
        ),
        "eligibility": "Young people who live or go to school in Example Borough.",
        "access": "Walk in, or a parent, teacher or GP can make a referral.",
    },
    {
        "venues": ("{ward} House", "The Lodge, {ward}"),
        "names": ("{ward} Overnight Short Breaks", "{venue} Weekend Short Breaks"),
        "org": "Example Borough Council Children's Social Care",
        "category": "social-care",
        "needs": ["SLD", "PMLD", "ASD", "PD"],
        "ages": ((8, 18), (5, 17)),
        "costs": ((True, "Free after a short breaks assessment.", 0),),
        "opening": (
            "Overnight and weekend stays with trained care staff, giving children new experiences and families a rest.",
        ),
        "details": (
            "Bedrooms have ceiling hoists and sensory lighting.",
            "Children visit for tea several times before their first night.",
            "Rated good by Ofsted.",
        ),
        "eligibility": "Disabled children with substantial needs, after a social care assessment.",
        "access": "Ask for a short breaks assessment through the front door team.",
    },
    {
        "names": ("{ward} Home Sitting Service", "Family Sitters ({ward})"),
        "org": "Example Borough Carers Centre",
        "category": "social-care",
        "needs": ["SLD", "PMLD", "ASD", "PD", "MSI"],
        "ages": ((0, 18), (5, 25)),
        "costs": ((False, "£14 an hour; can be paid with a direct payment.", 14),),
        "opening": (
            "A trained sitter looks after your disabled child at home so you can have a few hours to yourself.",
        ),
        "details": (
            "Sitters are DBS checked and trained in epilepsy care.",
            "The same sitter comes each time.",
            "Evening and weekend sitting available.",
        ),
        "eligibility": "Families of disabled children living in Example Borough.",
        "access": "Contact the Carers Centre for a home visit.",
    },
    {
        "names": ("{ward} Sibs Group", "Brothers and Sisters Club ({ward})"),
        "org": "Example Borough Carers Centre",
        "category": "social-care",
        "needs": ["OTH", "SEMH"],
        "ages": ((6, 12), (8, 16)),
        "costs": ((True, "Free.", 0),),
        "opening": (
            "A monthly group at {venue} for brothers and sisters of disabled children: fun, friendships and time that is just for them.",
        ),
        "details": ("Includes trips in the holidays.", "Young carers can also get a young carers assessment."),
        "eligibility": "Siblings of children with SEND.",
        "access": "Self-refer or ask your school.",
    },
    {
        "venues": ("{ward} Library", "Example Borough College, {ward} Campus", "{ward} Community Centre"),
        "names": (
            "{ward} Job Club for Young Adults with SEND",
            "Ready for Work ({venue})",
            "{ward} Supported Work Experience",
        ),
        "org": "Example Borough Employment and Skills",
        "category": "preparing-for-adulthood",
        "needs": ["MLD", "SLD", "ASD", "SLCN"],
        "ages": ((16, 25), (18, 25)),
        "costs": ((True, "Free.", 0),),
        "opening": (
            "Weekly sessions at {venue} on CVs, interviews and finding work, with a job coach who stays with you into your first job.",
        ),
        "details": (
            "Links with local employers including the hospital and the council.",
            "Help with Access to Work applications.",
            "Sessions in Easy Read.",
        ),
        "eligibility": "Young people with SEND who want to work.",
        "access": "Self-refer, or ask your college or EHC coordinator.",
    },
    {
        "venues": ("{ward} Training Flat", "Example Borough College, {ward} Campus"),
        "names": ("{ward} Independent Living Skills Flat", "Moving On Course ({venue})"),
        "org": "Example Borough Council Adult Social Care",
        "category": "preparing-for-adulthood",
        "needs": ["MLD", "SLD", "ASD"],
        "ages": ((16, 25), (17, 25)),
        "costs": ((True, "Free.", 0),),
        "opening": ("Practise cooking, budgeting, laundry and staying safe at home in a training flat at {venue}.",),
        "details": (
            "Up to four nights' trial stays.",
            "Support planned with the young person, not just for them.",
            "Links to supported housing for the next step.",
        ),
        "eligibility": "Young people with an EHC plan or known to the transition team.",
        "access": "Referral from the transition team or your social worker.",
    },
    {
        "venues": ("{ward} Library", "{ward} Arts Centre"),
        "paired": True,
        "names": ("Sensory Storytime at {venue}", "{ward} Relaxed Cinema Screenings", "Quiet Hour at {venue}"),
        "org": "Example Borough Libraries and Culture",
        "category": "leisure",
        "needs": ["ASD", "PMLD", "SLD", "SEMH"],
        "ages": ((0, 7), (0, 25), (3, 12)),
        "costs": ((True, "Free.", 0), (False, "£3 a ticket; carers free.", 3)),
        "opening": (
            "Relaxed sessions at {venue} with low lighting, no loud noises and no problem if children move about or make noise.",
        ),
        "details": (
            "Ear defenders and fidget toys available.",
            "Visual story of the visit on the website.",
            "Step-free with a Changing Places toilet nearby.",
        ),
        "eligibility": "Children and families who find busy places hard.",
        "access": "Drop in; no booking needed.",
    },
    {
        "names": (
            "Polish-speaking SEND Parents' Group ({ward})",
            "Urdu-speaking Parents' SEND Circle ({ward})",
            "Romanian-speaking Families' SEND Group ({ward})",
        ),
        "org": "Example Borough Community Languages Network",
        "category": "information-advice",
        "needs": ["ASD", "SLCN", "MLD", "OTH"],
        "ages": ((0, 25),),
        "costs": ((True, "Free.", 0),),
        "opening": (
            "A group at {venue} where parents can talk about SEND, EHC plans and school in their own language.",
        ),
        "details": (
            "A bilingual SENDIASS volunteer attends monthly.",
            "Help to fill in forms and prepare for meetings.",
            "Childcare provided.",
        ),
        "eligibility": "Parents and carers of children with SEND.",
        "access": "Come along or message the group organiser.",
    },
    {
        "names": ("{ward} Drama Group for Young People with SEND", "Inclusive Dance at {venue}", "{ward} Art Club"),
        "org": "Kingsmead Arts Trust",
        "category": "leisure",
        "needs": ["ASD", "MLD", "SLD", "PD", "SLCN"],
        "ages": ((8, 18), (11, 25), (5, 12)),
        "costs": ((False, "£5 a session; bursaries available.", 5), (False, "£40 a term.", 40)),
        "opening": ("Weekly creative sessions at {venue} led by artists who work with disabled young people.",),
        "details": (
            "Shows for family and friends each term.",
            "Wheelchair users take full part.",
            "A support worker is present at every session.",
        ),
        "eligibility": "Children and young people with SEND.",
        "access": "Contact the trust for a taster session.",
    },
    {
        "names": ("{ward} Early Help Team", "{venue} Family Support Drop-in"),
        "org": "Example Borough Family Hubs",
        "category": "social-care",
        "needs": ["SEMH", "ASD", "OTH"],
        "ages": ((0, 18),),
        "costs": ((True, "Free.", 0),),
        "opening": (
            "Family support workers at {venue} help with routines, sleep, behaviour and getting the right services involved.",
        ),
        "details": (
            "Parenting courses for families of autistic children.",
            "Support at home, at the hub or by phone.",
            "A team around the family meeting brings services together.",
        ),
        "eligibility": "Families who need some extra help, with the family's agreement.",
        "access": "Self-refer at the hub or ask your school or health visitor.",
    },
]


def _local_spec(n: int, rng: random.Random) -> tuple[tuple, str, str]:
    """(template, ward, venue) for service ``n`` beyond the borough-wide ones: a kind in a ward it has not used."""
    k = n - len(TEMPLATES)
    index, round_ = k % len(LOCAL_KINDS), k // len(LOCAL_KINDS)
    kind = LOCAL_KINDS[index]
    ward = WARDS[(index * 7 + round_ * 3) % len(WARDS)]  # a kind's first ten rounds fall in ten different wards
    # a school base is in a school, a club in a leisure centre; otherwise a community venue (never a school)
    community = [v for v in VENUES[ward] if not any(word in v for word in ("School", "Academy", "Primary"))]
    venues = [v.format(ward=ward) for v in kind.get("venues", ())] or community
    venue = rng.choice(venues)
    name = kind["names"][round_ % len(kind["names"])].format(ward=ward, venue=venue)
    # a "paired" kind's age bands go with its names (a health visiting team is for under fives)
    low, high = kind["ages"][round_ % len(kind["ages"])] if kind.get("paired") else rng.choice(kind["ages"])
    free, fees, amount = rng.choice(kind["costs"])
    opening = rng.choice(kind["opening"]).format(venue=venue)
    details = " ".join(rng.sample(kind["details"], min(2, len(kind["details"]))))
    needs = sorted(rng.sample(kind["needs"], max(1, len(kind["needs"]) - rng.randint(0, 1))))
    template = (name, kind["org"], kind["category"], needs, low, high, free, f"{opening} {details}",
                kind["eligibility"].format(ward=ward), kind["access"])  # fmt: skip
    return template, ward, venue, fees, amount


_LANGS = [("English", "en"), ("Polish", "pl"), ("Urdu", "ur"), ("Romanian", "ro"), ("British Sign Language", "bfi")]
_ACCESS = [
    "Step-free entrance and lift to all floors.",
    "Hearing loop at reception.",
    "Accessible toilet and Changing Places toilet.",
    "Quiet room available on request.",
    "Disabled parking bays beside the entrance.",
]
_POLISH = {
    "Speech and Language Therapy": (
        "Terapia mowy i języka",
        "Ocena i terapia dzieci z potrzebami w zakresie mowy, języka i komunikacji.",
    ),
    "SENDIASS Example Borough": (
        "SENDIASS Example Borough",
        "Bezpłatne, poufne i bezstronne informacje i porady dotyczące SEND.",
    ),
    "Autism Outreach Team": (
        "Zespół wsparcia dla osób z autyzmem",
        "Porady i szkolenia dla szkół i rodzin wspierających dzieci z autyzmem.",
    ),
}


def _location(rng: random.Random, n: int, ward: str, venue: str | None = None) -> dict:
    place = places()[ward.upper()]
    district = district_for_ward(ward)
    lid = fixed_id(f"demo:location:{n}")
    return {
        "id": fixed_id(f"demo:sal:{n}"),
        "location": {
            "id": lid,
            "location_type": "physical",
            "name": venue or (f"{ward} Community Centre" if n % 3 else f"{ward} Family Hub"),
            "latitude": round(place.latitude + rng.uniform(-0.008, 0.008), 5),
            "longitude": round(place.longitude + rng.uniform(-0.012, 0.012), 5),
            "addresses": [
                {
                    "id": fixed_id(f"demo:address:{n}"),
                    "address_1": f"{rng.randint(1, 120)} {rng.choice(['High Street', 'Station Road', 'Church Lane', 'Mill Road'])}",
                    "city": "Example Town" if ward == "Castle" else ward,
                    "state_province": "Example Borough",
                    "postal_code": f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                    "country": "GB",
                    "address_type": "physical",
                }
            ],
            "accessibility": [
                {"id": fixed_id(f"demo:access:{n}:{i}"), "description": text}
                for i, text in enumerate(rng.sample(_ACCESS, 2))
            ],
        },
    }


def _document(
    n: int, template: tuple, ward: str, rng: random.Random, today: datetime.date, local: tuple | None = None
) -> dict:
    """One service; ``local`` is (venue, fees, amount) for a ward's own service, None for a borough-wide one."""
    name, org, category, needs, low, high, free, description, eligibility, access = template
    venue, fees, amount = local or (None, None, None)
    if local is None:
        description += f"\n\nSessions run in {ward} and across Example Borough."
    slug = org.lower().replace(" ", "-").replace("'", "")
    checked = today - datetime.timedelta(days=rng.choice([20, 60, 150, 240, 330, 400, 500]))
    doc = {
        "id": fixed_id(f"demo:service:{n}"),
        "name": name,
        "description": description,
        "status": "active",
        "url": f"https://www.example.org/{slug}",
        "email": f"hello@{slug[:20].strip('-')}.example.org",
        "minimum_age": low,
        "maximum_age": high,
        "assured_date": checked.isoformat(),
        "eligibility_description": eligibility,
        "application_process": access,
        "fees": fees or ("Free" if free else "A small charge per session; funded places are available."),
        "organization": {
            "id": fixed_id(f"demo:org:{org}"),
            "name": org,
            "description": f"{org} provides services for children and young people with SEND in Example Borough.",
            "website": f"https://www.example.org/{slug}",
        },
        "contacts": [
            {
                "id": fixed_id(f"demo:contact:{n}"),
                "name": "Duty officer" if n % 2 else "Service coordinator",
                "email": f"contact@{slug[:20].strip('-')}.example.org",
                "phones": [{"id": fixed_id(f"demo:phone:{n}"), "number": f"01632 {rng.randint(100000, 999999)}"}],
            }
        ],
        "schedules": [
            {
                "id": fixed_id(f"demo:schedule:{n}"),
                "freq": "WEEKLY",
                "byday": rng.choice(["MO,TU,WE,TH,FR", "SA", "TU,TH", "WE"]),
                "opens_at": rng.choice(["09:00", "10:00", "13:30"]),
                "closes_at": rng.choice(["12:00", "16:00", "17:00"]),
                "description": "Term time only." if n % 4 == 0 else "Open all year except bank holidays.",
            }
        ],
        "languages": [
            {"id": fixed_id(f"demo:lang:{n}:{code}"), "name": lang, "code": code}
            for lang, code in [_LANGS[0]] + rng.sample(_LANGS[1:], rng.randint(0, 2))
        ],
        "cost_options": [
            {
                "id": fixed_id(f"demo:cost:{n}"),
                "option": "Per session",
                "amount": amount if amount is not None else (0 if free else rng.choice([3, 5, 8])),
                "amount_description": "per session",
            }
        ],
        "attributes": [{"id": fixed_id(f"demo:attr:{n}:{category}"), "taxonomy_term_id": category_term_id(category)}]
        + [{"id": fixed_id(f"demo:attr:{n}:{code}"), "taxonomy_term_id": need_term_id(code)} for code in needs],
        "service_at_locations": [_location(rng, n, ward, venue)],
    }
    return doc


def demo_documents(count: int = 150, today: datetime.date | None = None) -> list[dict]:
    """Open Referral documents for ``count`` demo services (deterministic): the borough-wide services, then each
    ward's own clubs, groups, clinics and schools, every one with its own name."""
    rng = random.Random(SEED)
    today = today or datetime.date(2026, 11, 1)
    docs, seen = [], set()
    for n in range(count):
        if n < len(TEMPLATES):
            template, ward, local = TEMPLATES[n], WARDS[(n + 3 * (n // len(TEMPLATES))) % len(WARDS)], None
        else:
            template, ward, venue, fees, amount = _local_spec(n, rng)
            local = (venue, fees, amount)
            if template[0] in seen:  # only beyond the demo's 150 (benchmarks ask for thousands)
                template = (f"{template[0]}: group {n}", *template[1:])
        seen.add(template[0])
        docs.append(_document(n, template, ward, rng, today, local))
    return docs


_URDU = {
    "SENDIASS Example Borough": (
        "SENDIASS ایگزامپل بورو",
        "SEND کے بارے میں مفت، رازدارانہ اور غیر جانبدارانہ معلومات اور مشورہ۔",
    ),
}


def _translate(docs: list[dict]) -> None:
    for doc in docs:
        base = doc["name"].split(" (")[0]
        if (
            base in _URDU
            and not db.session.query(m.ServiceTranslation).filter_by(service_id=doc["id"], language="ur").first()
        ):
            name, description = _URDU[base]
            db.session.add(m.ServiceTranslation(service_id=doc["id"], language="ur", field="name", text=name))
            db.session.add(
                m.ServiceTranslation(service_id=doc["id"], language="ur", field="description", text=description)
            )
        base = doc["name"].split(" (")[0]
        if (
            base in _POLISH
            and not db.session.query(m.ServiceTranslation).filter_by(service_id=doc["id"], language="pl").first()
        ):
            name, description = _POLISH[base]
            db.session.add(m.ServiceTranslation(service_id=doc["id"], language="pl", field="name", text=name))
            db.session.add(
                m.ServiceTranslation(service_id=doc["id"], language="pl", field="description", text=description)
            )


def load_demo() -> None:
    """Load the demo Local Offer; loading twice changes nothing."""
    ops.ensure_taxonomies()
    ensure_evergreen_pages()
    # The demo area's content is the starting text: the drafts a first start created are published as they are.
    db.session.query(m.EvergreenPage).filter(m.EvergreenPage.needs_content.is_(True)).update(
        {m.EvergreenPage.needs_content: False}
    )
    docs = demo_documents(today=utcnow().date())
    fresh = [d for d in docs if db.session.get(m.Service, d["id"]) is None]
    if fresh:
        ops.import_data(fresh, True, None)
    _translate(docs)
    db.session.commit()
