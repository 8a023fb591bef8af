"""Disclosure control: the one module every page, export and digest uses before a count of people leaves.

Rules (QUALITY.md item 14):
- counts from 1 to 4 are never shown as numbers: "fewer than 5" on pages, ``<5`` in files (primary suppression);
- no share, index, average or theme summary from fewer than 10 people (`summary_allowed`);
- secondary suppression: more cells (or a total) are hidden so that a hidden cell cannot be worked out from the
  totals that are shown (`protect_line`, `protect_grid`, and `protect_linked` for several tables that share
  totals, such as the tables of one reach report); those show as "suppressed" (``[c]`` in files);
- public pages round counts to the nearest 5 (`public_count`).

What a reader is assumed to know about a hidden cell: a "fewer than 5" cell holds 1 to 4; a "suppressed" cell
holds 5 or more (secondary cells are chosen among counts of 5 or more), or, when a whole line had to be withheld,
any number (pages show both as "suppressed", so the reader in fact knows less). A line is safe when the equation
"its cells add up to its total" leaves every hidden part at least two possible values; lines are linked through
their totals, so the check solves all of them together (an integer solver finds the smallest and largest value
each hidden part could hold). Lines are made safe one at a time (hiding the smallest cell of 5 or more of any line
that would help) until nothing changes; tests/unit/reach/test_reach_disclosure.py and test_reach_joint_tables.py
attack the result with an exact integer solver.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

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
    states = _protected_line_states(tuple(values), frozenset(hidden))
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
    another; while an exact search shows a reader could work out any hidden part, one more part of a line
    holding it is hidden.
    """
    rows, cols = len(grid), len(grid[0]) if grid else 0
    if rows == 1:
        return _one_row_grid(list(grid[0]), hidden)
    grid_key = tuple(tuple(row) for row in grid)
    full, states = _protected_grid_states(grid_key, frozenset(hidden))
    counts = [[Count(full[r][c], states[r][c]) for c in range(cols + 1)] for r in range(rows + 1)]
    return ProtectedGrid(
        cells=[row[:cols] for row in counts[:rows]],
        row_totals=[row[cols] for row in counts[:rows]],
        column_totals=counts[rows][:cols],
        total=counts[rows][cols],
    )


@lru_cache(maxsize=512)
def _protected_line_states(values: tuple, hidden: frozenset) -> list[list[State]]:
    full = [[*values, sum(values)]]
    return _protect_full(full, [([(0, c) for c in range(len(values))], (0, len(values)))], {(0, c) for c in hidden})


def _one_row_grid(values: list[int], hidden) -> ProtectedGrid:
    """With one row, the column totals are the cells themselves: protect the row as a line and mirror it."""
    line = protect_line(values, {c for _r, c in hidden})
    return ProtectedGrid([list(line.cells)], [line.total], list(line.cells), line.total)


@lru_cache(maxsize=512)
def _protected_grid_states(grid: tuple, hidden: frozenset) -> tuple[list[list[int]], list[list[State]]]:
    """Cached: reports protect the same tables again while making them agree with each other."""
    rows, cols = len(grid), len(grid[0]) if grid else 0
    full = [list(row) + [sum(row)] for row in grid]
    full.append([sum(full[r][c] for r in range(rows)) for c in range(cols + 1)])
    return full, _protect_full(full, list(_lines(rows, cols)), set(hidden))


def _protect_full(full: list[list[int]], lines: list, hidden: set) -> list[list[State]]:
    values = {(r, c): v for r, row in enumerate(full) for c, v in enumerate(row)}
    states = _protect(values, lines, hidden)
    return [[states[r, c] for c in range(len(row))] for r, row in enumerate(full)]


Line = tuple[Sequence[Hashable], Hashable]


