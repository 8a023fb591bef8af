"""Demo actions (about 20, in every status, with dated updates) and co-production records for the demo
consultations. Part of engage.consultations.demo; idempotent through the action titles."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from engage.clock import utcnow
from engage.consultations import actions, service
from engage.consultations.models import Action, ActionStatus, Consultation, Involvement
from engage.extensions import db
from engage.feedback.models import Theme

P, G, D, N = ActionStatus.planned, ActionStatus.in_progress, ActionStatus.done, ActionStatus.not_doing
#: (consultation slug or None, title, owner team, status, days from today it is due, reason for not doing)
ACTIONS = (
    ("local-offer-website-2026", "Make every Local Offer page work on a phone", "Local Offer team", D, -60, ""),
    ("local-offer-website-2026", "Add Polish, Romanian, Lithuanian, Urdu and Bengali", "Local Offer team", D, -30, ""),
    ("local-offer-website-2026", "Typo-tolerant search of the directory", "Local Offer team", D, -20, ""),
    ("local-offer-website-2026", "Easy-read versions of the five key pages", "Local Offer team", G, 30, ""),
    ("local-offer-website-2026", "A printed Local Offer booklet for every school", "Local Offer team", N, None,
     "Printed copies go out of date within weeks; schools will print the pages they need instead."),
    ("local-offer-website-2026", "Review every service entry every 12 months", "Parent Carer Forum", G, 90, ""),
    ("send-transport-policy", "Publish travel assistance decisions within 20 days", "SEND transport team", P, 45, ""),
    ("send-transport-policy", "Autism awareness training for taxi drivers", "SEND transport team", G, -5, ""),
    ("send-transport-policy", "A named contact for every route", "SEND transport team", P, 60, ""),
    ("send-transport-policy", "Free bus passes for all post-16 learners", "SEND transport team", N, None,
     "The budget does not allow it this year; post-16 travel support stays needs-led."),
    ("short-breaks-2027", "After-school clubs in three more schools", "Short breaks team", P, 120, ""),
    ("short-breaks-2027", "Holiday play schemes with trained staff", "Short breaks team", P, 150, ""),
    (None, "Reply to every EHC needs assessment request within 6 weeks", "SEND casework team", G, -10, ""),
    (None, "A single phone line for SEND enquiries", "SEND casework team", D, -90, ""),
    (None, "Text reminders before annual reviews", "SEND casework team", P, 30, ""),
    (None, "Quiet waiting rooms in the child development centre", "Community paediatrics", G, 20, ""),
    (None, "Shorter waits for speech and language therapy", "Speech and language therapy", G, -15, ""),
    (None, "Parent carer training on preparing for adulthood", "Parent Carer Forum", D, -40, ""),
    (None, "Weekend respite for every family that asks", "Short breaks team", N, None,
     "There are not enough carers to promise it; families in most need are offered weekend places first."),
    (None, "Young people's panel to review new services", "Participation team", P, 75, ""),
)  # fmt: skip
COPRODUCTION = {
    "local-offer-website-2026": (Involvement.co_producing, "The Parent Carer Forum with the Local Offer team", 6, 4,
                                 "SEND Partnership Board"),
    "send-transport-policy": (Involvement.consulting, "The council's SEND transport team", 2, 0, "Cabinet"),
    "short-breaks-2027": (Involvement.co_designing, "The Parent Carer Forum and the short breaks team", 5, 3,
                          "SEND Partnership Board"),
    "preparing-for-adulthood-2027": (Involvement.engaging, "The young people's panel", 0, 8, "Not decided yet"),
}  # fmt: skip


def load_demo_actions() -> None:
    themes = list(db.session.scalars(select(Theme).where(Theme.retired.is_(False)).order_by(Theme.id)))
    by_slug = {c.slug: c for c in db.session.scalars(select(Consultation))}
    today = utcnow().date()
    for n, (slug, title, owner, status, due, reason) in enumerate(ACTIONS):
        if db.session.scalar(select(Action.id).where(Action.title == title)):
            continue
        action = actions.create_action(
            title=title, owner=owner, consultation=by_slug.get(slug) if slug else None,
            due_on=today + timedelta(days=due) if due is not None else None,
            theme_slugs=[themes[n % len(themes)].slug] if themes else [],
        )  # fmt: skip
        if status != P:
            actions.post_update(action, text=_update_text(status), status=status, reason=reason)
    for slug, (level, agenda, pcf, young, where) in COPRODUCTION.items():
        if slug in by_slug and by_slug[slug].involvement is None:
            service.record_coproduction(by_slug[slug], involvement=level, agenda_set_by=agenda, pcf_representatives=pcf,
                                        young_people_shaping=young, decided_where=where)  # fmt: skip


def _update_text(status: ActionStatus) -> str:
    return {
        G: "Work has started; we will post the next update within a month.",
        D: "Done. Thank you to the families who told us this mattered.",
        N: "We have decided not to do this. The reason is given below.",
    }[status]
