"""The quick ways disclosure control decides what a reader can work out give exactly the answers of the slow ones.

Protecting a month of the demo asked the integer solver about 500 integer programs (7-12 s per first view). It now
asks for solutions that move many hidden parts at once, tries the linear relaxation before the integer program and
propagates ranges with numpy (engage/reach/disclosure.py `_ExactSearch`, `_LineSystem`). These tests check each
quick way against the definition: per part, the smallest and largest value an integer solver finds."""

from __future__ import annotations

import math
from pathlib import Path
from unittest import mock

import numpy as np
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from engage.reach.baseline import parse_baseline
from engage.reach.disclosure import State, _lines, _LineSystem, _pinned_positions, _range, _solver_cap
from engage.reach.report import protect_tally
from engage.reach.synthetic import synthetic_participations

STATES = st.sampled_from([State.SHOWN, State.SHOWN, State.SUPPRESSED, State.WITHHELD])


@st.composite
def grids_with_states(draw):
    """A two-way table with its margins, some parts hidden: primary states for 1 to 4, any state for the rest."""
    rows, cols = draw(st.integers(1, 4)), draw(st.integers(2, 4))
    grid = [[draw(st.integers(0, 12)) for _ in range(cols)] for _ in range(rows)]
    full = [[*row, sum(row)] for row in grid]
    full.append([sum(full[r][c] for r in range(rows)) for c in range(cols + 1)])
    values = {(r, c): v for r, row in enumerate(full) for c, v in enumerate(row)}
    states = {}
    for p, v in values.items():
        chosen = draw(STATES)
        if 0 < v < 5:
            chosen = State.SMALL
        elif chosen is State.SUPPRESSED and v < 5:
            chosen = State.WITHHELD
        states[p] = chosen
    return values, list(_lines(rows, cols)), states


def _pinned_by_definition(values, lines, states) -> set:
    """Every hidden part solved for alone, smallest and largest value, by the integer solver (the old way)."""
    hidden = [p for p in values if states[p] is not State.SHOWN]
    if not hidden:
        return set()
    cap = _solver_cap(values)
    index = {p: i for i, p in enumerate(hidden)}
    matrix, targets = [], []
    for cells, total in lines:
        row, constant = np.zeros(len(hidden)), 0
        for position, sign in [(p, 1) for p in cells] + [(total, -1)]:
            if position in index:
                row[index[position]] += sign
            else:
                constant += sign * values[position]
        matrix.append(row)
        targets.append(-constant)
    ranges = [_range(values[p], states[p]) for p in hidden]
    bounds = Bounds([low for low, _ in ranges], [cap if high == math.inf else high for _, high in ranges])
    constraint = LinearConstraint(np.array(matrix), targets, targets)
    pinned = set()
    for p, i in index.items():
        extremes = []
        for sign in (1, -1):
            objective = np.zeros(len(hidden))
            objective[i] = sign
            result = milp(objective, constraints=constraint, bounds=bounds, integrality=np.ones(len(hidden)))
            extremes.append(round(result.x[i]))
        if extremes[0] == extremes[1] == values[p]:
            pinned.add(p)
    return pinned


@settings(max_examples=120, deadline=None)
@given(grids_with_states())
def test_the_quick_exact_search_pins_exactly_what_the_per_part_search_pins(case):
    values, lines, states = case
    assert _pinned_positions(_LineSystem(values, lines), states) == _pinned_by_definition(values, lines, states)


def _propagate_one_line_at_a_time(values, lines, states):
    """Interval propagation as it was written before numpy: one line at a time until nothing narrows."""
    cap = _solver_cap(values)
    ranges = {}
    for p, state in states.items():
        low, high = _range(values[p], state)
        ranges[p] = [low, cap if high == math.inf else high]
    changed = True
    while changed:
        changed = False
        for cells, total in lines:
            terms = [(p, 1) for p in cells] + [(total, -1)]
            for p, sign in terms:
                others_low = sum(ranges[q][0] if s > 0 else -ranges[q][1] for q, s in terms if q != p)
                others_high = sum(ranges[q][1] if s > 0 else -ranges[q][0] for q, s in terms if q != p)
                low, high = (-others_high, -others_low) if sign > 0 else (others_low, others_high)
                new = [max(ranges[p][0], low), min(ranges[p][1], high)]
                if new != ranges[p]:
                    ranges[p], changed = new, True
    return {p: tuple(r) for p, r in ranges.items()}


@settings(max_examples=120, deadline=None)
@given(grids_with_states())
def test_propagating_every_line_at_once_reaches_the_same_ranges(case):
    values, lines, states = case
    system = _LineSystem(values, lines)
    low, high = system.propagate(*system.ranges(states)[:2])
    narrowed = {p: (int(low[i]), int(high[i])) for i, p in enumerate(system.positions)}
    assert narrowed == _propagate_one_line_at_a_time(values, lines, states)


def test_a_busy_period_is_protected_with_a_handful_of_integer_programs():
    # 150 people in a month over four activities and six channels: the old search asked about 385 integer
    # programs (about 25 s on a shared machine); most questions are now settled by solutions that move many
    # parts at once and by linear relaxations whose solutions are already whole numbers.
    baseline = parse_baseline(Path("engage/reach/data/demo_baseline.csv").read_bytes())
    people = list(synthetic_participations(150, baseline, days=30))
    integer_programs = []
    real = scipy.optimize.milp

    def counted(*args, **kwargs):
        integer_programs.append(bool(np.any(kwargs.get("integrality", 0))))
        return real(*args, **kwargs)

    with mock.patch("scipy.optimize.milp", counted):
        tables = protect_tally(people)
    assert tables.protected["total",].value == 150
    assert sum(integer_programs) <= 20
