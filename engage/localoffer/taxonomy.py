"""The two taxonomies Engage ships: Local Offer categories and SEN2 primary needs.

Ids are fixed (UUID5 of a stable name), so every installation publishes the same
taxonomy term ids in its Open Referral API and imports between them line up.
"""

from __future__ import annotations

import uuid

_NAMESPACE = uuid.UUID("6f1d7a8e-3c1b-4d0e-9b6a-2f5e8c4d1a00")


def fixed_id(name: str) -> str:
    """A stable UUID for one of Engage's own records."""
    return str(uuid.uuid5(_NAMESPACE, name))


CATEGORY_TAXONOMY_ID = fixed_id("taxonomy:local-offer-category")
NEED_TAXONOMY_ID = fixed_id("taxonomy:sen2-primary-need")

#: (code, English name) of the Local Offer categories (SEND Regulations 2014, Schedule 2)
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("education", "Education"),
    ("health", "Health"),
    ("social-care", "Social care"),
    ("leisure", "Leisure and activities"),
    ("preparing-for-adulthood", "Preparing for adulthood"),
    ("information-advice", "Information, advice and support"),
)

#: (code, English name) of the SEN2 primary need categories (DfE SEN2 return)
NEEDS: tuple[tuple[str, str], ...] = (
    ("SPLD", "Specific learning difficulty"),
    ("MLD", "Moderate learning difficulty"),
    ("SLD", "Severe learning difficulty"),
    ("PMLD", "Profound and multiple learning difficulty"),
    ("SEMH", "Social, emotional and mental health"),
    ("SLCN", "Speech, language and communication needs"),
    ("HI", "Hearing impairment"),
    ("VI", "Visual impairment"),
    ("MSI", "Multi-sensory impairment"),
    ("PD", "Physical disability"),
    ("ASD", "Autistic spectrum disorder"),
    ("OTH", "Other difficulty or disability"),
)

CATEGORY_CODES = frozenset(code for code, _ in CATEGORIES)
NEED_CODES = frozenset(code for code, _ in NEEDS)


def category_term_id(code: str) -> str:
    return fixed_id(f"category:{code}")


def need_term_id(code: str) -> str:
    return fixed_id(f"need:{code}")


def builtin_taxonomies() -> list[dict]:
    """The taxonomies and terms as plain dicts, for seeding the database."""
    return [
        {
            "id": CATEGORY_TAXONOMY_ID,
            "name": "Local Offer category",
            "description": "Categories of provision in a Local Offer (SEND Regulations 2014).",
            "terms": [(category_term_id(c), c, n) for c, n in CATEGORIES],
        },
        {
            "id": NEED_TAXONOMY_ID,
            "name": "SEN2 primary need",
            "description": "Primary type of need as recorded in the DfE SEN2 return.",
            "terms": [(need_term_id(c), c, n) for c, n in NEEDS],
        },
    ]
