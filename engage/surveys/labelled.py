"""Response exports in words, for the analyst and the leader who open them in a spreadsheet: a column per
question headed by its text, answers as their labels, language and channel by name, dates as engage.dates writes
them. Staff read English, so the file is English whatever the page's language.

engage.surveys.queries keeps the coded layout (question ids, option ids, ISO times) for scripts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from engage.dates import long_date, long_datetime
from engage.extensions import db
from engage.i18n import BY_CODE
from engage.reach.disclosure import display_count
from engage.reach.sources import DIRECT
from engage.reach.web.labels import channel_label
from engage.surveys import queries
from engage.surveys.definitions import Question, Survey
from engage.surveys.models import SurveyResponse

STAFF_LANGUAGE = "en"


def rows(survey: Survey, *, redact: bool) -> Iterator[list]:
    """Header of question texts, then one row per response in words; free text redacted when ``redact``."""
    with force_locale(STAFF_LANGUAGE):
        questions = queries.all_questions(survey)
        keys = queries.columns(questions)[len(queries.FIXED_COLUMNS) :]
        by_key = {q.id: q for q in questions} | {q.other_key: None for q in questions if q.other}
        yield [*fixed_header(), *question_header(questions)]
        query = select(SurveyResponse).filter_by(survey_id=survey.id).order_by(SurveyResponse.id)
        for response in db.session.scalars(query).yield_per(500):
            answers = response.answers or {}
            yield [*fixed_cells(response), *(cell(by_key.get(k), answers.get(k), redact=redact) for k in keys)]


def fixed_header() -> list[str]:
    return [_("Reference"), _("Survey version"), _("Submitted (UK time)"), _("Language"), _("Channel")]


def fixed_cells(response: SurveyResponse) -> list:
    language = BY_CODE.get(response.language)
    return [
        response.reference,
        response.survey_version,
        long_datetime(response.submitted_at),
        language.english_name if language else response.language,
        channel_label(response.src or DIRECT),
    ]


def question_header(questions: list[Question]) -> list[str]:
    """A question's text (scales say what their ends mean); a text two questions share gets each one's id, so
    no two columns carry the same heading."""
    texts = [heading(q) for q in questions]
    header = []
    for question, text in zip(questions, texts, strict=True):
        text = f"{text} [{question.id}]" if texts.count(text) > 1 else text
        header.append(text)
        if question.other:
            header.append(_("%(question)s (other, in their words)", question=text))
    return header


def heading(question: Question) -> str:
    text = question.label.source
    if question.type == "scale":
        low, high = 1 if question.min is None else question.min, question.max or 5
        ends = _("%(low)d to %(high)d", low=low, high=high)
        if question.min_label and question.max_label:
            ends = _(
                "%(low)d = %(low_label)s, %(high)d = %(high_label)s",
                low=low,
                low_label=question.min_label.source,
                high=high,
                high_label=question.max_label.source,
            )
        return f"{text} ({ends})"
    return text


def cell(question: Question | None, value, *, redact: bool):
    """An answer as words; numbers and scale points stay numbers so a spreadsheet can add them up."""
    if value in (None, "", []):
        return ""
    if question is None or question.type == "text":
        return queries.cell(question, value, redact=redact)
    if question.type in ("single", "multiple"):
        return "; ".join(option_label(question, v) for v in (value if isinstance(value, list) else [value]))
    if question.type == "date":
        return long_date(dt.date.fromisoformat(str(value)))
    if question.type in ("number", "scale"):
        return _number(value)
    return str(value)


def option_label(question: Question, option_id: str) -> str:
    if option_id == "other" and question.other:
        return _("Other")
    return next((o.label.source for o in question.options if o.id == option_id), str(option_id))


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)


def summary_rows(survey: Survey) -> Iterator[list]:
    """Answer counts in words: the question's text, the answer's label, people (1 to 4 written as <5)."""
    with force_locale(STAFF_LANGUAGE):
        yield [_("Question"), _("Answer"), _("People")]
        for question, option, count in queries.option_counts(survey):
            answer = option if question.type == "scale" else option_label(question, option)
            yield [heading(question), answer, display_count(count, for_file=True)]
