"""The reach report: respondents per group against the population, per activity, per channel and overall.

All tables of one report are protected together, as one linked system (`_linked_tables`): every published number
has one name, so it is shown the same way wherever it appears, and secondary suppression is solved over every sum
that links the tables, so a reader who combines them all still cannot work out a "fewer than 5"
(tests/unit/reach/test_reach_joint_tables.py attacks the whole report with an exact integer solver).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from engage.reach.dimensions import dimensions, normalise_group
from engage.reach.disclosure import Count, State, protect_joint
from engage.reach.representation import NOT_STATED, GroupReach, dimension_reach
from engage.reach.sources import DIRECT, Participation, ParticipationTally

GROUPINGS = ("activity", "channel")
#: Groupings published with a table per group. Activity × group and channel × group tables are two faces of one
#: activity × channel × group table, and the linked system of two-way sums does not capture everything a reader
#: could infer from two faces of a three-way table, so the result is audited against that table
#: (`protect_joint`) and more cells are hidden until no hidden number can be pinned.
GROUP_TABLES = ("activity", "channel")
#: grouping -> the name of its group-table cells in the linked system, e.g. ("cell", dimension, activity, group)
CELL = {"activity": "cell", "channel": "channel_cell"}


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


#: Changes whenever the way tables are protected changes, so that stored protections made by older code are not
#: served (it is part of every fingerprint).
PROTECTION_VERSION = "joint-1"


@dataclass
class ProtectedTables:
    """Every number one period's reach tables publish, each with its disclosure state: the expensive part of a
    report (the joint audit solves many integer programs), computed once per version of the data and stored
    (engage/reach/web/protections.py), then combined with any baseline by `assemble_reach`."""

    #: grouping -> sorted row keys (activities, channels)
    keys: dict[str, list[str]]
    #: activity id -> title
    titles: dict[str, str]
    #: published part -> protected count
    protected: dict[tuple, Count]

    def to_json(self) -> dict:
        parts = [[list(part), count.value, count.state.value] for part, count in self.protected.items()]
        return {"keys": self.keys, "titles": self.titles, "parts": parts}

    @classmethod
    def from_json(cls, data: Mapping) -> ProtectedTables:
        protected = {tuple(part): Count(int(value), State(state)) for part, value, state in data["parts"]}
        return cls({g: list(k) for g, k in data["keys"].items()}, dict(data["titles"]), protected)


def as_tally(participations: Iterable[Participation] | ParticipationTally) -> ParticipationTally:
    return participations if isinstance(participations, ParticipationTally) else ParticipationTally.of(participations)


def fingerprint(tally: ParticipationTally) -> str:
    """A digest of every number the tables would publish (and of the protection method): equal fingerprints
    mean equal tables, so a stored protection with this fingerprint is exactly the one a solve would give."""
    counts, heads = _count(tally)
    keys = {g: sorted(heads[g]) for g in GROUPINGS}
    values, _lines = _linked_tables(counts, heads, keys)
    titles = sorted((activity, tally.titles.get(activity, activity)) for activity in heads["activity"])
    text = json.dumps([PROTECTION_VERSION, sorted((list(p), v) for p, v in values.items()), titles])
    return hashlib.sha256(text.encode()).hexdigest()


def protect_tally(participations: Iterable[Participation] | ParticipationTally) -> ProtectedTables:
    """Count and protect every table of a period together (the slow step: seconds on a busy period)."""
    tally = as_tally(participations)
    counts, heads = _count(tally)
    keys = {g: sorted(heads[g]) for g in GROUPINGS}
    values, lines = _linked_tables(counts, heads, keys)
    supports, links = _full_table(keys)
    protected = protect_joint(values, lines, supports, links)
    titles = {activity: tally.titles.get(activity, activity) for activity in heads["activity"]}
    return ProtectedTables(keys, titles, protected)


def assemble_reach(tables: ProtectedTables, baseline: Mapping[str, Mapping[str, int]] | None) -> ReachReport:
    """The report from protected tables and a population baseline (cheap: no solving)."""
    return _assemble(baseline or {}, tables.keys, tables.protected, tables.titles)


def build_reach(
    participations: Iterable[Participation] | ParticipationTally, baseline: Mapping[str, Mapping[str, int]] | None
) -> ReachReport:
    """Count, protect and compare. `participations` are people, or a tally of them counted by a database;
    `baseline` maps dimension -> group -> population count."""
    return assemble_reach(protect_tally(participations), baseline)


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


def _linked_tables(counts: dict[str, Counter], heads: dict[str, Counter], keys: dict[str, list[str]]):
    """Every number the report publishes, named once, and the sums that link them: per dimension the activity ×
    group and channel × group tables (their row margins are the activity and channel totals, their column margin
    the shared overall row), the activity totals and the channel totals, all adding up to the one grand total.

    These two-way sums are not all a reader can use (the two tables are faces of one activity × channel × group
    table): `_full_table` describes that table for the audit in `protect_joint`."""
    values: dict[tuple, int] = {("total",): sum(heads["activity"].values())}
    lines: list = []
    for grouping in GROUPINGS:
        parts = [("row", grouping, k) for k in keys[grouping]]
        values |= {part: heads[grouping][k] for part, k in zip(parts, keys[grouping], strict=True)}
        lines.append((parts, ("total",)))
    for dimension in dimensions():
        columns = [*dimensions()[dimension].group_ids(), NOT_STATED]
        for grouping, name in CELL.items():
            cells: dict[str, Counter] = defaultdict(Counter)
            for (activity, channel, group), n in counts[dimension].items():
                cells[activity if grouping == "activity" else channel][group] += n
            for k in keys[grouping]:
                row = [(name, dimension, k, c) for c in columns]
                values |= {part: cells[k][c] for part, c in zip(row, columns, strict=True)}
                lines.append((row, ("row", grouping, k)))
            for c in columns:
                values["column", dimension, c] = sum(cells[k][c] for k in keys[grouping])
                lines.append(([(name, dimension, k, c) for k in keys[grouping]], ("column", dimension, c)))
        margin = [("column", dimension, c) for c in columns]
        lines.append((margin, ("total",)))
    return values, lines


def _full_table(keys: dict[str, list[str]]):
    """What every published number adds up in the unknown table a reader reasons about: per dimension an activity ×
    channel × group table ("x"), all tied to one activity × channel table of people ("y", never published), so a
    reader may combine every dimension's tables (for each activity and channel, every dimension's groups add up to
    the same people). Returns (part -> unknowns it adds up, the equations tying the dimensions to "y")."""
    pairs = [(a, c) for a in keys["activity"] for c in keys["channel"]]
    supports: dict[tuple, list] = {("total",): [("y", a, c) for a, c in pairs]}
    for a in keys["activity"]:
        supports["row", "activity", a] = [("y", a, c) for c in keys["channel"]]
    for c in keys["channel"]:
        supports["row", "channel", c] = [("y", a, c) for a in keys["activity"]]
    links = []
    for dimension in dimensions():
        columns = [*dimensions()[dimension].group_ids(), NOT_STATED]
        for g in columns:
            supports["column", dimension, g] = [("x", dimension, a, c, g) for a, c in pairs]
            for a in keys["activity"]:
                supports[CELL["activity"], dimension, a, g] = [("x", dimension, a, c, g) for c in keys["channel"]]
            for c in keys["channel"]:
                supports[CELL["channel"], dimension, c, g] = [("x", dimension, a, c, g) for a in keys["activity"]]
        for a, c in pairs:
            links.append([*((("x", dimension, a, c, g), 1) for g in columns), (("y", a, c), -1)])
    return supports, links


def _assemble(baseline, keys, protected, titles) -> ReachReport:
    tables = []
    for dimension in dimensions():
        columns = [*dimensions()[dimension].group_ids(), NOT_STATED]
        population = baseline.get(dimension)
        margin = [protected["column", dimension, c] for c in columns]
        overall_counts = {c: count.value for c, count in zip(columns, margin, strict=True)}
        table = DimensionTable(dimension, dimension_reach(dimension, overall_counts, population, margin))
        for grouping in GROUP_TABLES:
            table.by[grouping] = {}
            for key in keys[grouping]:
                row = [protected[CELL[grouping], dimension, key, c] for c in columns]
                row_counts = {c: count.value for c, count in zip(columns, row, strict=True)}
                table.by[grouping][key] = dimension_reach(dimension, row_counts, population, row)
        tables.append(table)
    totals = {g: {k: protected["row", g, k] for k in keys[g]} for g in GROUPINGS}
    return ReachReport(protected["total",], totals, titles, tables)
