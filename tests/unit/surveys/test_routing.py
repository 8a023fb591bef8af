"""Routing: conditions, visible pages, resume point, next and previous."""

from pathlib import Path

import pytest

from engage.surveys import routing
from engage.surveys.definitions import Condition
from engage.surveys.loader import load_survey

DATA = Path(__file__).parents[2] / "data" / "surveys"


@pytest.fixture(scope="module")
def survey():
    return load_survey(DATA / "conditions.yaml")


def ids(pages):
    return [p.id for p in pages]


def test_a_page_shows_only_when_its_condition_matches(survey):
    assert ids(routing.visible_pages(survey, {"has_plan": "no"})) == ["plan", "end"]
    assert ids(routing.visible_pages(survey, {"has_plan": "yes"})) == ["plan", "plan-details", "end"]


def test_a_question_shows_only_when_all_its_rules_match(survey):
    end = survey.page("end")
    late = {"has_plan": "yes", "plan_on_time": "no"}
    assert [q.id for q in routing.visible_questions(end, late)] == ["why_late", "anything_else"]
    assert [q.id for q in routing.visible_questions(end, {"has_plan": "no"})] == ["anything_else"]


def test_resume_lands_on_the_first_page_not_saved(survey):
    assert routing.first_incomplete_page(survey, {}, set()).id == "plan"
    answers = {"has_plan": "yes"}
    assert routing.first_incomplete_page(survey, answers, {"plan"}).id == "plan-details"
    assert routing.first_incomplete_page(survey, {"has_plan": "no"}, {"plan"}).id == "end"
    assert routing.first_incomplete_page(survey, {"has_plan": "no"}, {"plan", "end"}) is None


def test_next_and_previous_skip_hidden_pages(survey):
    answers = {"has_plan": "no"}
    assert routing.next_page(survey, answers, "plan").id == "end"
    assert routing.next_page(survey, answers, "end") is None
    assert routing.previous_page(survey, answers, "end").id == "plan"
    assert routing.previous_page(survey, answers, "plan") is None


def test_progress_counts_only_shown_pages(survey):
    assert routing.progress(survey, {"has_plan": "yes"}, "plan-details") == (2, 3)
    assert routing.progress(survey, {"has_plan": "no"}, "end") == (2, 2)


def test_a_page_cannot_be_reached_before_the_pages_before_it(survey):
    assert routing.can_visit(survey, {}, set(), "plan")
    assert not routing.can_visit(survey, {}, set(), "end")
    assert routing.can_visit(survey, {"has_plan": "no"}, {"plan"}, "end")


def test_answers_to_pages_no_longer_shown_are_not_submitted(survey):
    answers = {"has_plan": "no", "plan_on_time": "no", "why_late": "slow", "anything_else": "ok"}
    assert routing.prune(survey, answers) == {"has_plan": "no", "anything_else": "ok"}


def test_other_text_is_kept_only_when_other_is_ticked():
    survey = load_survey(DATA / "multiple.yaml")
    assert routing.prune(survey, {"used": ["ot"], "used.other": "x"}) == {"used": ["ot"]}
    kept = routing.prune(survey, {"used": ["other"], "used.other": "x"})
    assert kept == {"used": ["other"], "used.other": "x"}


def test_complete_needs_every_required_answer(survey):
    assert not routing.is_complete(survey, {}, {"plan", "end"})
    assert routing.is_complete(survey, {"has_plan": "no"}, {"plan", "end"})


@pytest.mark.parametrize(
    ("cond", "answers", "expected"),
    [
        (Condition("in", "q", ("a", "b")), {"q": "b"}, True),
        (Condition("not_in", "q", ("a",)), {"q": "b"}, True),
        (Condition("not_in", "q", ("a",)), {}, False),
        (Condition("contains", "q", "a"), {"q": ["b", "a"]}, True),
        (Condition("answered", "q", True), {"q": ""}, False),
        (Condition("answered", "q", False), {}, True),
        (Condition("greater_than", "q", 3), {"q": 4}, True),
        (Condition("less_than", "q", 3), {"q": "x"}, False),
        (Condition("any", children=(Condition("equals", "q", "a"), Condition("equals", "r", "b"))), {"r": "b"}, True),
        (Condition("not", children=(Condition("equals", "q", "a"),)), {"q": "a"}, False),
    ],
)
def test_condition_operators(cond, answers, expected):
    assert routing.evaluate(cond, answers) is expected


def test_a_tampered_answer_to_a_question_with_other_is_dropped_not_a_crash(tmp_path):
    """Found by the property test: a draft holding a number for a multiple-choice question with "Other" crashed
    the submission (TypeError) instead of keeping only what was really chosen."""
    (tmp_path / "other.yaml").write_text(
        "id: other\nversion: 1\ntitle: Other\nintroduction: Intro\naudience: parents_carers\n"
        "opens: 2020-01-01\ncloses: 2099-12-31\nlanguages: [en]\npages:\n"
        "  - id: page\n    title: Page\n    questions:\n"
        "      - {id: q, type: multiple, label: Q, required: false, other: true,"
        " options: [{id: a, label: A}, {id: b, label: B}]}\n"
    )
    survey = load_survey(tmp_path / "other.yaml")
    assert routing.prune(survey, {"q": 1, "q.other": "typed"}) == {"q": 1}
    assert routing.prune(survey, {"q": "another", "q.other": "typed"}) == {"q": "another"}
    assert routing.prune(survey, {"q": ["a", "other"], "q.other": "typed"}) == {"q": ["a", "other"], "q.other": "typed"}
