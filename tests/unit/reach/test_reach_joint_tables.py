"""KNOWN GAP (xfail): every table of one reach report together (the activity tables, the overall table and the
activity and channel headlines share their totals). Each table is protected on its own and shared numbers are
shown the same way, but an attacker who solves all tables at once, for the unknown activity × channel × group
counts behind them, can sometimes pin a number shown as "fewer than 5". A joint protection prototype (one system
of every published number) closed the gap but hid far too much (it lost the under-reached flags of the demo at
3,000 respondents), so it is not shipped; see the report to the lead."""

from __future__ import annotations

from datetime import datetime
from itertools import product

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from engage.reach.disclosure import State
from engage.reach.report import NOT_STATED, build_reach
from engage.reach.sources import Participation

BIG = 10_000
KNOWN = {State.SMALL: (1, 4), State.SUPPRESSED: (5, BIG), State.WITHHELD: (0, BIG)}
GROUPS = ("yes", "no", NOT_STATED)
AT = datetime(2026, 11, 2)

person = st.tuples(
    st.sampled_from(["survey:a", "survey:b", "event:c"]), st.sampled_from([None, "school"]), st.sampled_from(GROUPS)
)


def _published(report):
    """(cells of the unknown 3-way table it sums, Count) for every number the report publishes about ehcp."""
    table = report.table("ehcp")
    out = []
    for key, rows in table.by["activity"].items():
        out += [({0: key, 2: row.group}, row.respondents) for row in rows]
    for grouping, index in (("activity", 0), ("channel", 1)):
        for key, count in report.totals[grouping].items():
            out.append(({index: key}, count))
    out += [({2: row.group}, row.respondents) for row in table.overall]
    out.append(({}, report.respondents))
    return out



@settings(max_examples=150, deadline=None)
@given(st.lists(person, min_size=1, max_size=40))
def test_no_small_number_can_be_worked_out_from_all_tables_together(people):
    _assert_no_small_number_can_be_worked_out(people)


def _assert_no_small_number_can_be_worked_out(people):
    participations = [Participation(a, "survey", c, AT, {} if g == NOT_STATED else {"ehcp": g}) for a, c, g in people]
    report = build_reach(participations, None)
    activities = sorted({a for a, _, _ in people})
    channels = sorted({c or "direct" for _, c, _ in people})
    cells = list(product(activities, channels, GROUPS))
    published = _published(report)
    rows, lows, highs, small = [], [], [], []
    for selector, count in published:
        row = np.array([all(cell[i] == v for i, v in selector.items()) for cell in cells], dtype=float)
        low, high = (count.value, count.value) if not count.hidden else KNOWN[count.state]
        rows.append(row)
        lows.append(low)
        highs.append(high)
        if count.state is State.SMALL:
            small.append((row, count.value))
    constraint = LinearConstraint(np.array(rows), lows, highs)
    bounds = Bounds(np.zeros(len(cells)), np.full(len(cells), BIG))
    for row, value in small:
        extremes = []
        for sign in (1, -1):
            result = milp(sign * row, constraints=constraint, bounds=bounds, integrality=np.ones(len(cells)))
            assert result.success
            extremes.append(round(float(row @ result.x)))
        assert extremes[0] != extremes[1], f"a small number ({value}) can be worked out"



def test_the_case_that_per_table_protection_misses():
    # One survey, three groups of 4 and two channels (5 and 7): each table alone is safe, but the channel counts
    # say the total is at least 12 while three "fewer than 5" cells say it is at most 12.
    people = [("survey:a", None, "yes")] * 4 + [("survey:a", None, "no")] + [("survey:a", "school", "no")] * 3
    people += [("survey:a", "school", NOT_STATED)] * 4
    _assert_no_small_number_can_be_worked_out(people)
