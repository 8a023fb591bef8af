"""Co-production events (workshops, coffee mornings, drop-ins) and the bookings families make for them.

An event may belong to a consultation or stand alone. A booking holds the least that lets the organiser welcome
the party and reach them: a name or initials, an email or a mobile number, how many are coming and what they need.
No IP address or user agent is stored; contact details and access needs are deleted after the event
(EVENT_BOOKING_RETENTION_DAYS), keeping the counts.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Enum, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.clock import utcnow
from engage.consultations.models import Consultation
from engage.extensions import db


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20)


class EventMode(enum.Enum):
    in_person = "in_person"
    online = "online"
    both = "both"


class BookingStatus(enum.Enum):
    booked = "booked"
    #: on the waiting list: holds no place
    waiting = "waiting"
    #: a freed place is held for them until `offer_expires_at`; they are booked only if they say yes
    offered = "offered"
    cancelled = "cancelled"
    attended = "attended"


#: Statuses that hold places in `Event.places_taken`.
HOLDING = (BookingStatus.booked, BookingStatus.offered, BookingStatus.attended)


class Event(db.Model):
    __tablename__ = "consultation_events"
    __table_args__ = (CheckConstraint("places_taken >= 0 AND places_taken <= capacity", name="places_within_capacity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    mode: Mapped[EventMode] = mapped_column(_enum(EventMode, "consultation_event_mode"))
    #: naive UTC, shown in London time (engage.dates.long_datetime)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    #: where it happens (in person) and how to join (online: the link is sent with the booking)
    venue: Mapped[str] = mapped_column(String(300), default="")
    online_details: Mapped[str] = mapped_column(String(500), default="")
    #: accessibility facts about the venue, e.g. ["step_free", "hearing_loop", "quiet_room"]
    venue_access: Mapped[list[str]] = mapped_column(JSON, default=list)
    parking: Mapped[str] = mapped_column(String(200), default="")
    nearest_bus: Mapped[str] = mapped_column(String(200), default="")
    #: support offered, e.g. ["interpreters", "bsl", "childcare", "easy_read"]
    support: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: people (every member of a party counts)
    capacity: Mapped[int]
    #: people holding places (booked, offered or attended): changed only by conditional UPDATEs, so two
    #: bookings for the last place cannot both succeed (events.book)
    places_taken: Mapped[int] = mapped_column(default=0)
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultations.id", ondelete="SET NULL"), index=True)
    published_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    #: people who came without booking (a head count recorded by staff)
    walk_ins: Mapped[int] = mapped_column(default=0)
    #: how the walk-ins answered the standard equality questions, if staff asked: reach dimension -> option id ->
    #: people (counts only; never more than walk_ins in any dimension)
    walk_in_equality: Mapped[dict[str, dict[str, int]] | None] = mapped_column(JSON, default=dict)
    #: what was said, written by staff when the event is closed (it can feed the consultation's outcome)
    closing_note: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    consultation: Mapped[Consultation | None] = relationship()
    bookings: Mapped[list[Booking]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Booking.id"
    )


class Booking(db.Model):
    __tablename__ = "consultation_event_bookings"
    __table_args__ = (CheckConstraint("party_size >= 1", name="party_at_least_one"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("consultation_events.id", ondelete="CASCADE"), index=True)
    status: Mapped[BookingStatus] = mapped_column(_enum(BookingStatus, "consultation_booking_status"), index=True)
    #: a name or initials; None once purged
    name: Mapped[str | None] = mapped_column(String(100))
    #: stored lower-cased so subject access finds it; one of email and mobile is given
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    mobile: Mapped[str | None] = mapped_column(String(32), index=True)
    #: people coming (a parent, a young person, a carer): all count toward capacity
    party_size: Mapped[int] = mapped_column(default=1)
    #: keys of engage.consultations.event_formats.ACCESS_NEEDS
    access_needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    interpreter_language: Mapped[str] = mapped_column(String(60), default="")
    access_other: Mapped[str] = mapped_column(String(500), default="")
    #: optional equality answers: reach dimension -> standard question option id (as the surveys store them)
    equality: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: the interface language they booked in: their emails are written in it
    language: Mapped[str] = mapped_column(String(8), default="en")
    #: how they heard (the ?src= of the event link), for reach's channels
    src: Mapped[str | None] = mapped_column(String(40))
    #: the key of their booking links is an HMAC of this salt with SECRET_KEY (events.booking_token): the database
    #: alone cannot make a working cancel link
    token_salt: Mapped[str] = mapped_column(String(32))
    offer_expires_at: Mapped[datetime | None] = mapped_column(index=True)
    #: the email owed for the current offer / the reminder, claimed before it is sent (engage.claims)
    offer_claimed_until: Mapped[datetime | None]
    offer_sent_at: Mapped[datetime | None]
    reminder_claimed_until: Mapped[datetime | None]
    reminder_sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    #: set when the contact details and access needs were deleted (retention or erasure)
    purged_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship(back_populates="bookings")