def protect_linked(
    values: Mapping[Hashable, int], lines: Sequence[Line], hidden: Iterable[Hashable] = ()
) -> dict[Hashable, Count]:
    """Protect any set of published numbers linked by "these parts add up to that total" equations, together.

    `values` maps each published part (any hashable name) to its count; each line is (cell names, total name),
    and a part shown in several tables has one name, so it is shown the same way everywhere. Every line is
    solved at once: a reader who combines all of them still cannot work out any hidden part."""
    key = tuple(values.items()), tuple((tuple(cells), total) for cells, total in lines), frozenset(hidden)
    states = _protected_linked_states(*key)
    return {p: Count(v, states[p]) for p, v in values.items()}


@lru_cache(maxsize=64)
def _protected_linked_states(values: tuple, lines: tuple, hidden: frozenset) -> dict:
    """Cached: a dashboard or digest run protects the same report again (the solver takes seconds on a large one)."""
    return _protect(dict(values), list(lines), set(hidden))


def _protect(values: dict, lines: list, hidden: set) -> dict:
    """States for every part of `values` (cells and totals) such that no hidden part can be worked out.

    Finding the fewest cells to hide is a hard problem; each greedy order below is safe (the exact search ends
    every run) but neither hides less on every table, so both run and the one hiding fewer parts wins."""
    runs = [_protect_greedy(values, lines, hidden, smallest_first) for smallest_first in (True, False)]
    return min(runs, key=lambda states: sum(state is not State.SHOWN for state in states.values()))


def _protect_greedy(values: dict, lines: list, hidden: set, smallest_first: bool) -> dict:
    """Hide one more part at a time until no hidden part can be pinned: a cell of 5 or more from a line holding a
    pinned part (the smallest such cell of any of those lines, or the first such line's smallest), else a total."""
    states = {p: _primary(v) for p, v in values.items()}
    for p in hidden:
        if states[p] is State.SHOWN:
            states[p] = State.SUPPRESSED if values[p] >= SMALL_COUNT_LIMIT else State.WITHHELD

    system = _LineSystem(values, lines)

    def pinned_now(states: dict) -> set:
        # The quick test (interval propagation) finds most problems; the exact search confirms there are none.
        return _pinned_positions(system, states, exact=False) or _pinned_positions(system, states)

    return _hide_until_safe(values, states, lines, pinned_now, smallest_first)


def _hide_until_safe(values: dict, states: dict, lines: list, pinned_now, smallest_first: bool = True, related=None):
    """Hide one more part at a time, from a line holding a part `pinned_now(states)` says a reader can work out,
    until there is none.

    When every such line is already withheld whole, a two-way system has nothing left to give away and this
    stops. A reader of the full table behind the published ones (`protect_joint`) may still pin such a part through
    parts on other lines: `related(pinned)` names the parts that share unknowns with it, whose lines come next,
    then any line at all."""
    lines_of: dict = {}
    for number, (cells, total) in enumerate(lines):
        for p in [*cells, total]:
            lines_of.setdefault(p, set()).add(number)

    def touching(parts: set) -> list:
        """The lines holding any of `parts`, in their order (the same as testing every line, much quicker)."""
        return [lines[n] for n in sorted(set().union(*(lines_of.get(p, ()) for p in parts)))]

    while True:
        pinned = pinned_now(states)
        if not pinned:
            return states
        if _step(values, states, touching(pinned), smallest_first):
            continue
        if related is None:
            return states
        near = related(pinned)
        if not (_step(values, states, touching(near), smallest_first) or _step(values, states, lines, smallest_first)):
            return states


def _step(values: dict, states: dict, lines: list, smallest_first: bool) -> bool:
    """Hide one more part on the cheapest of `lines` that can still change; False when none can."""
    ordered = sorted(lines, key=lambda ln: _step_cost(values, states, ln, smallest_first))
    return any(_protect_step(values, states, line) for line in ordered)


