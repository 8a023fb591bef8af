"""The dashboard for a period and filters, composed from the registered sources (surveys, feedback, local offer,
consultations) and always through disclosure control."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from engage.reach import sources
from engage.reach.dimensions import normalise_group
from engage.reach.disclosure import Count, State, is_small, protect_line, summary_allowed
from engage.reach.periods import Period
from engage.reach.report import ReachReport, build_reach
from engage.reach.sources import CommentInsight, DueItem, Participation
from engage.reach.web.service import current_baseline
from engage.reports.insight import ThemeRow, comment_count, quotes, theme_table


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
    previous_respondents: Count | None
    comments: Count
    themes: list[ThemeRow]
    quotes: list[CommentInsight]
    actions: list[DueItem]
    activities: list[ActivityRow]
    dropoff: list[DropOffRow]
    all_themes: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)


def _people(since, until, filters: Filters) -> list[Participation]:
    people = sources.participations(since, until)
    if not (filters.activity or filters.language or filters.group):
        return people
    return [p for p in people if _keep_participation(p, filters)]


def _comments(since, until, filters: Filters) -> tuple[list[CommentInsight], list[CommentInsight]]:
    """(all comments, those the filters keep)."""
    everything = sources.comment_insights(since, until)
    if not (filters.activity or filters.language or filters.theme):
        return everything, everything
    return everything, [c for c in everything if _keep_comment(c, filters)]


def _keep_participation(p: Participation, filters: Filters) -> bool:
    if filters.activity and p.activity_id != filters.activity:
        return False
    if filters.language and p.language != filters.language:
        return False
    if filters.group:
        dimension, _, group = filters.group.partition(":")
        return normalise_group(dimension, p.groups.get(dimension)) == group
    return True


def _keep_comment(c: CommentInsight, filters: Filters) -> bool:
    if filters.activity and c.activity_id != filters.activity:
        return False
    if filters.language and c.language != filters.language:
        return False
    return not filters.theme or filters.theme in c.themes


def build_dashboard(filters: Filters, today: date) -> Dashboard:
    period = filters.period
    people = _people(period.start, period.end, filters)
    baseline = current_baseline()
    report = build_reach(people, baseline.counts() if baseline else None)
    all_comments, comments = _comments(period.start, period.end, filters)
    previous = period.previous()
    earlier = []
    previous_respondents = None
    if previous is not None:
        earlier = _comments(previous.start, previous.end, filters)[1]
        previous_respondents = protect_line([len(_people(previous.start, previous.end, filters))]).total
    return Dashboard(
        filters=filters,
        reach=report,
        previous_respondents=previous_respondents,
        comments=comment_count(comments),
        themes=theme_table(comments, earlier),
        quotes=quotes(comments, filters.theme),
        actions=[item for item in sources.due_items(today) if item.kind == "action"],
        activities=_activities(report),
        dropoff=_dropoff(filters),
        all_themes=sorted({t for c in all_comments for t in c.themes}),
        languages=sorted({c.language for c in all_comments} | {p.language for p in people if p.language}),
    )


def _activities(report: ReachReport) -> list[ActivityRow]:
    rows = []
    for activity_id, count in report.totals["activity"].items():
        flagged = sum(
            1 for table in report.dimensions for row in table.by["activity"].get(activity_id, []) if row.under_reached
        )
        rows.append(ActivityRow(activity_id, report.titles.get(activity_id, activity_id), count, flagged))
    return sorted(rows, key=lambda r: (-r.respondents.value if not r.respondents.hidden else 0, r.title))


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
