"""Reading events for pages: what is public, what a page shows about places."""

from __future__ import annotations

from datetime import datetime

from flask_babel import format_time, ngettext
from flask_babel import gettext as _
from sqlalchemy import select

from engage.consultations import events
from engage.consultations.event_models import Event
from engage.dates import in_london, long_datetime
from engage.extensions import db


def published(event_id: int) -> Event | None:
    event = db.session.get(Event, event_id)
    return event if event is not None and event.published_at is not None else None


def upcoming(now: datetime, consultation_id: int | None = None) -> list[Event]:
    """Published events not yet over, soonest first (cancelled ones stay listed, marked, so nobody travels)."""
    where = [Event.published_at.is_not(None), Event.ends_at > now]
    where += [Event.consultation_id == consultation_id] if consultation_id is not None else []
    return db.session.scalars(select(Event).where(*where).order_by(Event.starts_at, Event.id)).all()


def page_facts(event: Event, now: datetime) -> dict:
    left = events.places_left(event)
    return {
        "places_left": left,
        "is_full": left == 0,
        "can_book": events.is_open_for_booking(event, now),
        "is_past": event.starts_at <= now,
    }


def places_line(event: Event) -> str:
    """What the page says about places: never "1 left" on a full event."""
    left = events.places_left(event)
    if left == 0:
        return _("Full: you can join the waiting list")
    return ngettext("%(num)s place left", "%(num)s places left", left)


def places_count(count: int) -> str:
    return ngettext("%(num)s place", "%(num)s places", count)


def when_line(event: Event) -> str:
    """ "27 November 2026 at 10:00 to 12:00" (London time); both dates when it runs past midnight."""
    start, end = in_london(event.starts_at), in_london(event.ends_at)
    if start.date() == end.date():
        return _("%(start)s to %(end)s", start=long_datetime(event.starts_at), end=format_time(end.time(), "HH:mm"))
    return _("%(start)s to %(end)s", start=long_datetime(event.starts_at), end=long_datetime(event.ends_at))