def _lines(rows: int, cols: int):
    """Each line as (cell positions, total position): every row and column, margins included."""
    for r in range(rows + 1):
        yield [(r, c) for c in range(cols)], (r, cols)
    for c in range(cols + 1):
        yield [(r, c) for r in range(rows)], (rows, c)


def _solver_cap(values: Mapping) -> int:
    """A finite stand-in for "5 or more" that the integer solver needs: far above any real count, so it tells the
    solver nothing a reader would not know."""
    return 2 * max(values.values(), default=0) + 100


class _LineSystem:
    """A set of lines ("these parts add up to that total") as arrays, built once per protection: the greedy loops
    test the same lines hundreds of times with one more part hidden each time."""

    def __init__(self, values: Mapping, lines: list) -> None:
        import numpy as np

        self.values = values
        self.positions = list(values)
        index = {p: i for i, p in enumerate(self.positions)}
        self.terms = [[(p, 1) for p in cells] + [(total, -1)] for cells, total in lines]
        line_of, part_of, signs = [], [], []
        for number, line in enumerate(self.terms):
            for position, sign in line:
                line_of.append(number)
                part_of.append(index[position])
                signs.append(sign)
        self.line_of, self.part_of = np.array(line_of, dtype=int), np.array(part_of, dtype=int)
        self.positive = np.array(signs) > 0
        self.array = np.array([values[p] for p in self.positions], dtype=float)
        self.cap = _solver_cap(values)

    def ranges(self, states: Mapping):
        """Each part's (lowest, highest) as a reader knows it from its state alone (arrays)."""
        import numpy as np

        codes = np.array([_STATE_CODES[states[p]] for p in self.positions])
        low = np.choose(codes, [self.array, 1, SMALL_COUNT_LIMIT, 0]).astype(float)
        high = np.choose(codes, [self.array, SMALL_COUNT_LIMIT - 1, self.cap, self.cap]).astype(float)
        return low, high, codes

    def propagate(self, low, high):
        """Narrow the ranges by every line's equation until nothing changes; None if a range empties.

        Every line is applied at once (numpy), a round in microseconds where a line at a time in Python took
        milliseconds. Narrowing by equations reaches the same ranges whatever the order; the cap on rounds can only
        stop early, which leaves ranges wider than they could be: still correct for the search."""
        import numpy as np

        if not len(self.line_of):
            return low, high
        lines, line_of, part_of, positive = len(self.terms), self.line_of, self.part_of, self.positive
        for _round in range(PROPAGATION_ROUNDS):
            # each term's range as a signed part of its line's sum (which is 0)
            term_low = np.where(positive, low[part_of], -high[part_of])
            term_high = np.where(positive, high[part_of], -low[part_of])
            others_low = np.bincount(line_of, term_low, lines)[line_of] - term_low
            others_high = np.bincount(line_of, term_high, lines)[line_of] - term_high
            new_low, new_high = low.copy(), high.copy()
            np.maximum.at(new_low, part_of, np.where(positive, -others_high, others_low))
            np.minimum.at(new_high, part_of, np.where(positive, -others_low, others_high))
            if (new_low > new_high).any():
                return None
            if (new_low == low).all() and (new_high == high).all():
                break
            low, high = new_low, new_high
        return low, high


_STATE_CODES = {State.SHOWN: 0, State.SMALL: 1, State.SUPPRESSED: 2, State.WITHHELD: 3}
#: Rounds of propagation at most (each applies every line once); the demo's periods settle in fewer than 20.
PROPAGATION_ROUNDS = 200


def _pinned_positions(system: _LineSystem, states: Mapping, exact: bool = True) -> set:
    """Hidden parts that a reader could work out exactly.

    The quick test narrows ranges by interval propagation; the exact test asks an integer solver (HiGHS, through
    scipy) for the smallest and largest value each hidden part could hold given every line at once."""
    low, high, codes = system.ranges(states)
    low, high = system.propagate(low, high)
    hidden = [i for i in codes.nonzero()[0]]
    if not exact:
        return {system.positions[i] for i in hidden if low[i] == high[i]}
    if not hidden:
        return set()
    ranges = {p: (int(low[i]), int(high[i])) for i, p in enumerate(system.positions)}
    return _pinned_by_solver(system.values, [system.positions[i] for i in hidden], ranges, system.terms)


