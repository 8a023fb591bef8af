"""The staff home's workload: how many things are waiting for this person, each a link to the list that shows them.

Counts are exact (staff are inside the moderation boundary) and each area answers in one query whatever its size.
A count is offered only when the person's role may open the list it links to: the roles come from that view's
`role_required` (engage.auth.permissions), so the staff home can never show a count its reader could not open.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from engage.clock import utcnow
from engage.extensions import db


@dataclasses.dataclass(frozen=True)
class Tile:
    """One count on the staff home: what it counts, how many, and the filtered list that shows them."""

    key: str
    label: str
    count: int
    href: str


def _allowed(endpoint: str) -> bool:
    view = current_app.view_functions.get(endpoint)
    roles = getattr(view, "required_roles", None)
    return view is not None and roles is not None and current_user.has_role(*roles)


def _comments() -> dict[str, int]:
    # The same filters as the queue each tile opens, so the count and the list never disagree.
    from engage.feedback import queries

    return {
        "comments_waiting": queries.count(queries.QueueFilters()),
        "safeguarding_open": queries.count(queries.QueueFilters(flag="safeguarding")),
    }


def _local_offer(user_id: int, today: datetime.date) -> dict[str, int]:
    from engage.localoffer import models as m
    from engage.localoffer import queries

    for_me, mine = db.session.execute(
        sa.select(
            sa.func.count(m.Service.id).filter(queries.waiting_for(user_id)),
            sa.func.count(m.Service.id).filter(queries.proposed_by(user_id)),
        )
    ).one()
    pages_for_me, pages_mine = queries.evergreen_proposals(db.session, user_id)
    overdue = queries.overdue_count(db.session, today)
    return {
        "changes_for_me": for_me + pages_for_me,
        "changes_mine": mine + pages_mine,
        "entries_overdue": overdue,
    }


def _actions(today: datetime.date) -> dict[str, int]:
    from engage.consultations.models import Action, ActionStatus
    from engage.consultations.tracker import DUE_SOON_DAYS

    unfinished = Action.status.in_((ActionStatus.planned, ActionStatus.in_progress))
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    overdue, due = db.session.execute(
        sa.select(
            sa.func.count(Action.id).filter(Action.due_on < today),
            sa.func.count(Action.id).filter(Action.due_on >= today, Action.due_on <= soon),
        ).where(unfinished)
    ).one()
    return {"actions_overdue": overdue, "actions_due": due}


#: (key, label, endpoint, filters of the linked list, the reader that fills the count)
TILES: tuple[tuple[str, object, str, dict, str], ...] = (
    ("comments_waiting", _l("Comments waiting for moderation"), "feedback_staff.queue", {"status": "open"}, "comments"),
    ("safeguarding_open", _l("Safeguarding concerns waiting for moderation"), "feedback_staff.queue",
     {"flag": "safeguarding"}, "comments"),
    ("changes_for_me", _l("Local Offer changes waiting for you to review"), "localoffer_staff.index",
     {"review": "for-me"}, "local_offer"),
    ("changes_mine", _l("Your Local Offer changes waiting for someone else"), "localoffer_staff.index",
     {"review": "mine"}, "local_offer"),
    ("entries_overdue", _l("Local Offer entries overdue for review"), "localoffer_staff.due", {"when": "overdue"},
     "local_offer"),
    ("actions_overdue", _l("Actions overdue"), "consultations_staff.actions_index", {"due": "overdue"}, "actions"),
    ("actions_due", _l("Actions due in the next 14 days"), "consultations_staff.actions_index", {"due": "soon"},
     "actions"),
)  # fmt: skip


def tiles() -> list[Tile]:
    """The counts this person may see, in the order above; each area is read once, only if one of its tiles shows."""
    today = utcnow().date()
    readers: dict[str, Callable[[], dict[str, int]]] = {
        "comments": _comments,
        "local_offer": lambda: _local_offer(current_user.id, today),
        "actions": lambda: _actions(today),
    }
    shown = [tile for tile in TILES if _allowed(tile[2])]
    counts: dict[str, int] = {}
    for reader in dict.fromkeys(tile[4] for tile in shown):
        counts |= readers[reader]()
    return [Tile(key, str(label), counts[key], url_for(endpoint, **args)) for key, label, endpoint, args, _r in shown]
