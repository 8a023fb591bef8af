"""What events give reach (engage.reach.sources): the people who came to each event, counted in SQL by channel
(the ?src= of the link they booked from; walk-ins are "direct"), and the equality answers bookers chose to give.
Reach's disclosure control hides small numbers wherever they are shown."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from engage.consultations.event_models import Booking, BookingStatus, Event
from engage.extensions import db
from engage.reach.sources import ParticipationTally, register_participation_counter, register_participation_version

SOURCE = "events"


def activity_id(event_id: int) -> str:
    return f"event:{event_id}"


def _window(since: datetime | None, until: datetime | None) -> list:
    where = [Event.starts_at >= since] if since is not None else []
    return where + ([Event.starts_at < until] if until is not None else [])


def count_participations(since: datetime | None, until: datetime | None, tally: ParticipationTally) -> None:
    """People who came to each event that started in [since, until): booked parties marked attended, and
    walk-ins."""
    where = _window(since, until)
    attended = db.session.execute(
        select(Event.id, Event.title, Booking.src, func.sum(Booking.party_size))
        .join(Booking)
        .where(Booking.status == BookingStatus.attended, *where)
        .group_by(Event.id, Event.title, Booking.src)
    ).all()
    for event_id, title, src, people in attended:
        tally.add_people(activity_id(event_id), src, int(people), title)
    for event_id, title, walk_ins in db.session.execute(
        select(Event.id, Event.title, Event.walk_ins).where(Event.walk_ins > 0, *where)
    ).all():
        tally.add_people(activity_id(event_id), None, walk_ins, title)
    answered = db.session.execute(
        select(Event.id, Booking.src, Booking.equality)
        .join(Booking)
        .where(Booking.status == BookingStatus.attended, *where)  # fmt: skip
    ).all()
    for event_id, src, equality in answered:
        for dimension, answer in (equality or {}).items():
            if isinstance(answer, str) and answer:
                tally.add_answers(dimension, activity_id(event_id), src, answer[:64], 1)


def participation_version() -> list:
    """Changes whenever the people counted might: attendance recorded (each bumps the event's updated_at or a
    booking's), bookings added or erased."""
    events = db.session.execute(select(func.count(), func.max(Event.updated_at), func.sum(Event.walk_ins))).one()
    bookings = db.session.execute(select(func.count(), func.max(Booking.id), func.max(Booking.updated_at))).one()
    return [events[0], str(events[1]), events[2], bookings[0], bookings[1], str(bookings[2])]


def register() -> None:
    register_participation_counter(SOURCE, count_participations)
    register_participation_version(SOURCE, participation_version)
