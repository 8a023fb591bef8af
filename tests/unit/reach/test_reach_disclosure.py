"""Disclosure control: small counts, minimum bases, public rounding and secondary suppression.

The property tests play an attacker who knows the rules and solves for hidden cells exactly (integer
programming with scipy): no "fewer than 5" cell may be pinned to one value by the totals that are shown.
"""

from __future__ import annotations

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from engage.reach.disclosure import (
    Count,
    State,
    display_count,
    protect_grid,
    protect_line,
    public_count,
    render,
    summary_allowed,
)

BIG = 100_000


def test_counts_of_one_to_four_are_fewer_than_five_and_files_say_lt5():
    assert [display_count(n) for n in (0, 1, 4, 5)] == ["0", "fewer than 5", "fewer than 5", "5"]
    assert display_count(3, for_file=True) == "<5"
    assert display_count(2, label="mniej niż 5") == "mniej niż 5"


def test_render_uses_file_markers_and_labels():
    assert render(Count(3, State.SMALL), for_file=True) == "<5"
    assert render(Count(30, State.SUPPRESSED), for_file=True) == "[c]"
    assert render(Count(30, State.SUPPRESSED), suppressed_label="ukryte") == "ukryte"
    assert render(Count(30)) == "30"


def test_no_summary_from_fewer_than_ten_people():
    assert not summary_allowed(9)
    assert summary_allowed(10)


def test_public_pages_round_to_the_nearest_five_and_hide_small_counts():
    assert [public_count(n) for n in (0, 3, 5, 7, 8, 12, 13, 102)] == [
        "0",
        "fewer than 5",
        "5",
        "5",
        "10",
        "10",
        "15",
        "100",
    ]


def test_a_single_small_cell_beside_a_shown_total_gets_a_companion():
    line = protect_line([3, 20, 40])
    assert [c.state for c in line.cells] == [State.SMALL, State.SUPPRESSED, State.SHOWN]
    assert line.total.shown == 63


def test_a_companion_too_small_to_hide_the_cell_is_not_enough():
    # 1 + 5 = 6: a reader knows the small cell is at least 1 and the companion at least 5, so both are pinned
    line = protect_line([1, 5, 40])
    assert [c.state for c in line.cells].count(State.SUPPRESSED) == 2


def test_when_nothing_can_hide_a_small_cell_the_total_is_hidden():
    line = protect_line([3, 0, 0])
    assert line.cells[0].hidden
    assert line.total.hidden


def test_a_table_without_small_counts_is_shown_whole():
    grid = protect_grid([[10, 20], [30, 40]])
    assert not any(c.hidden for row in grid.cells for c in row)
    assert grid.total.shown == 100


def _attack(grid, values) -> list[tuple[int, int, int, int]]:
    """Solve for every "fewer than 5" cell exactly; return those pinned to one value (r, c, min, max)."""
    rows, cols = len(values), len(values[0])
    full = [list(row) + [sum(row)] for row in values]
    full.append([sum(full[r][c] for r in range(rows)) for c in range(cols + 1)])
    counts = [row + [grid.row_totals[r]] for r, row in enumerate(grid.cells)]
    counts.append([*grid.column_totals, grid.total])
    index, lows, highs = {}, [], []
    for r in range(rows + 1):
        for c in range(cols + 1):
            count = counts[r][c]
            if count.hidden:
                index[r, c] = len(lows)
                low, high = {State.SMALL: (1, 4), State.SUPPRESSED: (5, BIG), State.WITHHELD: (0, BIG)}[count.state]
                lows.append(low)
                highs.append(high)
    if not index:
        return []
    equations, targets = [], []
    lines = [([(r, c) for c in range(cols)], (r, cols)) for r in range(rows + 1)]
    lines += [([(r, c) for r in range(rows)], (rows, c)) for c in range(cols + 1)]
    for cells, total in lines:
        row, constant = np.zeros(len(lows)), 0
        for position, sign in [(p, 1) for p in cells] + [(total, -1)]:
            if position in index:
                row[index[position]] += sign
            else:
                constant += sign * counts[position[0]][position[1]].value
        equations.append(row)
        targets.append(-constant)
    constraint = LinearConstraint(np.array(equations), targets, targets)
    bounds = Bounds(lows, highs)
    pinned = []
    for (r, c), i in index.items():
        if counts[r][c].state is not State.SMALL:
            continue
        objective = np.zeros(len(lows))
        extremes = []
        for sign in (1, -1):
            objective[i] = sign
            result = milp(objective, constraints=constraint, bounds=bounds, integrality=np.ones(len(lows)))
            assert result.success, "the real table always satisfies the equations"
            extremes.append(round(result.x[i]))
        if extremes[0] == extremes[1]:
            pinned.append((r, c, extremes[0], full[r][c]))
    return pinned


def _attack_line(line, values) -> list[int]:
    """Brute force on a one-way table: every small cell's possible values given the shown total."""
    if line.total.hidden:
        return []
    hidden = [c for c in line.cells if c.hidden]
    rest = line.total.value - sum(c.value for c in line.cells if not c.hidden)
    ranges = [{State.SMALL: (1, 4), State.SUPPRESSED: (5, BIG), State.WITHHELD: (0, BIG)}[c.state] for c in hidden]
    pinned = []
    for i, cell in enumerate(hidden):
        others_low = sum(low for j, (low, _) in enumerate(ranges) if j != i)
        others_high = sum(high for j, (_, high) in enumerate(ranges) if j != i)
        low, high = max(ranges[i][0], rest - others_high), min(ranges[i][1], rest - others_low)
        if low == high:
            pinned.append(cell.value)
    return pinned


small_heavy = st.one_of(st.integers(0, 6), st.integers(0, 40))


@settings(max_examples=300, deadline=None)
@given(st.lists(small_heavy, min_size=1, max_size=8))
def test_no_small_cell_of_a_one_way_table_can_be_worked_out(values):
    line = protect_line(values)
    assert _attack_line(line, values) == []


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda rows: st.integers(1, 5).flatmap(
            lambda cols: st.lists(st.lists(small_heavy, min_size=cols, max_size=cols), min_size=rows, max_size=rows)
        )
    )
)
@example([[0, 0, 0, 1], [0, 0, 0, 2], [0, 1, 2, 1]])  # pinned by combining two lines; interval propagation missed it
@example([[0, 5], [1, 1]])
def test_no_small_cell_of_a_two_way_table_can_be_worked_out_from_row_and_column_totals(values):
    grid = protect_grid(values)
    assert _attack(grid, values) == []


# No deadline: the first example pays for importing scipy, which overran hypothesis's 200 ms on a busy machine.
@settings(deadline=None)
@given(st.lists(small_heavy, min_size=1, max_size=10))
def test_protect_line_hides_every_small_cell_and_keeps_zeros_unless_the_line_is_withheld(values):
    line = protect_line(values)
    assert all(c.hidden for c in line.cells if 0 < c.value < 5)
    withheld = any(c.state is State.WITHHELD for c in line.cells)
    assert withheld or all(not c.hidden for c in line.cells if c.value == 0)
