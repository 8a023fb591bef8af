"""The actions tracker ("we did"): creating actions and posting dated public updates (each change audited)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy import update as sql_update

from engage import claims
from engage.audit import record_audit
from engage.clock import utcnow
from engage.consultations.errors import ConsultationError
from engage.consultations.models import Action, ActionStatus, ActionUpdate, Consultation
from engage.extensions import db
from engage.feedback.models import Comment, Theme


class ReasonRequiredError(ConsultationError):
    """ "Not doing" needs a reason families can read."""


def _check_reason(status: ActionStatus, reason: str) -> None:
    if status == ActionStatus.not_doing and not reason.strip():
        raise ReasonRequiredError(_("Say why this will not be done: families will read the reason."))


def create_action(
    *,
    title: str,
    owner: str,
    status: ActionStatus = ActionStatus.planned,
    reason: str = "",
    due_on: date | None = None,
    consultation: Consultation | None = None,
    theme_slugs: list[str] = (),
    comment_ids: list[int] = (),
) -> Action:
    _check_reason(status, reason)
    action = Action(title=title, owner=owner, status=status, reason=reason.strip(), due_on=due_on)
    action.consultation = consultation
    action.themes = list(db.session.scalars(select(Theme).where(Theme.slug.in_(list(theme_slugs)))))
    action.comments = list(db.session.scalars(select(Comment).where(Comment.id.in_(list(comment_ids)))))
    db.session.add(action)
    db.session.flush()
    record_audit("consultations.action.create", "consultation_action", action.id, commit=False)
    db.session.commit()
    return action


def _move(action: Action, status: ActionStatus) -> ActionStatus:
    """Set the status and return the one it replaced, read and changed in one conditional UPDATE (engage.claims): of
    two staff posting the same change at once, only one replaces the old status, so people hear of one change."""
    while True:
        previous = action.status
        if previous == status or claims.claim(
            sql_update(Action).where(Action.id == action.id, Action.status == previous).values(status=status)
        ):
            action.status = status
            return previous
        db.session.refresh(action)  # someone changed it a moment ago: start from theirs


def post_update(action: Action, *, text: str, status: ActionStatus, reason: str = "") -> ActionUpdate:
    """A dated public update; it may move the action to another status (not doing needs a reason)."""
    _check_reason(status, reason or action.reason)
    previous = _move(action, status)
    posted = ActionUpdate(action=action, status=status, previous_status=previous, text=text.strip(), posted_at=utcnow())
    if reason.strip():
        action.reason = reason.strip()
    db.session.add(posted)
    db.session.flush()
    record_audit(
        "consultations.action.update", "consultation_action", action.id, commit=False,
        status_from=previous.value, status_to=status.value, version=action.version,
    )  # fmt: skip
    db.session.commit()
    return posted