def _pinned_by_solver(values, hidden, ranges, terms) -> set:
    """Solve each group of hidden parts that share no line with another group on its own: a report's tables are
    linked only where a shared total is hidden, and several small problems solve much faster than one big one."""
    group = {p: p for p in hidden}

    def root(p):
        while group[p] != p:
            group[p] = group[group[p]]
            p = group[p]
        return p

    for line in terms:
        parts = [p for p, _sign in line if p in group]
        for p in parts[1:]:
            group[root(p)] = root(parts[0])
    components: dict = {}
    for p in hidden:
        components.setdefault(root(p), []).append(p)
    pinned = set()
    for parts in components.values():
        inside = set(parts)
        lines = [line for line in terms if any(p in inside for p, _sign in line)]
        pinned |= _pinned_in_component(values, parts, ranges, lines)
    return pinned


def _pinned_in_component(values, hidden, ranges, terms) -> set:
    import numpy as np

    index = {p: i for i, p in enumerate(hidden)}
    matrix, targets = [], []
    for line in terms:
        row, constant = np.zeros(len(hidden)), 0
        for position, sign in line:
            if position in index:
                row[index[position]] += sign
            else:
                constant += sign * values[position]
        if row.any():
            matrix.append(row)
            targets.append(-constant)
    if not matrix:
        return set()
    search = _ExactSearch(matrix, targets, targets, [ranges[p][0] for p in hidden], [ranges[p][1] for p in hidden])
    rows = {p: np.eye(1, len(hidden), i)[0] for p, i in index.items()}
    return search.pinned(rows, {p: values[p] for p in hidden}, list(hidden), set())


