"""Every table of one reach report attacked together: the activity × group and channel × group tables, the overall
row, the activity and channel totals and the grand total, solved at once (an exact integer solver, scipy milp) for
the unknown activity × channel × group counts behind them. No hidden number ("fewer than 5" or "suppressed") may be
pinned to one value.

Per-table protection failed this (tests below found a channel total and three "fewer than 5" cells that together
fixed the grand total); the report now protects all its tables as one linked system (engage/reach/report.py)."""

from __future__ import annotations

from datetime import datetime
from itertools import product

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from engage.reach.dimensions import dimensions
from engage.reach.disclosure import State
from engage.reach.report import NOT_STATED, build_reach
from engage.reach.sources import Participation

BIG = 10_000
KNOWN = {State.SMALL: (1, 4), State.SUPPRESSED: (5, BIG), State.WITHHELD: (0, BIG)}
GROUPS = ("yes", "no", NOT_STATED)
AGES = ("0_4", "5_10", NOT_STATED)
AT = datetime(2026, 11, 2)
ACTIVITY = st.sampled_from(["survey:a", "survey:b", "event:c"])
CHANNEL = st.sampled_from([None, "school"])

person = st.tuples(ACTIVITY, CHANNEL, st.sampled_from(GROUPS))
#: A person who answered (or not) two equality questions: the two dimensions' tables share the activity totals.
person_with_age = st.tuples(ACTIVITY, CHANNEL, st.sampled_from(GROUPS), st.sampled_from(AGES))


def _published(report, dims: tuple[str, ...]):
    """(selector over the unknown table's axes, Count) for every number the report publishes about `dims`: axis 0 is
    the activity, 1 the channel, 2 + i the group in dims[i]."""
    out = []
    for axis, dimension in enumerate(dims, start=2):
        table = report.table(dimension)
        for grouping, key_axis in (("activity", 0), ("channel", 1)):
            for key, rows in table.by[grouping].items():
                out += [({key_axis: key, axis: row.group}, row.respondents) for row in rows]
        out += [({axis: row.group}, row.respondents) for row in table.overall]
    for grouping, axis in (("activity", 0), ("channel", 1)):
        for key, count in report.totals[grouping].items():
            out.append(({axis: key}, count))
    out.append(({}, report.respondents))
    return out


def _assert_nothing_small_is_pinned(people, dims=("ehcp",)):
    participations = [
        Participation(a, "survey", c, AT, {d: g for d, g in zip(dims, groups, strict=True) if g != NOT_STATED})
        for a, c, *groups in people
    ]
    report = build_reach(participations, None)
    axes = [sorted({a for a, *_ in people}), sorted({c or "direct" for _, c, *_ in people})]
    axes += [[*dimensions()[d].group_ids(), NOT_STATED] for d in dims]
    cells = list(product(*axes))
    rows, lows, highs, small = [], [], [], []
    for selector, count in _published(report, dims):
        row = np.array([all(cell[i] == v for i, v in selector.items()) for cell in cells], dtype=float)
        low, high = (count.value, count.value) if not count.hidden else KNOWN[count.state]
        rows.append(row)
        lows.append(low)
        highs.append(high)
        if count.hidden:
            small.append((row, count.value))
    constraint = LinearConstraint(np.array(rows), lows, highs)
    bounds = Bounds(np.zeros(len(cells)), np.full(len(cells), BIG))
    for row, value in small:
        extremes = []
        for sign in (1, -1):
            result = milp(sign * row, constraints=constraint, bounds=bounds, integrality=np.ones(len(cells)))
            assert result.success
            extremes.append(round(float(row @ result.x)))
        assert extremes[0] != extremes[1], f"a hidden number ({value}) can be worked out"


@settings(max_examples=150, deadline=None)
@given(st.lists(person, min_size=1, max_size=40))
def test_no_small_number_can_be_worked_out_from_all_tables_together(people):
    _assert_nothing_small_is_pinned(people)


@settings(max_examples=60, deadline=None)
@given(st.lists(person_with_age, min_size=1, max_size=40))
def test_no_small_number_can_be_worked_out_from_two_dimensions_together(people):
    # The dimensions are linked through the activity totals and the grand total (and the channel totals through
    # the grand total): hiding one of those for one dimension must not leave another dimension to give it away.
    _assert_nothing_small_is_pinned(people, ("ehcp", "age_band"))


def test_the_case_that_per_table_protection_misses():
    # One survey, three groups of 4 and two channels (5 and 7): each table alone is safe, but the channel counts
    # say the total is at least 12 while three "fewer than 5" cells say it is at most 12.
    people = [("survey:a", None, "yes")] * 4 + [("survey:a", None, "no")] + [("survey:a", "school", "no")] * 3
    people += [("survey:a", "school", NOT_STATED)] * 4
    _assert_nothing_small_is_pinned(people)


def test_the_three_way_audit_finds_what_primary_suppression_alone_leaves_open():
    # The audit behind channel tables: with only "fewer than 5" hidden, the 3 people of survey:a with a plan are
    # pinned by the channel table and the overall row; after protect_joint nothing hidden can be pinned.
    from engage.reach import report as reach_report
    from engage.reach.disclosure import _JointAudit, _primary, protect_joint
    from engage.reach.sources import ParticipationTally

    people = [("survey:a", None, "yes")] * 3 + [("survey:a", None, "no")] * 9 + [("survey:b", "school", "no")] * 8
    tally = ParticipationTally.of([Participation(a, "survey", c, AT, {"ehcp": g}) for a, c, g in people])
    counts, heads = reach_report._count(tally)
    keys = {g: sorted(heads[g]) for g in reach_report.GROUPINGS}
    values, lines = reach_report._linked_tables(counts, heads, keys)
    supports, links = reach_report._full_table(keys)
    primary = {p: _primary(v) for p, v in values.items()}
    assert ("channel_cell", "ehcp", "direct", "yes") in _JointAudit(values, supports, links).pinned(primary)
    protected = {p: c.state for p, c in protect_joint(values, lines, supports, links).items()}
    assert not _JointAudit(values, supports, links).pinned(protected)
    _assert_nothing_small_is_pinned(people)


def test_a_hidden_zero_on_lines_already_withheld_whole_is_not_given_away_by_the_other_dimension():
    # Found by the two-dimension property test: every line holding a hidden 0 was already withheld whole, so
    # hiding stopped, yet the age-band tables let a reader pin the 0 in the ehcp tables. Hiding now carries on
    # from the parts that add up the same people.
    people = [("survey:a", None, "yes", "0_4")] * 2 + [("survey:a", None, "yes", NOT_STATED)]
    people += [("survey:a", "school", "yes", "5_10"), ("event:c", None, "no", NOT_STATED)]
    people += [("survey:b", None, "yes", NOT_STATED)] * 2
    _assert_nothing_small_is_pinned(people, ("ehcp", "age_band"))
