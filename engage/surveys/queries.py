"""Reads for staff pages and exports: starts, completions, drop-off, response rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from engage.extensions import db
from engage.insight import redact as redact_text
from engage.reach.disclosure import display_count
from engage.spreadsheets import csv_text
from engage.surveys.definitions import Question, Survey
from engage.surveys.loader import survey_from_snapshot
from engage.surveys.models import DraftState, SurveyDraft, SurveyResponse, SurveyVersion

FIXED_COLUMNS = ("reference", "survey_version", "submitted_at", "language", "src")
REDACTED = "[redacted]"


@dataclass(frozen=True)
class Funnel:
    starts: int
    completions: int
    #: (page id, drafts that stopped after saving that page; None: before the first page)
    stopped_after: list[tuple[str | None, int]]


def funnel(survey: Survey, *, since: datetime | None = None, until: datetime | None = None) -> Funnel:
    """Starts, completions and where unfinished drafts stopped; drafts started and responses submitted in
    [since, until) when given (naive UTC)."""
    drafts = [SurveyDraft.survey_id == survey.id, *in_window(SurveyDraft.created_at, since, until)]
    done = [SurveyResponse.survey_id == survey.id, *in_window(SurveyResponse.submitted_at, since, until)]
    # count(*), not count(id): the counts then come from covering indexes without reading the rows
    starts = db.session.scalar(select(func.count()).select_from(SurveyDraft).where(*drafts)) or 0
    completions = db.session.scalar(select(func.count()).select_from(SurveyResponse).where(*done)) or 0
    rows = db.session.execute(
        select(SurveyDraft.last_page, func.count())
        .where(*drafts, SurveyDraft.state != DraftState.SUBMITTED)
        .group_by(SurveyDraft.last_page)
    ).all()
    counts = dict(rows)
    order = [None, *(p.id for p in survey.pages)]
    return Funnel(starts, completions, [(pid, counts.get(pid, 0)) for pid in order])


def in_window(column, since: datetime | None, until: datetime | None) -> list:
    """Conditions keeping [since, until) on a datetime column (either may be None: no limit)."""
    conditions = []
    if since is not None:
        conditions.append(column >= since)
    if until is not None:
        conditions.append(column < until)
    return conditions


def reached_by_page(funnel: Funnel) -> list[tuple[str, int]]:
    """(page id, drafts that reached it) in page order: every start reaches the first page; a draft that
    stopped after saving a page reached the next one but no further."""
    reached, remaining = [], funnel.starts
    for (_, stopped), (page_id, _) in zip(funnel.stopped_after, funnel.stopped_after[1:], strict=False):
        reached.append((page_id, remaining))
        remaining -= stopped
    return reached


def responses_query(survey_id: str):
    """A survey's responses, newest first (for engage.pagination)."""
    return (
        select(SurveyResponse)
        .filter_by(survey_id=survey_id)
        .order_by(SurveyResponse.submitted_at.desc(), SurveyResponse.id.desc())
    )


def all_questions(survey: Survey) -> list[Question]:
    """Questions of every stored version, current order first: one stable column each."""
    seen: dict[str, Question] = {q.id: q for q in survey.questions()}
    stored = db.session.scalars(
        select(SurveyVersion.definition).filter_by(survey_id=survey.id).order_by(SurveyVersion.version)
    )
    for definition in stored:
        for q in survey_from_snapshot(definition).questions():
            seen.setdefault(q.id, q)
    return list(seen.values())


def columns(questions: list[Question]) -> list[str]:
    cols = list(FIXED_COLUMNS)
    for q in questions:
        cols.append(q.id)
        if q.other:
            cols.append(q.other_key)
    return cols


def cell(question: Question | None, value, *, redact: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if redact and question is None:
        return REDACTED  # an answer we cannot place (e.g. "other, please specify"): hide it all
    if redact and question.type == "text":
        return redact_text(str(value)).text  # the insight engine's redaction keeps the rest of the sentence
    return str(value)


def rows(survey: Survey, *, redact: bool) -> Iterator[list[str]]:
    """Header, then one row per response; free text redacted when ``redact``."""
    questions = all_questions(survey)
    by_key = {q.id: q for q in questions} | {q.other_key: None for q in questions if q.other}
    header = columns(questions)
    yield header
    query = select(SurveyResponse).filter_by(survey_id=survey.id).order_by(SurveyResponse.id)
    for response in db.session.scalars(query).yield_per(500):
        fixed = [
            response.reference,
            str(response.survey_version),
            response.submitted_at.isoformat(timespec="seconds"),
            response.language,
            response.src or "",
        ]
        answers = response.answers or {}
        yield fixed + [cell(by_key.get(key), answers.get(key), redact=redact) for key in header[len(fixed) :]]


def to_csv(table) -> bytes:
    """With a byte-order mark, so spreadsheet programs read the other languages' text as UTF-8."""
    return csv_text(table).encode("utf-8-sig")


def option_counts(survey: Survey) -> list[tuple[Question, str, int]]:
    """(question, option id, people who chose it) for every choice and scale question."""
    tallies: dict[tuple[str, str], int] = {}
    for (answers,) in db.session.execute(select(SurveyResponse.answers).filter_by(survey_id=survey.id)):
        for key, value in (answers or {}).items():
            for choice in value if isinstance(value, list) else [value]:
                tallies[(key, str(choice))] = tallies.get((key, str(choice)), 0) + 1
    return [
        (q, option, tallies.get((q.id, option), 0))
        for q in survey.questions()
        if q.type in ("single", "multiple", "scale")
        for option in q.option_ids()
    ]


def summary_rows(survey: Survey) -> Iterator[list[str]]:
    """Answer counts for a file: counts of 1 to 4 written as <5 (disclosure control)."""
    yield ["question", "option", "people"]
    for question, option, count in option_counts(survey):
        yield [question.id, option, display_count(count, for_file=True)]
