"""Shared by the event tests: a published event some hours from now, and a family's booking form."""

from __future__ import annotations

from datetime import datetime, timedelta

from engage.clock import utcnow
from engage.consultations.event_models import Event, EventMode
from engage.extensions import db

HOUR = timedelta(hours=1)


def make_event(
    *, capacity: int = 10, starts_in: timedelta = 72 * HOUR, taken: int = 0, now: datetime | None = None, **values
) -> Event:
    now = now or utcnow()
    event = Event(
        title=values.pop("title", "Coffee morning: short breaks"),
        description=values.pop("description", "Tell us what short breaks work for your family."),
        mode=values.pop("mode", EventMode.in_person),
        starts_at=now + starts_in,
        ends_at=now + starts_in + 2 * HOUR,
        venue=values.pop("venue", "Riverside Family Hub, 1 Mill Lane"),
        venue_access=values.pop("venue_access", ["step_free", "quiet_room"]),
        support=values.pop("support", ["interpreters", "bsl"]),
        capacity=capacity,
        places_taken=taken,
        published_at=values.pop("published_at", now - HOUR),
        **values,
    )
    db.session.add(event)
    db.session.commit()
    return event


def form(number: int = 1, party: int = 1, **extra) -> dict:
    """The booking form as a family fills it in."""
    return {"name": f"A. Parent {number}", "email": f"parent{number}@example.org", "party_size": str(party)} | extra
