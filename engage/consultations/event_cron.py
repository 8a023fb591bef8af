"""`flask --app wsgi events run` (cron, hourly): offers that ran out pass to the next party, offers are emailed,
and each booking gets one reminder EVENT_REMINDER_HOURS before its event, exactly once however many runs
overlap: every email is claimed first (engage.claims) and marked sent after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from engage.claims import claim, lease_end
from engage.clock import utcnow
from engage.consultations import event_emails, events
from engage.consultations.event_models import Booking, BookingStatus, Event
from engage.extensions import db


@dataclass(frozen=True)
class RunResult:
    expired: int
    offers: int
    reminders: int
    failed: int


def _claim(booking_id: int, claimed: str, sent: str, now: datetime, *where) -> bool:
    claimed_col, sent_col = getattr(Booking, claimed), getattr(Booking, sent)
    return claim(
        update(Booking)
        .where(Booking.id == booking_id, sent_col.is_(None), or_(claimed_col.is_(None), claimed_col < now), *where)
        .values({claimed: lease_end(now)})
    )


def _deliver(booking_id: int, kind: str, claimed: str, sent: str, now: datetime) -> bool | None:
    """True when sent, False when the server refused (the next run tries again), None when there is no email
    address to send to (a mobile number only: the organiser rings or texts; nothing more to do here)."""
    booking = db.session.get(Booking, booking_id)
    ok = event_emails.send(booking, kind) if booking.email else None
    setattr(booking, claimed, None)
    if ok is not False:
        setattr(booking, sent, now)
    db.session.commit()
    return ok


def send_offers(now: datetime | None = None, event_id: int | None = None) -> tuple[int, int]:
    """Email every offer not yet emailed (the web request that freed a place calls this for its event)."""
    now = now or utcnow()
    where = [
        Booking.status == BookingStatus.offered,
        Booking.offer_sent_at.is_(None),
        Booking.offer_expires_at > now,
        Booking.event_id.in_(select(Event.id).where(Event.cancelled_at.is_(None))),
    ]  # cancelled: told already
    where += [Booking.event_id == event_id] if event_id is not None else []
    sent = failed = 0
    for booking_id in db.session.scalars(select(Booking.id).where(*where)).all():
        if not _claim(booking_id, "offer_claimed_until", "offer_sent_at", now, Booking.status == BookingStatus.offered):
            continue
        outcome = _deliver(booking_id, "offered", "offer_claimed_until", "offer_sent_at", now)
        sent += outcome is True
        failed += outcome is False
    return sent, failed


def send_reminders(now: datetime | None = None) -> tuple[int, int]:
    """One reminder per booking whose event starts within EVENT_REMINDER_HOURS (bookings made inside that window
    have just had their confirmation, so they get none)."""
    now = now or utcnow()
    window = timedelta(hours=int(current_app.config["EVENT_REMINDER_HOURS"]))
    candidates = db.session.execute(
        select(Booking.id, Booking.created_at, Event.starts_at)
        .join(Event)
        .where(
            Booking.status == BookingStatus.booked,
            Booking.reminder_sent_at.is_(None),
            Event.cancelled_at.is_(None),
            Event.starts_at > now,
            Event.starts_at <= now + window,
        )
    ).all()
    # compared here, not in SQL: SQLite cannot subtract an interval from a stored datetime
    due = [booking_id for booking_id, created, starts in candidates if created < starts - window]
    sent = failed = 0
    for booking_id in due:
        if not _claim(
            booking_id, "reminder_claimed_until", "reminder_sent_at", now, Booking.status == BookingStatus.booked
        ):
            continue
        outcome = _deliver(booking_id, "reminder", "reminder_claimed_until", "reminder_sent_at", now)
        sent += outcome is True
        failed += outcome is False
    return sent, failed


def run(now: datetime | None = None) -> RunResult:
    now = now or utcnow()
    expired = events.expire_offers(now)
    offers, offer_failures = send_offers(now)
    reminders, reminder_failures = send_reminders(now)
    return RunResult(expired, offers, reminders, offer_failures + reminder_failures)
