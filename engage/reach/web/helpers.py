"""Template helpers for anything that shows reach numbers: every count passes through disclosure control."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_percent
from flask_babel import gettext as _

from engage.reach.disclosure import Count, render
from engage.reach.periods import Period
from engage.reach.web.labels import channel_label, dimension_label, group_label


def protected_count(count: Count) -> str:
    """A protected count for a page: the number, "fewer than 5" or "suppressed", in the reader's language."""
    return render(count, small_label=_("fewer than 5"), suppressed_label=_("suppressed"))


def percent(value: float | None) -> str:
    return "–" if value is None else format_percent(value, "#,##0.0%")


def format_day(value: date | datetime | None) -> str:
    return "" if value is None else format_date(value, "d MMMM yyyy")


def period_label(period: Period) -> str:
    if period.kind == "month":
        return format_date(period.start, "MMMM yyyy")
    if period.kind == "week":
        return _("Week %(key)s, from %(day)s", key=period.key, day=format_date(period.start, "d MMMM yyyy"))
    return _("All time")


def baseline_help() -> str:
    return _(
        "A CSV file with the columns dimension, group and count, for example: ward,Northgate,1040. Dimensions: "
        "ward, ethnicity, language, age_band, primary_need, ehcp. Groups: the names shown in the tables."
    )


def init_app(app: Flask) -> None:
    for helper in (
        protected_count,
        percent,
        period_label,
        baseline_help,
        dimension_label,
        group_label,
        channel_label,
    ):
        app.add_template_global(helper)
    app.add_template_filter(format_day)
