"""What surveys give reach, reports and digests (engage.reach.sources): one participation per submitted response
and, per survey page, how many people reached it. Only option ids of the equality-monitoring questions leave
here: no free text, no reference, no answers to other questions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select

from engage.extensions import db
from engage.reach.dimensions import dimensions
from engage.reach.sources import PageDropOff, Participation, register_dropoff_source, register_participation_source
from engage.surveys import queries, service
from engage.surveys.models import SurveyResponse

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


def participations(since: datetime | None, until: datetime | None) -> Iterator[Participation]:
    """One per submitted response in [since, until). Groups hold the chosen option ids (reach normalises
    detailed ids, e.g. asian_pakistani counts as asian; prefer_not and not_sure count as not stated)."""
    query = (
        select(
            SurveyResponse.survey_id,
            SurveyResponse.survey_version,
            SurveyResponse.answers,
            SurveyResponse.src,
            SurveyResponse.language,
            SurveyResponse.submitted_at,
        )
        .where(*queries.in_window(SurveyResponse.submitted_at, since, until))
        .order_by(SurveyResponse.id)
    )
    reach_questions: dict[tuple[str, int], dict[str, str]] = {}
    titles: dict[str, str] = {}
    for row in db.session.execute(query).yield_per(1000):
        key = (row.survey_id, row.survey_version)
        if key not in reach_questions:
            reach_questions[key] = _reach_questions(*key)
        if row.survey_id not in titles:
            current = service.registry().get(row.survey_id) or service.registry().version(*key)
            titles[row.survey_id] = str(current.title) if current else row.survey_id
        answers = row.answers or {}
        groups = {
            dimension: answers[question]
            for question, dimension in reach_questions[key].items()
            if isinstance(answers.get(question), str)
        }
        yield Participation(
            activity_id=activity_id(row.survey_id),
            activity_kind=KIND,
            channel=row.src,
            submitted_at=row.submitted_at,
            groups=groups,
            activity_title=titles[row.survey_id],
            language=row.language,
        )


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
    register_participation_source(SOURCE, participations)
    register_dropoff_source(SOURCE, page_dropoffs)
