"""Booking a place at an event: never overbooked, a waiting list that offers freed places, cancel links.

Places are taken and given back only by conditional UPDATEs of `Event.places_taken` whose WHERE holds the
capacity check, checked by their row count. The database runs them one at a time for a row (PostgreSQL locks the
row and re-checks the WHERE; SQLite takes its write lock), so of two bookings for the last place exactly one
matches: the other joins the waiting list. A CHECK constraint backs this up.

A freed place is never given to someone who has not said yes: it is offered to the next party on the waiting list
and held for EVENT_OFFER_HOURS; accepting books them, and an offer that runs out passes to the next party.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import exists, or_, select, update

from engage.clock import utcnow
from engage.consultations.event_models import HOLDING, Booking, BookingStatus, Event
from engage.extensions import db


class Outcome(enum.Enum):
    booked = "booked"
    waiting = "waiting"
    #: this email or mobile already has a booking (or a waiting-list place) for the event
    already = "already"
    #: past, cancelled or not published
    closed = "closed"
    #: the party is larger than the event's capacity: no place could ever be given
    too_large = "too_large"


@dataclass(frozen=True)
class Details:
    """What a family gives when booking (checked by the form)."""

    name: str
    email: str | None
    mobile: str | None
    party_size: int
    access_needs: list[str] = field(default_factory=list)
    interpreter_language: str = ""
    access_other: str = ""
    equality: dict[str, str] = field(default_factory=dict)
    language: str = "en"
    src: str | None = None


@dataclass(frozen=True)
class BookingResult:
    outcome: Outcome
    booking: Booking | None = None


# --------------------------------------------------------------------------- links


def booking_token(booking: Booking) -> str:
    """The key in a booking's links: its id and an HMAC of its salt, so the database alone cannot make one."""
    return f"{booking.id}.{_mac(booking.id, booking.token_salt)}"


def _mac(booking_id: int, salt: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"event-booking:{booking_id}:{salt}".encode(), hashlib.sha256).hexdigest()[:40]


def booking_from_token(token: str) -> Booking | None:
    """The booking a link names, or None for a forged or damaged one."""
    number, _, mac = token.partition(".")
    if not number.isdigit() or len(number) > 12:
        return None
    booking = db.session.get(Booking, int(number))
    if booking is None or booking.purged_at is not None:
        return None
    return booking if hmac.compare_digest(mac, _mac(booking.id, booking.token_salt)) else None


# --------------------------------------------------------------------------- places


def waiting_count(event: Event) -> int:
    return db.session.scalar(
        select(db.func.count()).where(Booking.event_id == event.id, Booking.status == BookingStatus.waiting)
    )


def places_left(event: Event) -> int:
    """Places a new booking could have now: none while anyone waits (they come first), never below nought."""
    if waiting_count(event):
        return 0
    return max(0, event.capacity - event.places_taken)


