"""The reach report: respondents per group against the population, per activity, per channel and overall.

All tables of one report are protected together: the activity and channel tables share their totals, so a
count hidden in one is hidden in every table that shows it (otherwise two tables together would reveal it).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from engage.reach.dimensions import dimensions, normalise_group
from engage.reach.disclosure import Count, protect_grid, protect_line
from engage.reach.representation import NOT_STATED, GroupReach, dimension_reach
from engage.reach.sources import DIRECT, Participation, ParticipationTally

GROUPINGS = ("activity", "channel")
#: Groupings published with a table per group. Channels get only their number of respondents: activity × group
#: and channel × group tables together are two faces of one activity × channel × group table, whose small cells
#: two-way suppression cannot protect (tests/unit/reach/test_reach_joint_tables.py found such a case).
GROUP_TABLES = ("activity",)


@dataclass
class DimensionTable:
    dimension: str
    #: overall rows: one per group, then not stated
    overall: list[GroupReach]
    #: grouping ("activity" or "channel") -> row key -> rows for that activity or channel
    by: dict[str, dict[str, list[GroupReach]]] = field(default_factory=dict)

    def under_reached(self) -> list[GroupReach]:
        return [row for row in self.overall if row.under_reached]


@dataclass
class ReachReport:
    respondents: Count
    #: grouping -> row key -> protected number of respondents
    totals: dict[str, dict[str, Count]]
    #: activity id -> title
    titles: dict[str, str]
    dimensions: list[DimensionTable]

    def table(self, dimension: str) -> DimensionTable:
        return next(t for t in self.dimensions if t.dimension == dimension)

    def under_reached(self) -> list[GroupReach]:
        return [row for table in self.dimensions for row in table.under_reached()]


def row_key(participation: Participation, grouping: str) -> str:
    if grouping == "activity":
        return participation.activity_id
    return participation.channel or DIRECT


def build_reach(
    participations: Iterable[Participation] | ParticipationTally, baseline: Mapping[str, Mapping[str, int]] | None
) -> ReachReport:
    """Count, protect and compare. `participations` are people, or a tally of them counted by a database;
    `baseline` maps dimension -> group -> population count."""
    tally = participations if isinstance(participations, ParticipationTally) else ParticipationTally.of(participations)
    baseline = baseline or {}
    counts, heads = _count(tally)
    keys = {g: sorted(heads[g]) for g in GROUPINGS}
    grids = {(d, g): _grid(counts[d], g, keys[g], d) for d in dimensions() for g in GROUP_TABLES}
    hidden: set[tuple] = set()
    while True:
        protected = {k: protect_grid(grid, _positions(hidden, k, keys[k[1]])) for k, grid in grids.items()}
        headline = {
            g: protect_line([heads[g][k] for k in keys[g]], _line_positions(hidden, g, keys[g])) for g in GROUPINGS
        }
        found = _hidden_keys(protected, headline, keys)
        if found <= hidden:
            break
        hidden |= found
    titles = {activity: tally.titles.get(activity, activity) for activity in heads["activity"]}
    return _assemble(baseline, keys, protected, headline, titles)


def _count(tally: ParticipationTally) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """dimension -> Counter of (activity, channel, group), answers normalised to groups and the people of each
    activity and channel who gave no answer (or one reach does not count) counted as not stated."""
    heads: dict[str, Counter] = {"activity": Counter(), "channel": Counter()}
    for (activity, channel), n in tally.people.items():
        heads["activity"][activity] += n
        heads["channel"][channel] += n
    counts = {}
    for dimension in dimensions():
        counted: Counter = Counter()
        stated: Counter = Counter()
        for (activity, channel, answer), n in tally.answers.get(dimension, Counter()).items():
            group = normalise_group(dimension, answer)
            if group and n:
                counted[activity, channel, group] += n
                stated[activity, channel] += n
        for (activity, channel), n in tally.people.items():
            if n - stated[activity, channel]:
                counted[activity, channel, NOT_STATED] += n - stated[activity, channel]
        counts[dimension] = counted
    return counts, heads


def _grid(counts: Counter, grouping: str, keys: list[str], dimension: str) -> list[list[int]]:
    columns = [*dimensions()[dimension].group_ids(), NOT_STATED]
    cells: dict[str, Counter] = defaultdict(Counter)
    for (activity, channel, group), n in counts.items():
        cells[activity if grouping == "activity" else channel][group] += n
    return [[cells[k][c] for c in columns] for k in keys] or [[0] * len(columns)]


# Shared parts, named so that tables can agree: ("total",), ("row", grouping, key), ("column", dimension, index).
def _positions(hidden: set, table_key: tuple[str, str], keys: list[str]) -> set[tuple[int, int]]:
    dimension, grouping = table_key
    rows, cols = len(keys) or 1, len(dimensions()[dimension].groups) + 1
    positions = {(rows, cols)} if ("total",) in hidden else set()
    positions |= {(i, cols) for i, k in enumerate(keys) if ("row", grouping, k) in hidden}
    positions |= {(rows, c) for c in range(cols) if ("column", dimension, c) in hidden}
    return positions


def _line_positions(hidden: set, grouping: str, keys: list[str]) -> set[int]:
    positions = {i for i, k in enumerate(keys) if ("row", grouping, k) in hidden}
    return positions | ({len(keys)} if ("total",) in hidden else set())


def _hidden_keys(protected, headline, keys) -> set[tuple]:
    found = set()
    for (dimension, grouping), grid in protected.items():
        found |= {("row", grouping, k) for k, c in zip(keys[grouping], grid.row_totals, strict=False) if c.hidden}
        found |= {("column", dimension, i) for i, c in enumerate(grid.column_totals) if c.hidden}
        found |= {("total",)} if grid.total.hidden else set()
    for grouping, line in headline.items():
        found |= {("row", grouping, k) for k, c in zip(keys[grouping], line.cells, strict=False) if c.hidden}
        found |= {("total",)} if line.total.hidden else set()
    return found


def _assemble(baseline, keys, protected, headline, titles) -> ReachReport:
    tables = []
    for dimension in dimensions():
        columns = [*dimensions()[dimension].group_ids(), NOT_STATED]
        population = baseline.get(dimension)
        first = protected[dimension, "activity"]
        overall_counts = dict(zip(columns, (c.value for c in first.column_totals), strict=True))
        table = DimensionTable(dimension, dimension_reach(dimension, overall_counts, population, first.column_totals))
        for grouping in GROUP_TABLES:
            grid = protected[dimension, grouping]
            table.by[grouping] = {
                key: dimension_reach(
                    dimension, dict(zip(columns, (c.value for c in row), strict=True)), population, row
                )
                for key, row in zip(keys[grouping], grid.cells, strict=False)
            }
        tables.append(table)
    totals = {g: dict(zip(keys[g], headline[g].cells, strict=True)) for g in GROUPINGS}
    return ReachReport(headline["activity"].total, totals, titles, tables)
