"""Template helpers for anything that shows reach numbers: every count passes through disclosure control."""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale, UnknownLocaleError
from flask import Flask
from flask_babel import format_date, format_decimal, format_percent, get_locale
from flask_babel import gettext as _

from engage.dates import long_date, week_of
from engage.reach.disclosure import Count, render
from engage.reach.periods import Period
from engage.reach.web.labels import channel_label, dimension_label, group_label


def protected_count(count: Count) -> str:
    """A protected count for a page: the number, "fewer than 5" or "not shown" (a number hidden so that a small one
    cannot be worked out from the totals: statisticians say "suppressed"), in the reader's language."""
    return render(count, small_label=_("fewer than 5"), suppressed_label=_("not shown"))


def protection_note() -> str:
    """The plain line under tables of protected counts, saying what "fewer than 5" and "not shown" mean."""
    return _(
        "“Fewer than 5” stands for 1 to 4 people. “Not shown” hides a number that would let someone work out a "
        "small one by subtracting it from a total. Both protect families who could otherwise be recognised."
    )


def index_note() -> str:
    """The plain line that explains the representation index and its interval."""
    return _(
        "The representation index compares a group's share of the people who took part with its share of the "
        "SEND population: 1.0 means this group took part in proportion to its share, below 1.0 fewer than its "
        "share, above 1.0 more. The range in brackets is where the true figure very probably lies (95%% interval)."
    )


def baseline_sources() -> dict[str, str]:
    """Dimension -> the words that say which baseline its population shares come from, once per request."""
    from flask import g

    from engage.reach.web import baselines

    if "reach_baseline_sources" not in g:
        current = baselines.current_baseline()
        found = baselines.origins(current) if current is not None else {}
        g.reach_baseline_sources = {
            dimension: _(
                "Population shares from %(source)s, numbers as of %(day)s.",
                source=origin.source,
                day=format_day(origin.as_of),
            )
            for dimension, origin in found.items()
        }
    return g.reach_baseline_sources


def baseline_note(dimension: str) -> str:
    """The line under a reach comparison naming its baseline's source and date, or "" when it has none."""
    return baseline_sources().get(dimension, "")


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
    """The one date format (engage.dates): "10 July 2026"."""
    return long_date(value)


def period_label(period: Period) -> str:
    """A period in words: "November 2026", "week of 16 November 2026" (never an ISO week code), "All time"."""
    if period.kind == "month":
        return format_date(period.start, "MMMM yyyy")
    if period.kind == "week":
        return week_of(period.start)
    return _("All time")


def period_name(period: Period) -> str:
    """A period in words for headings: "November 2026", "Week of 16 November 2026", "All time"."""
    if period.kind == "week":
        return _("Week of %(day)s", day=long_date(period.start))
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
        protection_note,
        index_note,
        percent,
        interval_text,
        period_label,
        period_name,
        language_name,
        baseline_help,
        baseline_note,
        dimension_label,
        group_label,
        channel_label,
    ):
        app.add_template_global(helper)
    app.add_template_filter(format_day)
