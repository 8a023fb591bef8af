"""Consultation followers and commenters who asked to hear back, under the one subject access, erasure and
retention of engage.feedback.privacy: an address is found, exported and erased with a family's comments, and
deleted once kept FEEDBACK_CONTACT_RETENTION_DAYS (like a comment's contact details). A follow request nobody
confirmed goes once its link has expired: it was never consent to anything."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import delete, or_, select

from engage.clock import utcnow
from engage.consultations.emails import CONFIRM_MAX_AGE
from engage.consultations.models import Consultation, Follower
from engage.dates import long_datetime
from engage.extensions import db
from engage.feedback.privacy import SubjectHolder, register_subject_holder

NAME = "consultation_followers"


def _date(value: datetime | None) -> str:
    """London time in words, as every page and export writes it ("22 November 2026 at 09:30")."""
    return long_datetime(value)


def find(email: str) -> list[dict]:
    query = (
        select(Follower, Consultation.title)
        .join(Consultation, Consultation.id == Follower.consultation_id)
        .where(Follower.email == email.strip().lower())
        .order_by(Follower.id)
    )
    return [
        {
            "summary": _("Emails about the consultation “%(title)s”", title=title),
            "consultation": title,
            "email": follower.email,
            "language": follower.language,
            "why": "hear_back" if follower.hear_back else "follow",
            "given": _date(follower.created_at),
            "confirmed": _date(follower.confirmed_at),
        }
        for follower, title in db.session.execute(query)
    ]


def _delete(*where) -> int:
    """Delete followers (their unsent notifications go with them, by the foreign key's cascade)."""
    ids = list(db.session.scalars(select(Follower.id).where(*where)))
    if ids:
        db.session.execute(delete(Follower).where(Follower.id.in_(ids)).execution_options(synchronize_session=False))
    return len(ids)


def erase(email: str) -> int:
    return _delete(Follower.email == email.strip().lower())


def heading(count: int) -> str:
    return ngettext(
        "%(num)s request for emails about a consultation", "%(num)s requests for emails about consultations", count
    )


def purge() -> int:
    """Kept as long as a comment's contact details (FEEDBACK_CONTACT_RETENTION_DAYS): it was given with one."""
    cutoff = utcnow() - timedelta(days=int(current_app.config["FEEDBACK_CONTACT_RETENTION_DAYS"]))
    never_confirmed = Follower.confirmed_at.is_(None) & (
        Follower.created_at < utcnow() - timedelta(seconds=CONFIRM_MAX_AGE)
    )
    return _delete(or_(Follower.created_at < cutoff, never_confirmed))


def register() -> None:
    register_subject_holder(SubjectHolder(NAME, heading=heading, find=find, erase=erase, purge=purge))
