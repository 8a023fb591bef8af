"""The audit log: who did what to which record, and when (UTC). Never passwords, secrets or free text."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_login import current_user
from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from engage.clock import utcnow
from engage.extensions import db


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: When it happened, in UTC.
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: The staff member who acted; empty for anonymous attempts (failed logins, denials).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: A dotted verb such as "auth.login" or "localoffer.service.publish".
    action: Mapped[str] = mapped_column(String(80), index=True)
    object_type: Mapped[str | None] = mapped_column(String(60))
    object_id: Mapped[str | None] = mapped_column(String(80))
    #: Small structured facts (ids, states, counts); never free text or secrets.
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


def record_audit(
    action: str,
    object_type: str | None = None,
    object_id: str | int | None = None,
    *,
    actor_id: int | None = None,
    commit: bool = True,
    **detail: Any,
) -> AuditEvent:
    """Write one audit event for the current staff member (or `actor_id`).

    With `commit=False` the event joins the caller's transaction, so it is saved only if the change is.
    """
    if actor_id is None and getattr(current_user, "is_authenticated", False):
        actor_id = current_user.id
    event = AuditEvent(
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        actor_id=actor_id,
        detail=detail,
    )
    db.session.add(event)
    if commit:
        db.session.commit()
    return event
