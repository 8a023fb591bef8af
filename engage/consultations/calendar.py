"""An event as an iCalendar (.ics) file, in London time with its VTIMEZONE, so a phone's calendar shows the right
hour on either side of a clock change."""

from __future__ import annotations

from datetime import UTC

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from engage.consultations.event_models import Event
from engage.dates import LONDON


def _london(value):
    return value.replace(tzinfo=UTC).astimezone(LONDON)


def event_ics(event: Event, url: str, domain: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Engage//Co-production events//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.id}@{domain}")
    entry.add("dtstamp", event.updated_at.replace(tzinfo=UTC))
    entry.add("dtstart", _london(event.starts_at))
    entry.add("dtend", _london(event.ends_at))
    entry.add("summary", event.title)
    entry.add("description", f"{event.description}\n\n{url}".strip())
    if event.venue:
        entry.add("location", event.venue)
    entry.add("url", url)
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
