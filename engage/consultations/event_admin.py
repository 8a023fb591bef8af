"""What staff do with events: create and edit them, read the bookings and what the organiser must arrange, and
record who came. Every change is audited."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update

from engage.audit import record_audit
from engage.clock import utcnow
from engage.consultations import event_emails, events
from engage.consultations.dates import LONDON
from engage.consultations.event_formats import ACCESS_NEEDS
from engage.consultations.event_models import HOLDING, Booking, BookingStatus, Event
from engage.extensions import db

FIELDS = ("title", "description", "mode", "starts_at", "ends_at", "venue", "online_details", "venue_access",
          "parking", "nearest_bus", "support", "capacity", "consultation_id")  # fmt: skip
#: What staff may type: the words above (with or without "at"), or the numeric form older notes use.
LONDON_INPUTS = ("%d %B %Y at %H:%M", "%d %B %Y %H:%M", "%d %b %Y at %H:%M", "%d %b %Y %H:%M", "%Y-%m-%d %H:%M")


class EventError(ValueError):
    """A change staff asked for that cannot be made (the message says why)."""


def parse_london(text: str) -> datetime | None:
    """'3 December 2026 at 10:00' (or '2026-12-03 10:00') typed in London time -> naive UTC; None when it is
    not a date and time."""
    typed = " ".join(text.split())
    for pattern in LONDON_INPUTS:
        try:
            local = datetime.strptime(typed, pattern)
        except ValueError:
            continue
        return local.replace(tzinfo=LONDON).astimezone(UTC).replace(tzinfo=None)
    return None


def london_text(value: datetime) -> str:
    """How the form writes a time back for staff to read and change: "3 December 2026 at 10:00" (engage.dates'
    words, with English month names, which parse_london reads back whatever the page's language)."""
    local = value.replace(tzinfo=UTC).astimezone(LONDON)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def save(event: Event | None, values: dict, *, actor_id: int) -> Event:
    """Create or edit an event; the capacity may not drop below the places already held."""
    if values["ends_at"] <= values["starts_at"]:
        raise EventError("ends")
    creating = event is None
    if creating:
        event = Event(published_at=utcnow(), places_taken=0)
        db.session.add(event)
    elif values["capacity"] < event.places_taken:
        raise EventError("capacity")
    grew = not creating and values["capacity"] > event.capacity
    for name in FIELDS:
        setattr(event, name, values[name])
    db.session.flush()
    if grew:  # more room: the waiting list is offered the new places
        events.offer_freed_places(event.id, utcnow())
    record_audit("events.create" if creating else "events.edit", "event", event.id, actor_id=actor_id, commit=False)
    db.session.commit()
    return event


@dataclass(frozen=True)
class Cancelled:
    """What cancelling told the families: emails sent, emails the server refused, and parties with only a mobile
    number (staff ring or text them)."""

    emailed: int
    failed: int
    phone_only: int


#: the families told when an event is cancelled: everyone holding or waiting for a place
TOLD = (BookingStatus.booked, BookingStatus.offered, BookingStatus.waiting)


def cancel_event(event: Event, *, actor_id: int) -> Cancelled | None:
    """Cancel the event and email every family booked, offered a place or waiting, in the language they booked in.

    None when it was already cancelled. The conditional UPDATE lets exactly one of two staff pressing cancel at once
    through (on SQLite and PostgreSQL alike), so each family gets one email; the cancellation is committed before
    any email is sent, so no transaction stays open while the mail server answers."""
    now = utcnow()
    result = db.session.execute(
        update(Event).where(Event.id == event.id, Event.cancelled_at.is_(None)).values(cancelled_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    if result.rowcount != 1:  # the other request cancelled it, and tells the families
        db.session.rollback()
        return None
    record_audit("events.cancel", "event", event.id, actor_id=actor_id, commit=False)
    db.session.commit()
    db.session.expire_all()
    told = db.session.scalars(
        select(Booking).where(Booking.event_id == event.id, Booking.status.in_(TOLD)).order_by(Booking.id)
    ).all()
    emailed = failed = phone_only = 0
    for booking in told:
        if not booking.email:
            phone_only += booking.mobile is not None
            continue
        sent = event_emails.send(booking, "cancelled")
        emailed += sent
        failed += not sent
    return Cancelled(emailed, failed, phone_only)


def access_summary(event: Event) -> list[tuple[str, int]]:
    """What the organiser must arrange for the people holding places, e.g. [("BSL interpreter", 2),
    ("A language interpreter: Urdu", 1)], in people (a party's needs count once per party)."""
    counts: Counter = Counter()
    for booking in event.bookings:
        if booking.status not in HOLDING:
            continue
        for need in booking.access_needs:
            label = str(ACCESS_NEEDS.get(need, need))
            if need == "interpreter" and booking.interpreter_language:
                label = f"{label}: {booking.interpreter_language}"
            counts[label] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def holding(event: Event) -> list[Booking]:
    return [b for b in event.bookings if b.status in HOLDING]


def record_attendance(
    event: Event, attended_ids: set[int], walk_ins: int, note: str, *, actor_id: int, walk_in_equality=None
) -> int:
    """Mark who came (booked -> attended, and back for a box unticked), the walk-in head count, their equality
    breakdown (counts, checked by engage.consultations.event_walk_ins) and the note."""
    changed = 0
    for booking in holding(event):
        wanted = BookingStatus.attended if booking.id in attended_ids else BookingStatus.booked
        if booking.status != BookingStatus.offered and booking.status != wanted:
            db.session.execute(
                update(Booking).where(Booking.id == booking.id).values(status=wanted)
                .execution_options(synchronize_session=False)
            )  # fmt: skip
            changed += 1
    event.walk_ins = walk_ins
    event.walk_in_equality = walk_in_equality or {}
    event.closing_note = note
    event.closed_at = event.closed_at or utcnow()
    record_audit("events.attendance", "event", event.id, actor_id=actor_id, commit=False, changed=changed,
                 walk_ins=walk_ins)  # fmt: skip
    db.session.commit()
    db.session.expire_all()
    return changed


def all_for_staff() -> list[Event]:
    return db.session.scalars(select(Event).order_by(Event.starts_at.desc(), Event.id.desc())).all()


def counts(event: Event) -> dict:
    by_status = Counter(b.status for b in event.bookings)
    people = Counter()
    for b in event.bookings:
        people[b.status] += b.party_size
    return {"bookings": by_status, "people": people}
