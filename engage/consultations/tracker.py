"""Reads for the public actions tracker on "You said, we did" and for leaders' digests (overdue actions)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from flask import request
from sqlalchemy import select

from engage.consultations.models import Action, ActionStatus, action_themes
from engage.extensions import db
from engage.feedback.models import Theme
from engage.reach.sources import DueItem, register_due_source

#: Digests' "Actions due" section is for the leaders and moderators who answer for them.
DUE_ROLES = ("moderator", "leader")
STATUS_ORDER = (ActionStatus.in_progress, ActionStatus.planned, ActionStatus.done, ActionStatus.not_doing)


@dataclass(frozen=True)
class Tracker:
    actions: list[Action]
    themes: list[Theme]
    status: ActionStatus | None
    theme: str | None


def actions(status: ActionStatus | None = None, theme: str | None = None) -> list[Action]:
    query = select(Action)
    if status is not None:
        query = query.where(Action.status == status)
    if theme:
        query = query.where(Action.themes.any(Theme.slug == theme))
    found = db.session.scalars(query).all()
    return sorted(found, key=lambda a: (STATUS_ORDER.index(a.status), a.due_on or date.max, a.id))


#: ?due= on the staff list of actions: past their date, or due within engage.workload.DUE_SOON_DAYS
DUE_FILTERS = ("overdue", "soon")
DUE_SOON_DAYS = 14


def actions_due(due: str, today: date) -> list[Action]:
    """Unfinished actions past their due date ("overdue") or due in the next two weeks ("soon"), soonest first."""
    unfinished = Action.status.in_((ActionStatus.planned, ActionStatus.in_progress))
    if due == "overdue":
        when = Action.due_on < today
    else:
        when = Action.due_on.between(today, today + timedelta(days=DUE_SOON_DAYS))
    query = select(Action).where(unfinished, when).order_by(Action.due_on, Action.id)
    return list(db.session.scalars(query))


def linked_themes() -> list[Theme]:
    """Themes that at least one action is linked to (the only ones worth filtering by)."""
    linked = select(action_themes.c.theme_id)
    return list(db.session.scalars(select(Theme).where(Theme.id.in_(linked)).order_by(Theme.name)))


def public_tracker() -> Tracker:
    """The tracker with the filters in the query string (?status=...&theme=...), for the public page."""
    status = request.args.get("status")
    chosen = ActionStatus(status) if status in ActionStatus.__members__ else None
    theme = (request.args.get("theme") or "")[:60] or None
    return Tracker(actions(chosen, theme), linked_themes(), chosen, theme)


def overdue(today: date) -> Iterator[DueItem]:
    """Actions past their due date and not finished, longest overdue first, for digests' "Actions due"."""
    query = (
        select(Action)
        .where(Action.due_on < today, Action.status.in_((ActionStatus.planned, ActionStatus.in_progress)))
        .order_by(Action.due_on, Action.id)
    )
    for action in db.session.scalars(query):
        yield DueItem(kind="action", title=action.title, due_on=action.due_on, roles=DUE_ROLES,
                      path=f"/staff/consultations/actions/{action.id}")  # fmt: skip


def register() -> None:
    register_due_source("consultations", overdue)
