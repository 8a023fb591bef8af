"""The dashboard for a period and filters, composed from the registered sources (surveys, feedback, local offer,
consultations) and always through disclosure control."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from engage.reach import sources
from engage.reach.disclosure import Count, State, is_small, summary_allowed
from engage.reach.periods import ALL, Period, last_complete, period_containing
from engage.reach.report import ReachReport
from engage.reach.representation import GroupReach
from engage.reach.sources import CommentFilters, CommentInsight, DueItem
from engage.reach.web import protections, tallies
from engage.reach.web.service import period_served
from engage.reports.insight import ThemeRow, comment_count, tally_theme_table

#: Published quotes the dashboard shows.
QUOTES = 5


@dataclass(frozen=True)
class Filters:
    period: Period
    activity: str | None = None
    theme: str | None = None
    #: "dimension:group", e.g. "ward:northgate"
    group: str | None = None
    language: str | None = None

    def as_args(self) -> dict[str, str]:
        args = {"period": self.period.key, "activity": self.activity, "theme": self.theme}
        args |= {"group": self.group, "language": self.language}
        return {k: v for k, v in args.items() if v}


@dataclass
class ActivityRow:
    activity_id: str
    title: str
    respondents: Count
    under_reached: int


@dataclass
class ChannelRow:
    channel: str
    respondents: Count
    under_reached: int


@dataclass
class DropOffRow:
    activity_id: str
    page_id: str
    position: int
    reached: Count
    #: share of starters who reached this page; None below 10 starters
    kept: float | None


@dataclass
class Dashboard:
    filters: Filters
    reach: ReachReport
    #: the people the activity and group filters select (protected)
    respondents: Count
    previous_respondents: Count | None
    comments: Count
    themes: list[ThemeRow]
    quotes: list[CommentInsight]
    actions: list[DueItem]
    activities: list[ActivityRow]
    dropoff: list[DropOffRow]
    #: under-reached groups overall, or in the filtered activity
    under_reached: list[GroupReach] = field(default_factory=list)
    all_themes: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    #: when the reach figures were counted, if newer answers are still being protected (None: they are current)
    counted_at: datetime | None = None
    #: True while the period's first protection is being solved: the reach figures are empty, not zero
    counting: bool = False
    #: outreach channels compared (over every activity: the report has no activity × channel table)
    channels: list[ChannelRow] = field(default_factory=list)


#: How far back the default period looks for a month with answers or comments.
DEFAULT_LOOKBACK_MONTHS = 12


def default_period(today: date) -> Period:
    """The last whole month before `today` in which anyone took part or commented (a leader opening reports on
    the 3rd should see last month, not three days of this one); this month when none of the last 12 had any."""
    month = last_complete("month", today)
    for _ in range(DEFAULT_LOOKBACK_MONTHS):
        if _has_data(month):
            return month
        month = month.previous()
    return period_containing("month", today)


def protect_opening_periods(today: date) -> dict[str, str]:
    """Protect and store, now, the periods the report pages open on: every month `default_period` looks at, the
    month before the one it chooses (a leader's next look) and the month before that (each view compares with its
    previous period), and all time (the reach page). `demo load` runs this; cron (`reports precompute`) keeps them
    and the other offered periods current. Each month is protected before it is asked whether it has data, so
    nothing here waits on a solve beside a request."""
    outcome, month = {}, last_complete("month", today)
    for _ in range(DEFAULT_LOOKBACK_MONTHS):
        outcome |= protections.precompute([month])
        if _has_data(month):
            break
        month = month.previous()
    chosen = default_period(today)
    earlier = chosen.previous()
    before = earlier.previous() if earlier is not None else None
    wanted = {p.key: p for p in [chosen, earlier, before, ALL] if p is not None and p.key not in outcome}
    return outcome | protections.precompute(list(wanted.values()))


def protect_offered_periods(today: date) -> dict[str, str]:
    """Protect and store every period a leader can open: the opening periods (`protect_opening_periods`), every
    period the filters offer and the one before each (`protections.periods_to_warm`). `demo load` and cron
    (`reports precompute`) run this, so a view only reads stored tables; a period typed into the address that no
    filter offers is the only one solved beside a request. Bounded: 14 months, 9 weeks and all time, about 25."""
    outcome = protect_opening_periods(today)
    rest = [p for p in protections.periods_to_warm(today) if p.key not in outcome]
    return outcome | protections.precompute(rest)


def _has_data(period: Period) -> bool:
    """Anyone counted in the period's stored tables (cron keeps the offered months current), or any comment."""
    if protections.latest_tables(period).tables.protected[("total",)].value:
        return True
    return tallies.comment_tally(period).total() > 0


