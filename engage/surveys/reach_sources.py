"""What surveys give reach, reports and digests (engage.reach.sources): people per survey, channel and reach
answer, counted in SQL, and, per survey page, how many people reached it. Only option ids of the
equality-monitoring questions leave here: no free text, no reference, no answers to other questions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from engage.clock import utcnow
from engage.extensions import db
from engage.reach.dimensions import dimensions
from engage.reach.sources import (
    PageDropOff,
    ParticipationTally,
    register_dropoff_source,
    register_participation_counter,
    register_participation_version,
)
from engage.surveys import queries, service
from engage.surveys.models import SurveyReachAnswer, SurveyResponse

SOURCE = "surveys"
KIND = "survey"


def activity_id(survey_id: str) -> str:
    return f"{KIND}:{survey_id}"


def _reach_questions(survey_id: str, version: int) -> dict[str, str]:
    """Question id -> reach dimension, for the dimensions reach counts, in the version that was answered."""
    survey = service.registry().version(survey_id, version)
    if survey is None:
        return {}
    known = dimensions()
    return {q.id: q.reach for q in survey.questions() if q.reach in known and q.type == "single"}


def reach_answers(survey_id: str, version: int, answers: dict | None) -> dict[str, str]:
    """Reach dimension -> the option id chosen, for the questions carrying `reach:` in the version answered."""
    answers = answers or {}
    return {
        dimension: answers[question]
        for question, dimension in _reach_questions(survey_id, version).items()
        if isinstance(answers.get(question), str) and answers[question]
    }


def _copy_reach_answers(session, _context, _instances) -> None:
    """Before a flush, give each new response its narrow reach rows (however it was created: the submit
    service, the demo or a test), so counting never has to read the JSON answers."""
    for response in [o for o in session.new if isinstance(o, SurveyResponse) and not o.reach_answers]:
        response.submitted_at = response.submitted_at or utcnow()
        response.reach_answers = [
            SurveyReachAnswer(
                dimension=dimension,
                answer=answer[:64],
                survey_id=response.survey_id,
                src=response.src,
                submitted_at=response.submitted_at,
            )
            for dimension, answer in reach_answers(
                response.survey_id, response.survey_version, response.answers
            ).items()
        ]


if not event.contains(Session, "before_flush", _copy_reach_answers):
    event.listen(Session, "before_flush", _copy_reach_answers)


def participation_version() -> list:
    """Changes whenever the people counted might: responses are added or erased, never edited once submitted."""
    count, largest = db.session.execute(select(func.count(), func.max(SurveyResponse.id))).one()
    return [count, largest]


def count_participations(since: datetime | None, until: datetime | None, tally: ParticipationTally) -> None:
    """People per survey and channel, and per option chosen in each reach question, for responses submitted in
    [since, until): two GROUP BY queries over covering indexes, whatever the number of responses."""
    heads = (
        select(SurveyResponse.survey_id, SurveyResponse.src, func.count())
        .where(*queries.in_window(SurveyResponse.submitted_at, since, until))
        .group_by(SurveyResponse.survey_id, SurveyResponse.src)
    )
    for survey_id, src, count in db.session.execute(heads):
        tally.add_people(activity_id(survey_id), src, count, _title(survey_id))
    answer = SurveyReachAnswer
    chosen = (
        select(answer.dimension, answer.survey_id, answer.src, answer.answer, func.count())
        .where(*queries.in_window(answer.submitted_at, since, until))
        .group_by(answer.dimension, answer.survey_id, answer.src, answer.answer)
    )
    for dimension, survey_id, src, option, count in db.session.execute(chosen):
        tally.add_answers(dimension, activity_id(survey_id), src, option, count)


def _title(survey_id: str) -> str:
    survey = service.registry().get(survey_id)
    return str(survey.title) if survey else survey_id


def page_dropoffs(since: datetime | None, until: datetime | None) -> Iterator[PageDropOff]:
    """For each survey's current pages: the drafts started in [since, until) that reached each page (the
    staff funnel: everyone reaches page 1; a draft that stopped after saving page n reached page n + 1)."""
    for survey in sorted(service.registry().surveys.values(), key=lambda s: s.id):
        funnel = queries.funnel(survey, since=since, until=until)
        if not funnel.starts:
            continue
        for position, (page, reached) in enumerate(queries.reached_by_page(funnel), start=1):
            yield PageDropOff(activity_id(survey.id), page, position, reached)


def register() -> None:
    register_participation_counter(SOURCE, count_participations)
    register_participation_version(SOURCE, participation_version)
    register_dropoff_source(SOURCE, page_dropoffs)
