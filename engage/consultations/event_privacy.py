"""Bookings' personal data under UK GDPR: found, exported and erased by email with comments (subject access at
/staff/feedback/subject-access), and deleted EVENT_BOOKING_RETENTION_DAYS after the event by the comments' purge
cron (`flask --app wsgi feedback purge`). What stays is what reach counts: party size, status, channel and the
equality answers, with no way back to the person."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from engage.clock import utcnow
from engage.consultations import events
from engage.consultations.event_formats import STATUS_LABELS
from engage.consultations.event_models import Booking, BookingStatus, Event
from engage.dates import long_date, long_datetime
from engage.extensions import db
from engage.feedback.privacy import SubjectHolder, register_subject_holder

NAME = "event_bookings"


def _by_email(email: str) -> list[Booking]:
    email = (email or "").strip().lower()
    if not email:
        return []
    return db.session.scalars(select(Booking).where(Booking.email == email).order_by(Booking.id)).all()


def heading(count: int) -> str:
    return ngettext("%(num)s event booking held", "%(num)s event bookings held", count)


def _summary(booking: Booking) -> str:
    places = ngettext("%(num)s place", "%(num)s places", booking.party_size)
    day = long_date(booking.event.starts_at)
    status = STATUS_LABELS[booking.status]
    return _("“%(event)s” on %(date)s: %(status)s, %(places)s", event=booking.event.title, date=day, status=status,
             places=places)  # fmt: skip


def find(email: str) -> list[dict]:
    return [
        {"summary": _summary(b), "id": b.id, "event": b.event.title, "event_starts": long_datetime(b.event.starts_at),
         "status": b.status.value, "booked": long_datetime(b.created_at), "name": b.name or "", "email": b.email or "",
         "mobile": b.mobile or "", "party_size": b.party_size, "access_needs": ", ".join(b.access_needs),
         "interpreter_language": b.interpreter_language, "access_other": b.access_other,
         "equality": ", ".join(f"{k}={v}" for k, v in sorted(b.equality.items())), "language": b.language}
        for b in _by_email(email)
    ]  # fmt: skip


def _strip(booking: Booking) -> None:
    booking.name = booking.email = booking.mobile = None
    booking.access_needs, booking.interpreter_language, booking.access_other = [], "", ""
    booking.purged_at = utcnow()


def erase(email: str) -> int:
    """Erase the contact details and needs; a place still held for an event to come is cancelled first, so it
    goes to the next family (nobody could be reached about it any more)."""
    found = _by_email(email)
    now = utcnow()
    for booking in found:
        live = booking.status in (BookingStatus.booked, BookingStatus.waiting, BookingStatus.offered)
        if live and booking.event.starts_at > now:
            events.cancel(booking, now)
    for booking in found:
        _strip(booking)
        booking.equality = {}  # erasure takes everything; retention keeps the answers for the counts
    return len(found)


def purge() -> int:
    """Contact details and needs of bookings for events that ended more than EVENT_BOOKING_RETENTION_DAYS ago;
    a second run finds nothing more."""
    cutoff = utcnow() - timedelta(days=int(current_app.config["EVENT_BOOKING_RETENTION_DAYS"]))
    due = db.session.scalars(
        select(Booking).join(Event).where(Event.ends_at < cutoff, Booking.purged_at.is_(None))
    ).all()
    for booking in due:
        _strip(booking)
    return len(due)


def register() -> None:
    register_subject_holder(SubjectHolder(NAME, heading=heading, find=find, erase=erase, purge=purge))
