"""One way to write dates and times for people: "10 July 2026", "10 July 2026 at 14:30", "week of 30 November
2026", in the reader's language and in UK time (Engage stores naive UTC; a family in Leeds reads London time).

Every page, email and export uses these, so staff never meet three formats or an ISO week code."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import Flask
from flask_babel import format_date, format_time
from flask_babel import gettext as _

LONDON = ZoneInfo("Europe/London")


def in_london(value: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) or aware datetime as London's wall-clock time."""
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(LONDON)


def _day(value: dt.date | dt.datetime) -> dt.date:
    return in_london(value).date() if isinstance(value, dt.datetime) else value


def long_date(value: dt.date | dt.datetime | None) -> str:
    """e.g. 10 July 2026 (a datetime counts by its London day)."""
    if value is None:
        return ""
    return format_date(_day(value), "d MMMM y")


def long_datetime(value: dt.datetime | None) -> str:
    """e.g. 10 July 2026 at 14:30, London time."""
    if value is None:
        return ""
    local = in_london(value)
    return _(
        "%(date)s at %(time)s", date=format_date(local.date(), "d MMMM y"), time=format_time(local.time(), "HH:mm")
    )


def week_of(value: dt.date | dt.datetime) -> str:
    """The week (Monday to Sunday) holding `value`, named by its Monday: week of 30 November 2026."""
    day = _day(value)
    return _("week of %(date)s", date=long_date(day - dt.timedelta(days=day.weekday())))


def init_app(app: Flask) -> None:
    for helper in (long_date, long_datetime, week_of):
        app.add_template_filter(helper)
        app.add_template_global(helper)