def comment_filters(filters: Filters) -> CommentFilters:
    return CommentFilters(filters.activity, filters.language, filters.theme)


def build_dashboard(filters: Filters, today: date) -> Dashboard:
    """Reach is always counted over everyone in the period and protected as one set of tables; the activity and
    group filters only choose which protected numbers to show, so two views together never reveal what one hides.
    The theme and language filters apply to comments."""
    period = filters.period
    report, served = period_served(period)
    chosen = comment_filters(filters)
    comments = tallies.comment_tally(period, chosen)
    all_comments = tallies.comment_tally(period) if chosen != CommentFilters() else comments
    previous = period.previous()
    earlier, previous_respondents = None, None
    if previous is not None:
        earlier = tallies.comment_tally(previous, chosen)
        before, before_served = period_served(previous, latest=True)
        previous_respondents = None if before_served.counting else selected_respondents(before, filters)
    return Dashboard(
        filters=filters,
        reach=report,
        counted_at=served.counted_at,
        counting=served.counting,
        respondents=selected_respondents(report, filters),
        previous_respondents=previous_respondents,
        comments=comment_count(comments),
        themes=tally_theme_table(comments, earlier),
        quotes=comments.quotes[:QUOTES],
        actions=[item for item in sources.due_items(today) if item.kind == "action"],
        activities=_activities(report, filters.group),
        channels=_channels(report, filters.group),
        dropoff=_dropoff(filters),
        under_reached=_under_reached(report, filters.activity),
        all_themes=sorted(all_comments.themes()),
        languages=sorted(all_comments.languages()),
    )


def _under_reached(report: ReachReport, activity: str | None) -> list[GroupReach]:
    if not activity:
        return report.under_reached()
    return [row for table in report.dimensions for row in table.by["activity"].get(activity, []) if row.under_reached]


def _group_row(rows: list[GroupReach], group: str) -> Count:
    return next((row.respondents for row in rows if row.group == group), Count(0))


def selected_respondents(report: ReachReport, filters: Filters) -> Count:
    """The protected number of people the activity and group filters select."""
    if filters.group:
        dimension, _, group = filters.group.partition(":")
        table = report.table(dimension)
        rows = table.by["activity"].get(filters.activity, []) if filters.activity else table.overall
        return _group_row(rows, group)
    if filters.activity:
        return report.totals["activity"].get(filters.activity, Count(0))
    return report.respondents


def _compared(report: ReachReport, by: str, group_filter: str | None):
    """(activity or channel, its respondents — of one group when filtered —, its under-reached groups) for each."""
    for key, count in report.totals[by].items():
        flagged = sum(1 for table in report.dimensions for row in table.by[by].get(key, []) if row.under_reached)
        if group_filter:
            dimension, _, group = group_filter.partition(":")
            count = _group_row(report.table(dimension).by[by][key], group)
        yield key, count, flagged


def _largest_first(row) -> int:
    return -row.respondents.value if not row.respondents.hidden else 0


def _activities(report: ReachReport, group_filter: str | None) -> list[ActivityRow]:
    rows = [
        ActivityRow(activity_id, report.titles.get(activity_id, activity_id), count, flagged)
        for activity_id, count, flagged in _compared(report, "activity", group_filter)
    ]
    return sorted(rows, key=lambda r: (_largest_first(r), r.title))


def _channels(report: ReachReport, group_filter: str | None) -> list[ChannelRow]:
    rows = [ChannelRow(*compared) for compared in _compared(report, "channel", group_filter)]
    return sorted(rows, key=lambda r: (_largest_first(r), r.channel))


def _dropoff(filters: Filters) -> list[DropOffRow]:
    rows = []
    pages = sources.page_dropoffs(filters.period.start, filters.period.end)
    starts: dict[str, int] = {}
    for page in sorted(pages, key=lambda d: (d.activity_id, d.position)):
        if filters.activity and page.activity_id != filters.activity:
            continue
        starts.setdefault(page.activity_id, page.reached)
        base = starts[page.activity_id]
        # a share of a hidden count would give the count away (share × starters)
        kept = page.reached / base if summary_allowed(base) and not is_small(page.reached) else None
        reached = Count(page.reached, State.SMALL if is_small(page.reached) else State.SHOWN)
        rows.append(DropOffRow(page.activity_id, page.page_id, page.position, reached, kept))
    return rows
