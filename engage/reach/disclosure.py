"""Disclosure control: the one module every page, export and digest uses before a count of people leaves.

Rules (QUALITY.md item 14):
- counts from 1 to 4 are never shown as numbers: "fewer than 5" on pages, ``<5`` in files (primary suppression);
- no share, index, average or theme summary from fewer than 10 people (`summary_allowed`);
- secondary suppression: more cells (or a total) are hidden so that a hidden cell cannot be worked out from the
  totals that are shown (`protect_line`, `protect_grid`); those show as "suppressed" (``[c]`` in files);
- public pages round counts to the nearest 5 (`public_count`).

What a reader is assumed to know about a hidden cell: a "fewer than 5" cell holds 1 to 4; a "suppressed" cell
holds 5 or more (secondary cells are chosen among counts of 5 or more), or, when a whole line had to be withheld,
any number (pages show both as "suppressed", so the reader in fact knows less). A line is safe when the equation
"its cells add up to its total" leaves every hidden part at least two possible values; lines are linked through
their totals, so the ranges a reader can deduce are propagated across all of them (interval propagation) before
the check. Lines are made safe
one at a time until nothing changes; tests/unit/reach/test_disclosure_properties.py attacks the result with an
exact integer solver.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SMALL_COUNT_LIMIT = 5
#: No share, percentage, index, average or theme summary from fewer people than this.
MINIMUM_BASE = 10
PUBLIC_ROUNDING = 5
SMALL_LABEL = "fewer than 5"
SUPPRESSED_LABEL = "suppressed"
SMALL_FILE_MARKER = "<5"
#: The ONS marker for a confidential (secondarily suppressed) value.
SUPPRESSED_FILE_MARKER = "[c]"


class State(enum.Enum):
    SHOWN = "shown"
    SMALL = "small"  #: 1 to 4: primary suppression
    SUPPRESSED = "suppressed"  #: 5 or more, hidden so that a small cell cannot be worked out
    #: any number, zero included: a whole line hidden when nothing else protects it (shown like SUPPRESSED)
    WITHHELD = "withheld"


@dataclass(frozen=True)
class Count:
    """A count of people with its disclosure state. Render it with `render`; never print `value` directly."""

    value: int
    state: State = State.SHOWN

    @property
    def hidden(self) -> bool:
        return self.state is not State.SHOWN

    @property
    def shown(self) -> int | None:
        """The number when it may be shown, else None."""
        return None if self.hidden else self.value


def is_small(n: int) -> bool:
    return 0 < n < SMALL_COUNT_LIMIT


def display_count(n: int, *, for_file: bool = False, label: str = SMALL_LABEL) -> str:
    """A count as shown to staff: 1 to 4 become "fewer than 5" (or `label`, translated), ``<5`` in files."""
    if is_small(n):
        return SMALL_FILE_MARKER if for_file else label
    return str(n)


def render(
    count: Count,
    *,
    for_file: bool = False,
    small_label: str = SMALL_LABEL,
    suppressed_label: str = SUPPRESSED_LABEL,
) -> str:
    """The text for a protected count: the number, "fewer than 5" or "suppressed" (file markers when `for_file`)."""
    if count.state is State.SMALL:
        return SMALL_FILE_MARKER if for_file else small_label
    if count.state in (State.SUPPRESSED, State.WITHHELD):
        return SUPPRESSED_FILE_MARKER if for_file else suppressed_label
    return str(count.value)


def summary_allowed(base: int) -> bool:
    """May a share, index, average or theme summary be computed from `base` people?"""
    return base >= MINIMUM_BASE


def public_count(n: int, *, label: str = SMALL_LABEL) -> str:
    """A count for a public page: 1 to 4 as "fewer than 5", anything else rounded to the nearest 5."""
    if is_small(n):
        return label
    return str(int(math.floor(n / PUBLIC_ROUNDING + 0.5)) * PUBLIC_ROUNDING)


def _primary(n: int) -> State:
    return State.SMALL if is_small(n) else State.SHOWN


def _range(value: int, state: State) -> tuple[int, float]:
    """What a reader is assumed to know about a cell in `state` (generously: the reader knows the rules)."""
    if state is State.SMALL:
        return 1, SMALL_COUNT_LIMIT - 1
    if state is State.SUPPRESSED:
        return SMALL_COUNT_LIMIT, math.inf
    if state is State.WITHHELD:
        return 0, math.inf
    return value, value


@dataclass(frozen=True)
class ProtectedLine:
    cells: tuple[Count, ...]
    total: Count


def protect_line(values: Sequence[int], hidden: Iterable[int] = ()) -> ProtectedLine:
    """Protect a one-way table (groups and their total). `hidden` positions (len(values) = the total) start
    hidden, so a table can stay consistent with another that shares its cells."""
    full = [[*values, sum(values)]]
    lines = [([(0, c) for c in range(len(values))], (0, len(values)))]
    states = _protect(full, lines, {(0, c) for c in hidden})
    counts = [Count(v, s) for v, s in zip(full[0], states[0], strict=True)]
    return ProtectedLine(tuple(counts[:-1]), counts[-1])


@dataclass(frozen=True)
class ProtectedGrid:
    cells: list[list[Count]]
    row_totals: list[Count]
    column_totals: list[Count]
    total: Count


def protect_grid(grid: Sequence[Sequence[int]], hidden: Iterable[tuple[int, int]] = ()) -> ProtectedGrid:
    """Protect a two-way table with its row totals, column totals and grand total.

    `hidden` positions start hidden (row index len(grid) holds the column totals, column index len(row) the row
    totals), so tables that share totals can be made consistent with each other.

    Lines are linked (a row total is also a cell of the column of row totals), so what one line reveals narrows
    another: the ranges a reader could deduce are propagated across every line, and while any hidden part could
    hold only one value, one more part of a line holding it is hidden.
    """
    rows, cols = len(grid), len(grid[0]) if grid else 0
    full = [list(row) + [sum(row)] for row in grid]
    full.append([sum(full[r][c] for r in range(rows)) for c in range(cols + 1)])
    states = _protect(full, list(_lines(rows, cols)), set(hidden))
    counts = [[Count(full[r][c], states[r][c]) for c in range(cols + 1)] for r in range(rows + 1)]
    return ProtectedGrid(
        cells=[row[:cols] for row in counts[:rows]],
        row_totals=[row[cols] for row in counts[:rows]],
        column_totals=counts[rows][:cols],
        total=counts[rows][cols],
    )


def _protect(full: list[list[int]], lines: list, hidden: set) -> list[list[State]]:
    """States for every part of `full` (cells and totals) such that no hidden part can be worked out."""
    states = [[_primary(v) for v in row] for row in full]
    for r, c in hidden:
        if states[r][c] is State.SHOWN:
            states[r][c] = State.SUPPRESSED if full[r][c] >= SMALL_COUNT_LIMIT else State.WITHHELD
    while True:
        pinned = _pinned_positions(full, states, lines)
        if not pinned or not any(_protect_step(full, states, line) for line in lines if _touches(line, pinned)):
            return states


def _lines(rows: int, cols: int):
    """Each line as (cell positions, total position): every row and column, margins included."""
    for r in range(rows + 1):
        yield [(r, c) for c in range(cols)], (r, cols)
    for c in range(cols + 1):
        yield [(r, c) for r in range(rows)], (rows, c)


def _touches(line, positions: set) -> bool:
    cells, total = line
    return total in positions or any(p in positions for p in cells)


def _deduced_ranges(full, states, lines) -> dict:
    """Interval propagation: the narrowest ranges a reader gets by using every line's equation repeatedly."""
    ranges = {(r, c): _range(full[r][c], state) for r, row in enumerate(states) for c, state in enumerate(row)}
    for _round in range(100):
        changed = False
        for cells, total in lines:
            terms = [(p, 1) for p in cells] + [(total, -1)]
            for position, sign in terms:
                low, high = _solve_for(position, sign, terms, ranges)
                old_low, old_high = ranges[position]
                new = (max(old_low, low), min(old_high, high))
                if new != (old_low, old_high):
                    ranges[position] = new
                    changed = True
        if not changed:
            break
    return ranges


