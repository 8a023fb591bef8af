"""Representation: each group's share of respondents against its share of the SEND population.

The representation index is share ÷ population share (1 means "represented in proportion"). Its 95% interval is
the Wilson score interval of the respondents' share divided by the population share. The population share comes
from a baseline that counts the whole SEND population (a census, not a sample), so it is taken as exact; the
Wilson interval is used because it behaves well for small and zero counts, where the normal approximation fails.
A group is "under-reached" when the whole interval lies below 1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from engage.reach.dimensions import dimensions
from engage.reach.disclosure import SMALL_COUNT_LIMIT, Count, State, summary_allowed

Z_95 = 1.959963984540054
UNDER_REACHED = "under-reached"
NOT_STATED = "not_stated"


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for a proportion."""
    if trials <= 0:
        return 0.0, 1.0
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class GroupReach:
    dimension: str
    group: str
    respondents: Count
    share: float | None = None
    population: int | None = None
    population_share: float | None = None
    index: float | None = None
    index_low: float | None = None
    index_high: float | None = None
    flag: str = ""

    @property
    def under_reached(self) -> bool:
        return self.flag == UNDER_REACHED


def dimension_reach(
    dimension: str,
    counts: Mapping[str, int],
    population: Mapping[str, int] | None,
    protected: Sequence[Count],
) -> list[GroupReach]:
    """One row per standard group of `dimension`, then "not stated".

    `protected` holds the disclosure-controlled counts in the same order (groups, then not stated); shares and
    indices are given only for shown counts from a base of at least 10 people who stated a group.
    """
    groups = dimensions()[dimension].group_ids()
    base = sum(counts.get(g, 0) for g in groups)
    population = population or {}
    population_total = sum(population.get(g, 0) for g in groups)
    rows = [
        _group_row(dimension, group, counts.get(group, 0), count, base, population.get(group), population_total)
        for group, count in zip(groups, protected, strict=False)
    ]
    rows.append(GroupReach(dimension, NOT_STATED, protected[len(groups)]))
    return rows


def _group_row(dimension, group, value, count: Count, base, population, population_total) -> GroupReach:
    population_share = population / population_total if population and population_total else None
    row = GroupReach(dimension, group, count, population=population, population_share=population_share)
    if not summary_allowed(base):
        return row
    if count.hidden:
        return _hidden_row(row, count, base)
    share = value / base
    if population_share is None:
        return replace(row, share=share)
    low, high = wilson_interval(value, base)
    return replace(
        row,
        share=share,
        index=share / population_share,
        index_low=low / population_share,
        index_high=high / population_share,
        flag=UNDER_REACHED if high / population_share < 1 else "",
    )


def _hidden_row(row: GroupReach, count: Count, base: int) -> GroupReach:
    """A hidden "fewer than 5" group is flagged only if even 4 respondents would be under-reached,
    so the flag tells a reader nothing beyond "1 to 4"."""
    if count.state is not State.SMALL or row.population_share is None:
        return row
    _low, high = wilson_interval(SMALL_COUNT_LIMIT - 1, base)
    return replace(row, flag=UNDER_REACHED if high / row.population_share < 1 else "")
