"""What events give reach (engage.reach.sources): the people who came to each event, counted in SQL by channel
(the ?src= of the link they booked from; walk-ins are "direct"), the equality answers bookers chose to give and the
breakdown staff may record for walk-ins. Reach's disclosure control hides small numbers wherever they are shown.

Taking part in a consultation is one activity (engage.consultations.reach_sources): people who came to an event that
belongs to a consultation are counted under `consultation:<slug>`, beside its comments and survey responses, and not
under the event as well; an event that stands alone is its own activity, `event:<id>`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select

from engage.consultations.event_models import Booking, BookingStatus, Event
from engage.consultations.models import Consultation
from engage.consultations.reach_sources import activity_id as consultation_activity_id
from engage.extensions import db
from engage.reach.sources import ParticipationTally, register_participation_counter, register_participation_version

SOURCE = "events"


def activity_id(event_id: int) -> str:
    return f"event:{event_id}"


def _window(since: datetime | None, until: datetime | None) -> list:
    where = [Event.starts_at >= since] if since is not None else []
    return where + ([Event.starts_at < until] if until is not None else [])


def _activities(where: list) -> dict[int, tuple[str, str, dict]]:
    """Event id -> (activity id, its title, the walk-ins' equality breakdown) for the events in the window: the
    consultation's activity when the event belongs to a published one (the consultations counter only names
    published ones), else the event's own."""
    rows = db.session.execute(
        select(Event.id, Event.title, Event.walk_in_equality, Consultation.slug, Consultation.title)
        .outerjoin(Consultation, (Consultation.id == Event.consultation_id) & Consultation.published_at.is_not(None))
        .where(*where)
    ).all()
    return {
        event_id: (consultation_activity_id(slug), consultation_title, breakdown or {})
        if slug is not None
        else (activity_id(event_id), title, breakdown or {})
        for event_id, title, breakdown, slug, consultation_title in rows
    }


def count_participations(since: datetime | None, until: datetime | None, tally: ParticipationTally) -> None:
    """People who came to each event that started in [since, until): booked parties marked attended, and
    walk-ins."""
    where = _window(since, until)
    activities = _activities(where)
    attended = db.session.execute(
        select(Event.id, Booking.src, func.sum(Booking.party_size))
        .join(Booking)
        .where(Booking.status == BookingStatus.attended, *where)
        .group_by(Event.id, Booking.src)
    ).all()
    for event_id, src, people in attended:
        activity, title, _breakdown = activities[event_id]
        tally.add_people(activity, src, int(people), title)
    for event_id, walk_ins in db.session.execute(select(Event.id, Event.walk_ins).where(Event.walk_ins > 0, *where)):
        activity, title, breakdown = activities[event_id]
        tally.add_people(activity, None, walk_ins, title)
        for dimension, options in breakdown.items():
            for option, count in (options or {}).items():
                if isinstance(count, int) and count > 0:
                    tally.add_answers(dimension, activity, None, option[:64], count)
    answered = db.session.execute(
        select(Event.id, Booking.src, Booking.equality)
        .join(Booking)
        .where(Booking.status == BookingStatus.attended, *where)  # fmt: skip
    ).all()
    for event_id, src, equality in answered:
        for dimension, answer in (equality or {}).items():
            if isinstance(answer, str) and answer:
                tally.add_answers(dimension, activities[event_id][0], src, answer[:64], 1)


def participation_version() -> list:
    """Changes whenever the people counted might, and only then (reports re-solve when it changes): attendance or
    walk-ins recorded, bookings added or erased, an event moved to or from a consultation (each bumps an
    updated_at). The attended bookings' ids and people are summed as well, because marking who came can happen
    within one tick of the clock and swap one party for another without changing any count or timestamp.
    A consultation renamed or published is in the consultations source's version."""
    events = db.session.execute(select(func.count(), func.max(Event.updated_at), func.sum(Event.walk_ins))).one()
    attended = Booking.status == BookingStatus.attended
    bookings = db.session.execute(
        select(
            func.count(),
            func.max(Booking.id),
            func.max(Booking.updated_at),
            func.sum(case((attended, Booking.id), else_=0)),
            func.sum(case((attended, Booking.party_size), else_=0)),
        )
    ).one()
    return [events[0], str(events[1]), _number(events[2]), *(_number(v) for v in bookings[:2]), str(bookings[2]),
            *(_number(v) for v in bookings[3:])]  # fmt: skip


def _number(value) -> int | None:
    """SUM is a Decimal on PostgreSQL and an int on SQLite: the same version on both."""
    return None if value is None else int(value)


def register() -> None:
    register_participation_counter(SOURCE, count_participations)
    register_participation_version(SOURCE, participation_version)