def _solve_for(position, sign, terms, ranges) -> tuple[float, float]:
    """The range of one term of "sum(sign * x) = 0" from the ranges of the others."""
    low = high = 0.0
    for other, other_sign in terms:
        if other == position:
            continue
        o_low, o_high = ranges[other]
        # x = -(sign) * sum(other_sign * other)
        coefficient = -sign * other_sign
        low += coefficient * (o_low if coefficient > 0 else o_high)
        high += coefficient * (o_high if coefficient > 0 else o_low)
    return low, high


def _pinned_positions(full, states, lines) -> set:
    """Hidden parts that a reader could work out exactly (a worked-out large cell helps to work out a small one)."""
    ranges = _deduced_ranges(full, states, lines)
    return {
        position
        for position, (low, high) in ranges.items()
        if states[position[0]][position[1]] is not State.SHOWN and high - low < 1
    }


def _protect_step(full, states, line) -> bool:
    """Hide one more part of a line: its smallest cell of 5 or more, else its total, else the whole line."""
    cells, (tr, tc) = line
    candidates = [(r, c) for r, c in cells if states[r][c] is State.SHOWN and full[r][c] >= SMALL_COUNT_LIMIT]
    if candidates:
        r, c = min(candidates, key=lambda p: (full[p[0]][p[1]], p))
        states[r][c] = State.SUPPRESSED
        return True
    if states[tr][tc] is State.SHOWN:
        states[tr][tc] = State.SUPPRESSED if full[tr][tc] >= SMALL_COUNT_LIMIT else State.WITHHELD
        return True
    if all(states[r][c] is State.WITHHELD for r, c in [*cells, (tr, tc)]):
        return False
    for r, c in [*cells, (tr, tc)]:
        states[r][c] = State.WITHHELD
    return True
