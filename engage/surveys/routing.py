"""Routing through a survey: which pages and questions show, where to go next.

Plain Python (no Flask). ``answers`` maps question id to the stored value (a string for
single choice, a list for multiple choice, an int for scale and number, an ISO date
string for date, text for free text); ``<id>.other`` holds the "please specify" text.
``completed`` is the set of page ids the person has saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engage.surveys.definitions import Condition, Page, Question, Survey

Answers = Mapping[str, Any]


def is_answered(value: Any) -> bool:
    return value not in (None, "", [], ())


def evaluate(cond: Condition | None, answers: Answers) -> bool:
    """True when the answers meet the condition (no condition: always true)."""
    if cond is None:
        return True
    if cond.op == "all":
        return all(evaluate(c, answers) for c in cond.children)
    if cond.op == "any":
        return any(evaluate(c, answers) for c in cond.children)
    if cond.op == "not":
        return not evaluate(cond.children[0], answers)
    return _compare(cond, answers.get(cond.question))


def _compare(cond: Condition, value: Any) -> bool:
    if cond.op == "answered":
        return is_answered(value) == bool(cond.value)
    if not is_answered(value):
        return False
    values = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    if cond.op == "equals":
        return values == [cond.value]
    if cond.op == "in":
        return any(v in cond.value for v in values)
    if cond.op == "not_in":
        return not any(v in cond.value for v in values)
    if cond.op == "contains":
        return cond.value in values
    number = _number(value)
    if number is None:
        return False
    return number > cond.value if cond.op == "greater_than" else number < cond.value


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def visible_pages(survey: Survey, answers: Answers) -> list[Page]:
    """Pages shown for these answers, in order."""
    return [p for p in survey.pages if evaluate(p.show_if, answers) and visible_questions(p, answers)]


def visible_questions(page: Page, answers: Answers) -> list[Question]:
    return [q for q in page.questions if evaluate(q.show_if, answers)]


def first_incomplete_page(survey: Survey, answers: Answers, completed: set[str]) -> Page | None:
    """Where to resume: the first shown page not yet saved (None: ready to check answers)."""
    return next((p for p in visible_pages(survey, answers) if p.id not in completed), None)


def next_page(survey: Survey, answers: Answers, page_id: str) -> Page | None:
    """The page after ``page_id`` for these answers (None: check your answers)."""
    pages = visible_pages(survey, answers)
    ids = [p.id for p in pages]
    if page_id not in ids:
        return first_incomplete_page(survey, answers, set())
    index = ids.index(page_id)
    return pages[index + 1] if index + 1 < len(pages) else None


def previous_page(survey: Survey, answers: Answers, page_id: str) -> Page | None:
    """The page before ``page_id`` (None: the start page)."""
    pages = visible_pages(survey, answers)
    ids = [p.id for p in pages]
    index = ids.index(page_id) if page_id in ids else 0
    return pages[index - 1] if index > 0 else None


def can_visit(survey: Survey, answers: Answers, completed: set[str], page_id: str) -> bool:
    """A page may be shown if it is visible and every visible page before it was saved."""
    for page in visible_pages(survey, answers):
        if page.id == page_id:
            return True
        if page.id not in completed:
            return False
    return False


def progress(survey: Survey, answers: Answers, page_id: str) -> tuple[int, int]:
    """(number of this page, number of pages) among the pages shown, for "Page 2 of 6"."""
    ids = [p.id for p in visible_pages(survey, answers)]
    return (ids.index(page_id) + 1 if page_id in ids else 1), len(ids)


def _chose_other(value: Any) -> bool:
    """ "Other" chosen in a single (the id) or multiple (a list) answer; a stale or tampered draft's value of another
    type (a number, a string that merely contains "other") is not a choice."""
    return value == "other" or (isinstance(value, list) and "other" in value)


def prune(survey: Survey, answers: Answers) -> dict[str, Any]:
    """Only the answers to questions that are shown: what gets submitted."""
    kept: dict[str, Any] = {}
    for page in visible_pages(survey, answers):
        for q in visible_questions(page, answers):
            if is_answered(answers.get(q.id)):
                kept[q.id] = answers[q.id]
            if q.other and is_answered(answers.get(q.other_key)) and _chose_other(answers.get(q.id)):
                kept[q.other_key] = answers[q.other_key]
    return kept


def is_complete(survey: Survey, answers: Answers, completed: set[str]) -> bool:
    """Every shown page saved and every shown required question answered."""
    if first_incomplete_page(survey, answers, completed) is not None:
        return False
    return all(
        is_answered(answers.get(q.id))
        for page in visible_pages(survey, answers)
        for q in visible_questions(page, answers)
        if q.required
    )