class _ExactSearch:
    """Which parts (each a linear form over integer unknowns) an integer solver can pin to their actual values.

    A part is free when some integer solution gives it another value, pinned when its smallest and largest
    possible values are both the actual one. Asking that of each part alone takes two solves per part (hundreds
    for a month's report, seconds). Most parts are free, and one solution can show many of them free at once: so
    the solver is first asked for solutions that push every undecided part away from its actual value together
    (each part in a random direction; the seed is fixed, so the same tables always get the same answer), and only
    the parts those leave undecided are solved for one by one. Both ways are exact: a part is declared free only
    on an integer solution that proves it, and pinned only when its own smallest and largest values say so."""

    #: Solves asked for many parts at once, at most, before the parts left are solved for one by one.
    BATCHES = 12

    def __init__(self, matrix, lows, highs, unknown_lows, unknown_highs) -> None:
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint
        from scipy.sparse import csr_array

        matrix = np.array(matrix, dtype=float)
        lows, highs = np.array(lows, dtype=float), np.array(highs, dtype=float)
        unknown_lows, unknown_highs = np.array(unknown_lows, dtype=float), np.array(unknown_highs, dtype=float)
        # Unknowns the problem fixes before any search (a shown 0 makes every unknown it adds up 0; a range of one
        # value) are put in as numbers: the solver then works on about a third of the unknowns, twice as fast.
        zero_rows = (highs <= 0) & (matrix >= 0).all(axis=1) & (unknown_lows >= 0).all()
        forced_zero = (matrix[zero_rows] > 0).any(axis=0)
        self.fixed = forced_zero | (unknown_lows == unknown_highs)
        self.fixed_values = np.where(forced_zero, 0.0, unknown_lows)
        keep = ~self.fixed
        shift = matrix[:, self.fixed] @ self.fixed_values[self.fixed]
        reduced = matrix[:, keep]
        used = (reduced != 0).any(axis=1)
        self.empty = not keep.any() or not used.any()
        self.constraint = LinearConstraint(csr_array(reduced[used]), (lows - shift)[used], (highs - shift)[used])
        self.bounds = Bounds(unknown_lows[keep], unknown_highs[keep])
        self.integrality = np.ones(int(keep.sum()))

    def _solve(self, objective):
        """An integer solution minimising `objective` (over every unknown, fixed ones included), or None."""
        import numpy as np
        from scipy.optimize import milp

        if self.empty:
            return self.fixed_values
        keep = ~self.fixed
        # The linear relaxation first (several times quicker): when its best solution, rounded, is whole numbers
        # that meet every equation exactly and score as well, it is also the best integer solution; otherwise the
        # integer solver decides. A point that does not meet the equations exactly is never used as a proof.
        c = objective[keep]
        for integrality in (self.integrality * 0, self.integrality):
            result = milp(c, constraints=self.constraint, bounds=self.bounds, integrality=integrality)
            if not result.success:
                return None
            x = np.round(result.x)
            if self._exact(x) and (integrality.any() or c @ x <= result.fun + 1e-6):
                break
        else:
            return None
        solution = self.fixed_values.copy()
        solution[keep] = x
        return solution

    def _exact(self, x) -> bool:
        """Does the whole-number point `x` meet every equation and bound exactly (no solver tolerance)?"""
        import numpy as np

        sums = self.constraint.A @ x
        return bool(
            np.all(sums >= self.constraint.lb)
            and np.all(sums <= self.constraint.ub)
            and np.all(x >= self.bounds.lb)
            and np.all(x <= self.bounds.ub)
        )

    def pinned(self, rows: Mapping, actual: Mapping, todo: list, free: set) -> set:
        """The parts of `todo` that are pinned; `free` (parts known free) grows with every part found free."""
        import random

        rng = random.Random(0)

        def differing(x) -> set:
            return {p for p, row in rows.items() if round(float(row @ x)) != actual[p]}

        undecided = [p for p in todo if p not in free]
        for _ in range(self.BATCHES):
            if len(undecided) < 2:
                break
            x = self._solve(sum(rng.choice((1, -1)) * rows[p] for p in undecided))
            moved = differing(x) if x is not None else set()
            free |= moved
            if not moved & set(undecided):
                break
            undecided = [p for p in undecided if p not in free]
        pinned = set()
        for part in undecided:
            if part in free:
                continue
            for sign in (1, -1):
                x = self._solve(sign * rows[part])
                if x is not None and round(float(rows[part] @ x)) != actual[part]:
                    free |= differing(x)
                    break
            else:
                pinned.add(part)
        return pinned


def _candidates(values, states, cells) -> list:
    """Shown cells of 5 or more that could be hidden, the smallest first."""
    shown = [p for p in cells if states[p] is State.SHOWN and values[p] >= SMALL_COUNT_LIMIT]
    return sorted(shown, key=lambda p: (values[p], repr(p)))


def _step_cost(values, states, line, smallest_first: bool = True) -> tuple[int, int]:
    """Prefer hiding a cell of 5 or more (with `smallest_first`, the smallest such cell of any line that would
    help), then a total, and withhold a whole line only as a last resort."""
    cells, total = line
    candidates = _candidates(values, states, cells)
    if candidates:
        return 0, values[candidates[0]] if smallest_first else 0
    return (1, 0) if states[total] is State.SHOWN else (2, 0)


def _protect_step(values, states, line) -> bool:
    """Hide one more part of a line: its smallest cell of 5 or more, else its total, else the whole line."""
    cells, total = line
    candidates = _candidates(values, states, cells)
    if candidates:
        states[candidates[0]] = State.SUPPRESSED
        return True
    if states[total] is State.SHOWN:
        states[total] = State.SUPPRESSED if values[total] >= SMALL_COUNT_LIMIT else State.WITHHELD
        return True
    if all(states[p] is State.WITHHELD for p in [*cells, total]):
        return False
    for p in [*cells, total]:
        states[p] = State.WITHHELD
    return True


