"""The pages the SEND Code of Practice expects every Local Offer to carry.

Each has an owner and a review date. The text here is the starting content, true of every area in England but
not yet the area's own: a page created from it is a draft that "needs your content" (hidden from families, listed
as due for review) until someone publishes it. ``ensure_evergreen_pages`` adds any page that is missing and never
changes one that exists. The migration 9a4d2c6e1f70 holds a copy of this text, as migrations must.
"""

from __future__ import annotations

import datetime

from engage import area as areas
from engage.clock import utcnow
from engage.extensions import db
from engage.localoffer import models as m

#: slug, title, owner ({area} is the area's name), Markdown body
PAGES: tuple[tuple[str, str, str, str], ...] = (
    (
        "ehc-needs-assessment",
        "Requesting an education, health and care (EHC) needs assessment",
        "SEND Assessment Team, {area} Council",
        "An EHC needs assessment looks at your child's special educational needs and the support "
        "they need. **Parents, young people aged 16 to 25, and schools can ask for one.**\n\n"
        "1. Write to the SEND Assessment Team saying why you think your child needs an assessment.\n"
        "2. We must tell you within **6 weeks** whether we will carry out the assessment.\n"
        "3. If we assess, the whole process, including any plan, must finish within **20 weeks**.\n\n"
        "If we say no, you can ask for mediation and appeal to the SEND Tribunal. SENDIASS can help "
        "you at every step, free of charge.",
    ),
    (
        "sendiass-and-pcf",
        "SENDIASS and the Parent Carer Forum",
        "{area} SENDIASS and {area} Parent Carer Forum",
        "**SENDIASS** (SEND Information, Advice and Support Service) gives free, confidential and "
        "impartial advice to parents, children and young people about SEND, including EHC plans, "
        "exclusions and appeals.\n\n"
        "The **Parent Carer Forum** is run by parents of children with SEND. It works with the council "
        "and the NHS to improve services, and it checks the quality of this Local Offer.",
    ),
    (
        "complaints-mediation-tribunal",
        "Complaints, mediation and the SEND Tribunal",
        "Customer Feedback Team, {area} Council",
        "If you are unhappy with a school, the council or a health service, talk to them first; most "
        "problems are sorted out that way.\n\n"
        "- **Complaints**: each organisation has a complaints procedure.\n"
        "- **Disagreement resolution** and **mediation** are free and independent.\n"
        "- **The SEND Tribunal** hears appeals about EHC needs assessments and plans. Before you appeal "
        "you must contact a mediation adviser, unless your appeal is only about the school named.",
    ),
    (
        "travel-assistance",
        "Travel assistance to school or college",
        "Home to School Transport Team, {area} Council",
        "Some children and young people with SEND can get help travelling to school or college: a bus "
        "pass, a personal travel budget, travel training or transport.\n\n"
        "Read the travel assistance policy and apply each year. Young people over 16 apply through the "
        "post-16 transport policy statement, published every May.",
    ),
    (
        "preparing-for-adulthood",
        "Preparing for adulthood",
        "Preparing for Adulthood Team, {area} Council",
        "From Year 9 (age 13 to 14) every EHC plan review looks at the young person's future: "
        "**employment, independent living, friends and community, and good health.**\n\n"
        "Find supported internships, travel training, college courses and adult services in the "
        "preparing for adulthood category of this Local Offer.",
    ),
)


def ensure_evergreen_pages(today: datetime.date | None = None, draft: bool = False) -> list[str]:
    """Add any missing statutory page (with `draft`, one that needs the area's content, as `area init` makes), owned
    and due for review a year after today; return the slugs added. Existing pages are left as they are."""
    today = today or utcnow().date()
    area_name = areas.current().name
    added = []
    for slug, title, owner, body in PAGES:
        if db.session.query(m.EvergreenPage).filter_by(slug=slug).first() is None:
            db.session.add(
                m.EvergreenPage(
                    slug=slug,
                    title=title,
                    owner=owner.format(area=area_name),
                    body=body,
                    reviewed_on=today,
                    review_due=_a_year_after(today),
                    needs_content=draft,
                )
            )
            added.append(slug)
    db.session.flush()
    return added


def _a_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