def is_open_for_booking(event: Event, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return event.published_at is not None and event.cancelled_at is None and event.starts_at > now


def _take(event_id: int, people: int, *, ahead_of_waiting: bool = False) -> bool:
    """Take `people` places if they are free, atomically; False when they are not (or others wait first)."""
    where = [Event.id == event_id, Event.cancelled_at.is_(None), Event.places_taken + people <= Event.capacity]
    if not ahead_of_waiting:
        where.append(~exists().where(Booking.event_id == event_id, Booking.status == BookingStatus.waiting))
    result = db.session.execute(
        update(Event)
        .where(*where)
        .values(places_taken=Event.places_taken + people)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _give_back(event_id: int, people: int) -> None:
    db.session.execute(
        update(Event)
        .where(Event.id == event_id)
        .values(places_taken=Event.places_taken - people)
        .execution_options(synchronize_session=False)
    )


# --------------------------------------------------------------------------- booking


def existing_booking(event: Event, email: str | None, mobile: str | None) -> Booking | None:
    contact = []
    contact += [Booking.email == email] if email else []
    contact += [Booking.mobile == mobile] if mobile else []
    if not contact:
        return None
    live = Booking.status.in_([*HOLDING, BookingStatus.waiting])
    return db.session.scalar(select(Booking).where(Booking.event_id == event.id, live, or_(*contact)).limit(1))


def book(event: Event, details: Details, now: datetime | None = None) -> BookingResult:
    """Book the party if its places are free, else put it on the waiting list; one transaction either way."""
    now = now or utcnow()
    if not is_open_for_booking(event, now):
        return BookingResult(Outcome.closed)
    if details.party_size > event.capacity:
        return BookingResult(Outcome.too_large)
    email = details.email.strip().lower() if details.email else None
    mobile = details.mobile.strip() if details.mobile else None
    found = existing_booking(event, email, mobile)
    if found is not None:
        return BookingResult(Outcome.already, found)
    booked = _take(event.id, details.party_size)
    booking = Booking(
        event_id=event.id,
        status=BookingStatus.booked if booked else BookingStatus.waiting,
        name=details.name.strip(),
        email=email,
        mobile=mobile,
        party_size=details.party_size,
        access_needs=list(details.access_needs),
        interpreter_language=details.interpreter_language.strip(),
        access_other=details.access_other.strip(),
        equality=dict(details.equality),
        language=details.language,
        src=details.src,
        token_salt=secrets.token_hex(16),
        created_at=now,
    )
    db.session.add(booking)
    db.session.commit()
    db.session.refresh(event)
    return BookingResult(Outcome.booked if booked else Outcome.waiting, booking)


def cancel(booking: Booking, now: datetime | None = None) -> bool:
    """Cancel a booking, a waiting-list place or an offer; its places go at once to the next party waiting.
    False when it was already cancelled (a second click, a reused link): nothing changes."""
    now = now or utcnow()
    before = booking.status
    if before not in (BookingStatus.booked, BookingStatus.waiting, BookingStatus.offered):
        return False
    result = db.session.execute(
        update(Booking)
        .where(Booking.id == booking.id, Booking.status == before)
        .values(status=BookingStatus.cancelled, offer_expires_at=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # another request changed it first
        db.session.rollback()
        return False
    if before in HOLDING:
        _give_back(booking.event_id, booking.party_size)
        offer_freed_places(booking.event_id, now)
    db.session.commit()
    db.session.expire_all()
    return True


def offer_freed_places(event_id: int, now: datetime) -> list[int]:
    """Offer free places to the waiting list in the order people joined, holding them until the offer runs out.

    Runs inside the caller's transaction. A party too large for what is free stays first in line: a smaller party
    behind it is offered what fits (the big party is offered as soon as enough frees)."""
    hours = int(current_app.config["EVENT_OFFER_HOURS"])
    offered = []
    waiting = db.session.scalars(
        select(Booking)
        .where(Booking.event_id == event_id, Booking.status == BookingStatus.waiting)
        .order_by(Booking.created_at, Booking.id)
    ).all()
    event = db.session.get(Event, event_id)
    if event is None or event.starts_at <= now:
        return []
    for candidate in waiting:
        if not _take(event_id, candidate.party_size, ahead_of_waiting=True):
            continue
        expires = min(now + timedelta(hours=hours), event.starts_at)
        db.session.execute(
            update(Booking)
            .where(Booking.id == candidate.id, Booking.status == BookingStatus.waiting)
            .values(status=BookingStatus.offered, offer_expires_at=expires, offer_sent_at=None,
                    offer_claimed_until=None, updated_at=now)
            .execution_options(synchronize_session=False)
        )  # fmt: skip
        offered.append(candidate.id)
    return offered


def accept_offer(booking: Booking, now: datetime | None = None) -> bool:
    """Say yes to an offered place: booked. False when the offer has run out or was already answered."""
    now = now or utcnow()
    result = db.session.execute(
        update(Booking)
        .where(Booking.id == booking.id, Booking.status == BookingStatus.offered, Booking.offer_expires_at > now)
        .values(status=BookingStatus.booked, offer_expires_at=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.expire_all()
    return result.rowcount == 1


def expire_offers(now: datetime | None = None) -> int:
    """Offers that ran out: the place goes to the next party waiting. Each expiry is done by one run only (the
    conditional UPDATE from "offered"), however many run at once."""
    now = now or utcnow()
    due = db.session.scalars(
        select(Booking.id).where(Booking.status == BookingStatus.offered, Booking.offer_expires_at <= now)
    ).all()
    expired = 0
    for booking_id in due:
        booking = db.session.get(Booking, booking_id)
        result = db.session.execute(
            update(Booking)
            .where(Booking.id == booking_id, Booking.status == BookingStatus.offered, Booking.offer_expires_at <= now)
            .values(status=BookingStatus.cancelled, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            db.session.rollback()
            continue
        _give_back(booking.event_id, booking.party_size)
        offer_freed_places(booking.event_id, now)
        db.session.commit()
        expired += 1
    db.session.expire_all()
    return expired
