"""Charts and export tables from a Dashboard, in the reader's language, through disclosure control."""

from __future__ import annotations

import re
import unicodedata

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engage.reach.web.helpers import (
    baseline_note,
    index_text,
    interval_text,
    language_name,
    percent,
    period_name,
    protected_count,
)
from engage.reach.web.labels import channel_label, dimension_label, group_label
from engage.reports.charts import COLOURS, Bar, Chart, Segment, layout
from engage.reports.insight import SENTIMENTS
from engage.reports.service import Dashboard
from engage.reports.themes import theme_label

SENTIMENT_LABELS = {
    "positive": _l("Positive"),
    "neutral": _l("Neutral"),
    "mixed": _l("Mixed"),
    "negative": _l("Negative"),
}


def filter_summary(dashboard: Dashboard) -> list[str]:
    """The chosen filters in words, period first: printed under every heading and slugged into file names."""
    f = dashboard.filters
    parts = [period_name(f.period)]
    parts.append(dashboard.reach.titles.get(f.activity, f.activity) if f.activity else _("All activities"))
    if f.theme:
        parts.append(_("Theme: %(theme)s", theme=theme_label(f.theme)))
    if f.group:
        dimension, _sep, group = f.group.partition(":")
        parts.append(f"{dimension_label(dimension)}: {group_label(dimension, group)}")
    if f.language:
        parts.append(_("Comments in %(language)s", language=language_name(f.language)))
    return parts


def slug(parts: list[str]) -> str:
    """File-name-safe words: accents dropped, anything else than letters and digits turned into one hyphen."""
    text = unicodedata.normalize("NFKD", " ".join(parts)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:150] or "report"


def reach_rows(dashboard: Dashboard, table) -> list:
    """The rows of one dimension's representation table for the chosen activity (everyone's when none): the one
    list both its chart and its table are drawn from, so they cannot disagree."""
    activity = dashboard.filters.activity
    return table.by["activity"].get(activity, []) if activity else table.overall


def activity_chart(dashboard: Dashboard) -> Chart:
    bars = [
        Bar(row.title, protected_count(row.respondents), [Segment(row.respondents.shown or 0, COLOURS["bar"])])
        for row in dashboard.activities
    ]
    return layout(
        Chart(
            "chart-activities",
            _("Respondents by activity"),
            _(
                "A bar for each activity, as long as the number of people who took part; the table beside it "
                "gives the numbers. Activities with fewer than 5 people have no bar."
            ),
            bars,
            explanation=_(
                "Each bar is the number of people who took part in that activity in this period (of the chosen "
                "group, when a group is chosen)."
            ),
        )
    )


def theme_chart(dashboard: Dashboard) -> Chart:
    bars = []
    for row in dashboard.themes:
        segments = [Segment(row.sentiment[s].shown or 0, COLOURS[s]) for s in SENTIMENTS if row.sentiment] or [
            Segment(0, COLOURS["bar"])
        ]
        bars.append(Bar(theme_label(row.theme), protected_count(row.mentions), segments))
    return layout(
        Chart(
            "chart-themes",
            _("Themes by mentions, split by sentiment"),
            _(
                "A bar for each theme, as long as the number of comments that mention it, divided into positive, "
                "neutral, mixed and negative comments in that order. Themes with fewer than 10 mentions are not split."
            ),
            bars,
            explanation=_(
                "Each bar is the number of comments that mention the theme; its colours show how many were "
                "positive, neutral, mixed or negative."
            ),
        )
    )


def index_chart(table, rows) -> Chart:
    """The representation index of each group in `rows` (from `reach_rows`: the same rows as the table)."""
    bars = []
    for row in rows:
        if row.group == "not_stated":
            continue
        colour = COLOURS["flag"] if row.under_reached else COLOURS["bar"]
        text = index_text(row)
        label = group_label(row.dimension, row.group)
        if row.under_reached:
            label = _("%(group)s (under-reached)", group=label)
        bars.append(Bar(label, text, [Segment(row.index or 0, colour)]))
    name = dimension_label(table.dimension)
    return layout(
        Chart(
            f"chart-index-{table.dimension}",
            _("Representation index by %(dimension)s", dimension=name.lower()),
            _(
                "A bar for each group: its share of respondents divided by its share of the SEND population. The "
                "line marks 1, a fair share; groups marked under-reached are below it with %(level)s confidence.",
                level="95%",
            ),
            bars,
            reference=1.0,
            explanation=_(
                "1.0 means this group took part in proportion to its share of the SEND population; 0.5 means half "
                "its share, 2.0 twice. The numbers in brackets in the table are the %(level)s interval: the range "
                "the true index lies in, given how many people took part. A group is under-reached when even the "
                "top of that range is below 1.",
                level="95%",
            ),
        )
    )


def _file_count(count):
    """A protected count for a file: the number itself (a number cell in a spreadsheet), else the words."""
    return count.value if not count.hidden else protected_count(count)


def _index_number(value: float | None):
    return "" if value is None else round(value, 2)


def export_tables(dashboard: Dashboard) -> list[tuple[str, list[str], list[list]]]:
    """(table name, header, rows) for the exports, in the reader's language: names not codes, shares as
    percentages, every count through disclosure control. Each table is one ODS sheet or one CSV file."""
    reach_rows_ = [
        [
            dimension_label(row.dimension),
            group_label(row.dimension, row.group),
            _file_count(row.respondents),
            percent(row.share) if row.share is not None else "",
            "" if row.population is None else row.population,
            percent(row.population_share) if row.population_share is not None else "",
            _index_number(row.index),
            _index_number(row.index_low),
            _index_number(row.index_high),
            _("Yes") if row.under_reached else "",
            baseline_note(row.dimension),
        ]
        for table in dashboard.reach.dimensions
        for row in reach_rows(dashboard, table)
    ]
    reach_header = [
        _("Dimension"),
        _("Group"),
        _("Respondents"),
        _("Share of respondents"),
        _("SEND population"),
        _("Population share"),
        _("Representation index"),
        _("Index, lower end of the %(level)s interval", level="95%"),
        _("Index, upper end of the %(level)s interval", level="95%"),
        _("Under-reached"),
        _("Population baseline"),
    ]
    activities = [[row.title, _file_count(row.respondents), row.under_reached] for row in dashboard.activities]
    channels = [
        [channel_label(row.channel), _file_count(row.respondents), row.under_reached] for row in dashboard.channels
    ]
    themes = [
        [theme_label(row.theme), _file_count(row.mentions)]
        + [_file_count(row.sentiment[s]) if row.sentiment else "" for s in SENTIMENTS]
        + ["" if row.change is None else row.change]
        for row in dashboard.themes
    ]
    counted = [_("Respondents"), _("Under-reached groups")]
    sentiments = [str(SENTIMENT_LABELS[s]) for s in SENTIMENTS]
    return [
        (_("Representation"), reach_header, reach_rows_),
        (_("Activities"), [_("Activity"), *counted], activities),
        (_("Outreach channels"), [_("Outreach channel"), *counted], channels),
        (_("Themes"), [_("Theme"), _("Mentions"), *sentiments, _("Change since previous period")], themes),
    ]


__all__ = [
    "activity_chart",
    "interval_text",
    "export_tables",
    "filter_summary",
    "index_chart",
    "percent",
    "slug",
    "theme_chart",
]
