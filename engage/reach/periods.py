"""Reporting periods with stable keys: ISO weeks ("2026-W47"), calendar months ("2026-11") and "all"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    key: str
    #: "week", "month" or "all"
    kind: str
    #: naive UTC datetimes; None means no limit
    start: datetime | None
    end: datetime | None

    def previous(self) -> Period | None:
        if self.start is None:
            return None
        return period_containing(self.kind, self.start.date() - timedelta(days=1))


ALL = Period("all", "all", None, None)


def period_containing(kind: str, day: date) -> Period:
    if kind == "week":
        monday = day - timedelta(days=day.weekday())
        year, week, _ = monday.isocalendar()
        start = datetime.combine(monday, datetime.min.time())
        return Period(f"{year}-W{week:02d}", "week", start, start + timedelta(days=7))
    if kind == "month":
        start = datetime(day.year, day.month, 1)
        end = datetime(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return Period(f"{day.year}-{day.month:02d}", "month", start, end)
    return ALL


def last_complete(kind: str, today: date) -> Period:
    """The last whole week or month before `today` (what a digest sent on Monday, or on the 1st, covers)."""
    current = period_containing(kind, today)
    return current.previous() or current


def parse_period(key: str | None) -> Period | None:
    """A period from its key, or None if the key is not one."""
    if not key:
        return None
    if key == "all":
        return ALL
    if match := WEEK.match(key):
        try:
            return period_containing("week", date.fromisocalendar(int(match[1]), int(match[2]), 1))
        except ValueError:
            return None
    if (match := MONTH.match(key)) and 1 <= int(match[2]) <= 12 and int(match[1]) >= 1:
        return period_containing("month", date(int(match[1]), int(match[2]), 1))
    return None


def recent(today: date, months: int = 12, weeks: int = 8) -> list[Period]:
    """Choices for a period filter, newest first: months, then weeks, then "all"."""
    result, day = [], today
    for _ in range(months):
        period = period_containing("month", day)
        result.append(period)
        day = period.start.date() - timedelta(days=1)
    day = today
    for _ in range(weeks):
        period = period_containing("week", day)
        result.append(period)
        day = period.start.date() - timedelta(days=1)
    return [*result, ALL]
