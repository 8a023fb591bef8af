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


def _location(rng: random.Random, n: int, ward: str) -> dict:
    place = places()[ward.upper()]
    district = district_for_ward(ward)
    lid = fixed_id(f"demo:location:{n}")
    return {
        "id": fixed_id(f"demo:sal:{n}"),
        "location": {
            "id": lid,
            "location_type": "physical",
            "name": f"{ward} Community Centre" if n % 3 else f"{ward} Family Hub",
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


def _document(n: int, template: tuple, ward: str, rng: random.Random, today: datetime.date) -> dict:
    name, org, category, needs, low, high, free, description, eligibility, access = template
    name = name if n < len(TEMPLATES) else f"{name} ({ward})"
    slug = org.lower().replace(" ", "-").replace("'", "")
    checked = today - datetime.timedelta(days=rng.choice([20, 60, 150, 240, 330, 400, 500]))
    doc = {
        "id": fixed_id(f"demo:service:{n}"),
        "name": name,
        "description": description + f"\n\nSessions run in {ward} and across Example Borough.",
        "status": "active",
        "url": f"https://www.example.org/{slug}",
        "email": f"hello@{slug[:20].strip('-')}.example.org",
        "minimum_age": low,
        "maximum_age": high,
        "assured_date": checked.isoformat(),
        "eligibility_description": eligibility,
        "application_process": access,
        "fees": "Free" if free else "A small charge per session; funded places are available.",
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
                "amount": 0 if free else rng.choice([3, 5, 8]),
                "amount_description": "per session",
            }
        ],
        "attributes": [{"id": fixed_id(f"demo:attr:{n}:{category}"), "taxonomy_term_id": category_term_id(category)}]
        + [{"id": fixed_id(f"demo:attr:{n}:{code}"), "taxonomy_term_id": need_term_id(code)} for code in needs],
        "service_at_locations": [_location(rng, n, ward)],
    }
    return doc


def _ward(n: int) -> str:
    """Each repeat of a template goes to a different ward."""
    return WARDS[(n + 3 * (n // len(TEMPLATES))) % len(WARDS)]


def demo_documents(count: int = 150, today: datetime.date | None = None) -> list[dict]:
    """Open Referral documents for ``count`` demo services (deterministic)."""
    rng = random.Random(SEED)
    today = today or datetime.date(2026, 11, 1)
    return [_document(n, TEMPLATES[n % len(TEMPLATES)], _ward(n), rng, today) for n in range(count)]


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
    docs = demo_documents(today=utcnow().date())
    fresh = [d for d in docs if db.session.get(m.Service, d["id"]) is None]
    if fresh:
        ops.import_data(fresh, True, None)
    _translate(docs)
    db.session.commit()
