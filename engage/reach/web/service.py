"""Reach operations: import a baseline, build the protected reach report, write it as rows for files."""

from __future__ import annotations

from datetime import date, datetime

from engage.reach import sources
from engage.reach.disclosure import display_count, render
from engage.reach.periods import Period
from engage.reach.report import ReachReport, assemble_reach, build_reach
from engage.reach.representation import GroupReach
from engage.reach.web import baselines, protections
from engage.reach.web.models import PopulationBaseline

CSV_COLUMNS = (
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
    # last, so files read by column position keep working: which baseline and date the population comes from
    "baseline",
)


def import_baseline(
    data: bytes | str,
    source: str,
    as_of: date,
    *,
    filename: str | None = None,
    actor_id: int | None = None,
    dataset: str | None = None,
) -> PopulationBaseline:
    """Validate the whole file and the date (raises `BaselineError` listing every problem) and make it current,
    the dimensions it does not hold kept from the current baseline (engage/reach/web/baselines.py)."""
    return baselines.import_confirmed(data, source, as_of, filename=filename, actor_id=actor_id, dataset=dataset)


def baseline_labels() -> dict[str, str]:
    """Dimension -> which baseline and date the current population for it comes from, for files."""
    return baselines.origin_labels(current_baseline())


current_baseline = baselines.current_baseline


def reach_report(since: datetime | None = None, until: datetime | None = None) -> ReachReport:
    """Everyone who took part in the period, from every registered source, against the current baseline."""
    baseline = current_baseline()
    return build_reach(sources.participation_tally(since, until), baseline.counts() if baseline else None)


def period_report(period: Period, *, latest: bool = False) -> tuple[ReachReport, datetime | None]:
    """A period's report from its stored protection (engage/reach/web/protections.py) and the current baseline,
    with the time its tables were counted when newer answers are still being protected. `latest`: the latest
    stored protection without checking it against the answers (for a comparison figure)."""
    report, served = period_served(period, latest=latest)
    return report, served.counted_at


def period_served(period: Period, *, latest: bool = False) -> tuple[ReachReport, protections.Served]:
    """`period_report`, with what was served: `served.counting` when the period's first solve is still running
    (the report is then empty and views say the figures are being counted)."""
    served = protections.latest_tables(period) if latest else protections.protected_tables(period)
    baseline = current_baseline()
    return assemble_reach(served.tables, baseline.counts() if baseline else None), served


def _number(value: float | None, places: int) -> str:
    return "" if value is None else f"{value:.{places}f}"


def file_row(scope: str, scope_id: str, row: GroupReach, baseline: str = "") -> dict[str, str]:
    """One reach row as text for a CSV or ODS file, through disclosure control; `baseline` names the population
    it is compared with (empty without one)."""
    return {
        "scope": scope,
        "scope_id": scope_id,
        "dimension": row.dimension,
        "group": row.group,
        "respondents": render(row.respondents, for_file=True),
        "share": _number(row.share, 4),
        "population": "" if row.population is None else display_count(row.population, for_file=True),
        "population_share": _number(row.population_share, 4),
        "index": _number(row.index, 3),
        "index_low": _number(row.index_low, 3),
        "index_high": _number(row.index_high, 3),
        "flag": row.flag,
        "baseline": baseline if row.population is not None else "",
    }


def report_rows(
    report: ReachReport,
    *,
    activity: str | None = None,
    by: str | None = None,
    channel: str | None = None,
    baselines: dict[str, str] | None = None,
) -> list[dict[str, str]]:
    """Rows for a file: overall, one activity (`activity`) or channel (`channel`), or every activity or every
    channel (`by="activity"` or `by="channel"`). `baselines`: dimension -> which baseline its population comes
    from (`baseline_labels`)."""
    rows = []
    for table in report.dimensions:
        source = (baselines or {}).get(table.dimension, "")
        if activity is not None:
            rows += [file_row("activity", activity, r, source) for r in table.by["activity"].get(activity, [])]
        elif channel is not None:
            rows += [file_row("channel", channel, r, source) for r in table.by["channel"].get(channel, [])]
        elif by in ("activity", "channel"):
            for key, key_rows in table.by[by].items():
                rows += [file_row(by, key, r, source) for r in key_rows]
        else:
            rows += [file_row("overall", "", r, source) for r in table.overall]
    return rows
