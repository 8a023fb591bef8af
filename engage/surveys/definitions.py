"""Survey definitions as frozen dataclasses (read from YAML by ``engage.surveys.loader``).

Plain Python (no Flask), so the checker, the extractor and batch jobs can use it.

A survey file (``surveys/<id>.yaml``) holds::

    id: parent-survey-2026          # stable; used in URLs and stored answers
    version: 1                      # bump when pages or questions change
    title / introduction / privacy  # English source text, translated through gettext
    audience: parents_carers | young_people
    easy_read: false
    opens: 2026-09-01
    closes: 2027-01-31
    minutes: 10                     # time to complete, shown on the start page
    languages: [en, pl, ro, lt, ur, bn]
    outcome_url: /consultations/... # optional; linked when the survey is closed
    pages:
      - id: about-you
        title: About you
        show_if: {question: has_ehcp, equals: "yes"}   # optional
        questions:
          - {id: relationship, standard: relationship, required: true}
          - {id: ehcp_experience, type: text, label: ..., max_length: 1200}

Question types: single, multiple (``other: true`` adds "other, please specify"),
scale (``min``/``max`` with ``min_label``/``max_label``), text (``max_length``),
number (``min``/``max``) and date (``min``/``max`` as ISO dates). ``standard: NAME``
pulls a question from ``standard_questions.yaml`` (the equality-monitoring set,
each marked with a ``reach`` dimension).

Conditions (``show_if``) refer only to questions on earlier pages::

    {question: Q, equals: V} {question: Q, in: [..]} {question: Q, not_in: [..]}
    {question: Q, contains: V} {question: Q, answered: true}
    {question: Q, greater_than: N} {question: Q, less_than: N}
    {all: [..]} {any: [..]} {not: {..}}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

QUESTION_TYPES = ("single", "multiple", "scale", "text", "number", "date")
AUDIENCES = ("parents_carers", "young_people")
REACH_DIMENSIONS = (
    "ward",
    "ethnicity",
    "language",
    "age_band",
    "primary_need",
    "ehcp",
    "relationship",
    "school_type",
)


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a definition file."""

    file: str
    element: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.element}: {self.message}"


class SurveyDefinitionError(ValueError):
    """A definition file is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Text:
    """A translatable string: ``msgctxt`` is the element id, ``msgid`` the English."""

    context: str
    source: str
    line: int | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.source


@dataclass(frozen=True)
class Option:
    id: str
    label: Text


@dataclass(frozen=True)
class Condition:
    """A declarative rule: ``op`` is an operator, ``all``, ``any`` or ``not``."""

    op: str
    question: str | None = None
    value: Any = None
    children: tuple[Condition, ...] = ()

    def questions(self) -> Iterator[str]:
        """Every question id this condition reads."""
        if self.question:
            yield self.question
        for child in self.children:
            yield from child.questions()


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: Text
    hint: Text | None = None
    required: bool = False
    options: tuple[Option, ...] = ()
    other: Text | None = None  #: label of the "please specify" box (multiple only)
    min: int | None = None
    max: int | None = None
    min_label: Text | None = None
    max_label: Text | None = None
    max_length: int | None = None
    min_date: dt.date | None = None
    max_date: dt.date | None = None
    show_if: Condition | None = None
    reach: str | None = None  #: reach dimension of an equality-monitoring question

    @property
    def other_key(self) -> str:
        """Answer key of the "other, please specify" text."""
        return f"{self.id}.other"

    def option_ids(self) -> tuple[str, ...]:
        if self.type == "scale":
            return tuple(str(n) for n in range(1 if self.min is None else self.min, (self.max or 5) + 1))
        return tuple(o.id for o in self.options) + (("other",) if self.other else ())


@dataclass(frozen=True)
class Page:
    id: str
    title: Text
    questions: tuple[Question, ...]
    description: Text | None = None
    show_if: Condition | None = None


@dataclass(frozen=True)
class Survey:
    id: str
    version: int
    title: Text
    introduction: Text
    audience: str
    opens: dt.date
    closes: dt.date
    languages: tuple[str, ...]
    pages: tuple[Page, ...]
    privacy: Text | None = None
    easy_read: bool = False
    minutes: int = 10
    outcome_url: str | None = None
    #: days a submitted response is kept (its free text and reach rows with it); None: SURVEY_RESPONSE_RETENTION_DAYS
    retention_days: int | None = field(default=None, compare=False)
    source: str = field(default="", compare=False)
    #: the resolved definition as JSON (standard questions inlined), kept per version
    snapshot: str = field(default="", compare=False, repr=False)

    def questions(self) -> Iterator[Question]:
        for page in self.pages:
            yield from page.questions

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions() if q.id == question_id), None)

    def page(self, page_id: str) -> Page | None:
        return next((p for p in self.pages if p.id == page_id), None)

    def is_open(self, today: dt.date) -> bool:
        return self.opens <= today <= self.closes

    def texts(self) -> Iterator[Text]:
        """Every translatable string, in file order."""
        yield from _present(self.title, self.introduction, self.privacy)
        for page in self.pages:
            yield from _present(page.title, page.description)
            for q in page.questions:
                yield from question_texts(q)


def question_texts(q: Question) -> Iterator[Text]:
    yield from _present(q.label, q.hint, q.min_label, q.max_label)
    for option in q.options:
        yield option.label
    yield from _present(q.other)


def _present(*texts: Text | None) -> Iterator[Text]:
    return (t for t in texts if t is not None)
