"""Template helpers for anything that shows reach numbers: every count passes through disclosure control."""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale, UnknownLocaleError
from flask import Flask
from flask_babel import format_date, format_decimal, format_percent, get_locale
from flask_babel import gettext as _

from engage.reach.disclosure import Count, render
from engage.reach.periods import Period
from engage.reach.web.labels import channel_label, dimension_label, group_label


def protected_count(count: Count) -> str:
    """A protected count for a page: the number, "fewer than 5" or "suppressed", in the reader's language."""
    return render(count, small_label=_("fewer than 5"), suppressed_label=_("suppressed"))


def percent(value: float | None) -> str:
    return "–" if value is None else format_percent(value, "#,##0.0%")


def index_text(row) -> str:
    """A representation index as charts and tables print it: "0.72", or "–" when there is none."""
    return "–" if row.index is None else format_decimal(row.index, "0.00")


def interval_text(row) -> str:
    """The index with its 95% interval, as tables print it: "0.72 (0.55–0.90)"."""
    if row.index is None:
        return "–"
    low, high = format_decimal(row.index_low, "0.00"), format_decimal(row.index_high, "0.00")
    return f"{index_text(row)} ({low}–{high})"


def format_day(value: date | datetime | None) -> str:
    return "" if value is None else format_date(value, "d MMMM yyyy")


def period_label(period: Period) -> str:
    if period.kind == "month":
        return format_date(period.start, "MMMM yyyy")
    if period.kind == "week":
        return _("Week %(key)s, from %(day)s", key=period.key, day=format_date(period.start, "d MMMM yyyy"))
    return _("All time")


def period_name(period: Period) -> str:
    """A period in words for report pages: "November 2026", "Week of 16 November 2026", "All time"."""
    if period.kind == "week":
        return _("Week of %(day)s", day=format_date(period.start, "d MMMM yyyy"))
    return period_label(period)


def language_name(code: str | None) -> str:
    """A language code as its name in the reader's language ("pl" -> "Polish"); the code if Babel has no name."""
    if not code:
        return ""
    try:
        return Locale.parse(code).get_display_name(get_locale()) or code
    except (ValueError, UnknownLocaleError):
        return code


def baseline_help() -> str:
    return _(
        "A CSV file with the columns dimension, group and count, for example: ward,Northgate,1040. Dimensions: "
        "ward, ethnicity, language, age_band, primary_need, ehcp. Groups: the names shown in the tables."
    )


def init_app(app: Flask) -> None:
    for helper in (
        protected_count,
        percent,
        interval_text,
        period_label,
        period_name,
        language_name,
        baseline_help,
        dimension_label,
        group_label,
        channel_label,
    ):
        app.add_template_global(helper)
    app.add_template_filter(format_day)
