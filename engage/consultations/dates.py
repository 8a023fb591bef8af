"""Consultation days are UK days: a consultation opens at the start of its first day in Europe/London and closes
at the end of its last, stored as naive UTC like every other time in Engage."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def start_of_day(day: date) -> datetime:
    """The UTC moment a UK day begins."""
    return datetime.combine(day, time(), tzinfo=LONDON).astimezone(UTC).replace(tzinfo=None)


def end_of_day(day: date) -> datetime:
    """The UTC moment a UK day ends (the start of the next)."""
    return start_of_day(day + timedelta(days=1))


def uk_day(moment: datetime) -> date:
    """The UK day a UTC moment falls on."""
    return moment.replace(tzinfo=UTC).astimezone(LONDON).date()


def last_day(end: datetime) -> date:
    """The last UK day before an end-of-day boundary (what "closes on" means to a family)."""
    return uk_day(end - timedelta(seconds=1))
