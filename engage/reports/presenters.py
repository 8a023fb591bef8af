"""Charts and export tables from a Dashboard, in the reader's language, through disclosure control."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engage.reach.disclosure import render
from engage.reach.web.helpers import percent, protected_count
from engage.reach.web.labels import dimension_label, group_label
from engage.reach.web.service import file_row
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
        )
    )


def index_chart(table) -> Chart:
    bars = []
    for row in table.overall:
        if row.group == "not_stated":
            continue
        colour = COLOURS["flag"] if row.under_reached else COLOURS["bar"]
        text = "–" if row.index is None else format_decimal(row.index, "0.00")
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
        )
    )


def export_tables(dashboard: Dashboard) -> list[tuple[str, list[str], list[list[str]]]]:
    """(sheet name, header, rows) for CSV and ODS: the reach table, activities, outreach channels and themes."""
    report = dashboard.reach
    activity = dashboard.filters.activity
    reach_rows = []
    for table in report.dimensions:
        rows = table.by["activity"].get(activity, []) if activity else table.overall
        reach_rows += [list(file_row("activity" if activity else "overall", activity or "", r).values()) for r in rows]
    header = [
        "scope",
        "scope_id",
        "dimension",
        "group",
        "respondents",
        "share",
        "population",
        "population_share",
        "index",
        "index_low",
        "index_high",
        "flag",
    ]
    activities = [
        [row.activity_id, row.title, render(row.respondents, for_file=True), str(row.under_reached)]
        for row in dashboard.activities
    ]
    channels = [
        [row.channel, render(row.respondents, for_file=True), str(row.under_reached)] for row in dashboard.channels
    ]
    themes = [
        [row.theme, theme_label(row.theme), render(row.mentions, for_file=True)]
        + [render(row.sentiment[s], for_file=True) if row.sentiment else "" for s in SENTIMENTS]
        + ["" if row.change is None else str(row.change)]
        for row in dashboard.themes
    ]
    return [
        ("reach", header, reach_rows),
        ("activities", ["activity", "title", "respondents", "under_reached_groups"], activities),
        ("channels", ["channel", "respondents", "under_reached_groups"], channels),
        ("themes", ["theme", "name", "mentions", *SENTIMENTS, "change"], themes),
    ]


__all__ = ["activity_chart", "export_tables", "index_chart", "percent", "theme_chart"]
