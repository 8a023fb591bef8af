"""Reach as plain Python: dimensions, representation index with its interval, baselines, the protected report."""

from __future__ import annotations

from datetime import datetime

import pytest

from engage.reach.baseline import BaselineError, parse_baseline
from engage.reach.dimensions import dimensions, match_group, normalise_group
from engage.reach.disclosure import Count, State
from engage.reach.report import build_reach
from engage.reach.representation import UNDER_REACHED, dimension_reach, wilson_interval
from engage.reach.sources import Participation
from engage.reach.synthetic import synthetic_participations

DEMO_BASELINE = "engage/reach/data/demo_baseline.csv"


def _baseline():
    with open(DEMO_BASELINE, "rb") as file:
        return parse_baseline(file.read())


def test_the_standard_dimensions_and_groups_are_those_of_the_issue():
    assert list(dimensions()) == ["ward", "ethnicity", "language", "age_band", "primary_need", "ehcp"]
    assert len(dimensions()["ward"].groups) == 10
    assert len(dimensions()["primary_need"].groups) == 12


def test_detailed_survey_answers_count_in_their_high_level_group():
    assert normalise_group("ethnicity", "asian_pakistani") == "asian"
    assert normalise_group("language", "somali") == "other"
    assert normalise_group("ehcp", "assessment") == "no"
    assert normalise_group("ward", "not_sure") is None
    assert match_group("ethnicity", "Black, Black British, Caribbean or African") == "black"


def test_wilson_interval_matches_a_published_value():
    # 10 of 100: Wilson 95% interval 0.0552 to 0.1744 (Newcombe 1998, table I method 3)
    low, high = wilson_interval(10, 100)
    assert (round(low, 4), round(high, 4)) == (0.0552, 0.1744)


def test_a_group_whose_interval_lies_below_one_is_under_reached():
    counts = {"yes": 20, "no": 180}
    rows = dimension_reach("ehcp", counts, {"yes": 2400, "no": 6000}, [Count(20), Count(180), Count(0)])
    yes = rows[0]
    assert yes.share == pytest.approx(0.1)
    assert yes.index == pytest.approx(0.1 / (2400 / 8400))
    assert yes.index_low < yes.index < yes.index_high < 1
    assert yes.flag == UNDER_REACHED
    assert rows[1].flag == ""


def test_no_share_or_index_from_fewer_than_ten_people():
    rows = dimension_reach(
        "ehcp", {"yes": 5, "no": 4}, {"yes": 1, "no": 1}, [Count(5), Count(4, State.SMALL), Count(0)]
    )
    assert all(row.share is None and row.index is None for row in rows)


def test_a_hidden_small_group_has_no_share_but_may_be_flagged_when_even_four_would_be_too_few():
    rows = dimension_reach(
        "ehcp", {"yes": 2, "no": 400}, {"yes": 2400, "no": 6000}, [Count(2, State.SMALL), Count(400), Count(0)]
    )
    assert rows[0].share is None and rows[0].index is None
    assert rows[0].flag == UNDER_REACHED


def test_the_demo_baseline_is_valid_and_has_about_8400_children():
    baseline = _baseline()
    assert sum(baseline["ehcp"].values()) == 8400
    assert baseline["ehcp"]["yes"] == 2400


def test_a_bad_baseline_lists_every_problem_with_row_and_column():
    text = (
        "dimension,group,count\n"
        "ward,Abbey,100\n"
        "ward,Atlantis,10\n"
        "colour,Blue,5\n"
        "ward,Castle,-3\n"
        "ward,Hillcrest,\n"
        "ward,Kingsmead,12.5\n"
        "ward,abbey,7\n"
    )
    with pytest.raises(BaselineError) as caught:
        parse_baseline(text)
    found = [(p.row, p.column, p.code) for p in caught.value.problems]
    assert found == [
        (3, "group", "unknown_group"),
        (4, "dimension", "unknown_dimension"),
        (5, "count", "negative"),
        (6, "count", "missing_count"),
        (7, "count", "not_integer"),
        (8, "group", "duplicate"),
    ]
    assert "Row 3, column group: 'Atlantis' is not a known group of ward" in str(caught.value)


def test_a_baseline_without_its_columns_or_rows_is_refused():
    with pytest.raises(BaselineError) as caught:
        parse_baseline("dimension,groups,number\n")
    assert [p.column for p in caught.value.problems] == ["group", "count"]
    with pytest.raises(BaselineError):
        parse_baseline("dimension,group,count\n")
    with pytest.raises(BaselineError):
        parse_baseline(b"\xff\xfe\x00")


def test_the_report_finds_the_communities_the_demo_reaches_less():
    report = build_reach(synthetic_participations(3000, _baseline()), _baseline())
    flagged = {(row.dimension, row.group) for row in report.under_reached()}
    assert {("ethnicity", "black"), ("language", "polish"), ("ward", "northgate")} <= flagged
    assert ("ehcp", "yes") not in flagged
    assert report.respondents.shown == 3000


def test_a_small_activity_is_protected_in_every_table_that_shows_it():
    at = datetime(2026, 11, 1)
    people = [Participation("survey:big", "survey", None, at, {"ehcp": "yes" if i % 3 else "no"}) for i in range(60)]
    people += [Participation("event:tiny", "event", "pcf-facebook", at, {"ehcp": "no"}) for _ in range(3)]
    report = build_reach(people, _baseline())
    assert report.totals["activity"]["event:tiny"].state is State.SMALL
    tiny = report.table("ehcp").by["activity"]["event:tiny"]
    assert tiny[1].respondents.hidden
    assert all(row.share is None for row in tiny)
    # the big survey's own cells cannot give the tiny one away through the overall table
    big = report.table("ehcp").by["activity"]["survey:big"]
    overall = report.table("ehcp").overall
    assert big[1].respondents.hidden or overall[1].respondents.hidden