def protect_joint(
    values: Mapping[Hashable, int],
    lines: Sequence[Line],
    supports: Mapping[Hashable, Sequence[Hashable]],
    links: Sequence[Sequence[tuple[Hashable, int]]] = (),
) -> dict[Hashable, Count]:
    """`protect_linked`, then an audit against a reader who reasons about the full table behind the published ones.

    Two-way tables that are faces of one three-way table (activity × group and channel × group, say) say more
    together than their shared sums: a reader can ask which non-negative integer three-way tables fit every
    published number. `supports` maps each published part to the unknown cells of that full table it adds up;
    `links` are extra equations between unknowns (each a list of (unknown, coefficient) summing to 0; a report uses
    them to tie several dimensions' tables to one shared activity × channel table). While an integer solver can
    pin any hidden part (its smallest and largest possible value are equal), one more part is hidden: the
    smallest cell of 5 or more of a line holding a pinned part, as `protect_linked` does."""
    key = (
        tuple(values.items()),
        tuple((tuple(cells), total) for cells, total in lines),
        tuple((p, tuple(s)) for p, s in supports.items()),
        tuple(tuple(link) for link in links),
    )
    states = _protected_joint_states(*key)
    return {p: Count(v, states[p]) for p, v in values.items()}


@lru_cache(maxsize=64)
def _protected_joint_states(values: tuple, lines: tuple, supports: tuple, links: tuple) -> dict:
    """Cached like `_protected_linked_states`: the audit solves many small integer programs."""
    values_map, lines_list = dict(values), list(lines)
    states = dict(_protect(values_map, lines_list, set()))
    audit = _JointAudit(values_map, dict(supports), links)
    return _hide_until_safe(values_map, states, lines_list, audit.pinned, related=audit.related)


class _JointAudit:
    """The exact attack on the full table. A part shown to be free stays free once more parts are hidden (the
    reader then knows less), so each audit only re-examines parts not yet proven free."""

    def __init__(self, values: dict, supports: dict, links) -> None:
        self.values = values
        unknowns = sorted(
            {u for cells in supports.values() for u in cells} | {u for ln in links for u, _ in ln}, key=repr
        )
        self.index = {u: i for i, u in enumerate(unknowns)}
        self.rows = {}
        import numpy as np

        for part, cells in supports.items():
            row = np.zeros(len(unknowns))
            for u in cells:
                row[self.index[u]] += 1
            self.rows[part] = row
        self.links = []
        for link in links:
            row = np.zeros(len(unknowns))
            for u, coefficient in link:
                row[self.index[u]] += coefficient
            self.links.append(row)
        self.free: set = set()

    def related(self, parts: set) -> set:
        """Published parts that add up some of the same unknowns as `parts`."""
        touched = sum((self.rows[p] > 0 for p in parts), start=0)
        return {q for q, row in self.rows.items() if q not in parts and (row * touched).any()}

    def pinned(self, states: dict) -> set:
        import numpy as np

        hidden = [p for p, s in states.items() if s is not State.SHOWN and p in self.rows]
        todo = [p for p in hidden if p not in self.free]
        if not todo:
            return set()
        cap = _solver_cap(self.values)
        matrix, lows, highs = [], [], []
        for part, row in self.rows.items():
            low, high = _range(self.values[part], states[part])
            matrix.append(row)
            lows.append(low)
            highs.append(cap if high == math.inf else high)
        for row in self.links:
            matrix.append(row)
            lows.append(0)
            highs.append(0)
        size = len(self.index)
        search = _ExactSearch(matrix, lows, highs, np.zeros(size), np.full(size, cap))
        rows = {p: self.rows[p] for p in hidden}
        return search.pinned(rows, {p: self.values[p] for p in hidden}, todo, self.free)
