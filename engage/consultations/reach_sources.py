"""What consultations give reach (engage.reach.sources): taking part in a consultation is one activity, counted in
SQL per channel and community:

- the people who commented on it (one per comment kept, rejected ones aside; comments carry no channel or equality
  answers, so reach shows them as direct and "not stated");
- the responses to its linked surveys submitted while it was open, with their channel and their answers to the
  reach questions. Those responses are moved out of the survey's own activity (subtracted from what the surveys
  counter adds), so nobody is counted twice in reach's totals. A survey linked to two consultations whose dates
  overlap gives each response to the one that opened first.

Event attendance is counted by the events feature (its own counter), under this activity id when linked.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, select

from engage.consultations.models import Consultation
from engage.extensions import db
from engage.feedback.models import Comment, CommentStatus, Topic
from engage.reach.sources import ParticipationTally, register_participation_counter, register_participation_version
from engage.surveys.models import SurveyReachAnswer, SurveyResponse
from engage.surveys.reach_sources import activity_id as survey_activity_id

SOURCE = "consultations"
PATH_PREFIX = "/consultations/"


def activity_id(slug: str) -> str:
    return f"consultation:{slug}"


def count_participations(since: datetime | None, until: datetime | None, tally: ParticipationTally) -> None:
    consultations = db.session.scalars(select(Consultation).where(Consultation.published_at.is_not(None))).all()
    _count_comments(since, until, tally, {c.slug: c.title for c in consultations})
    for survey_id, windows in _survey_windows(consultations).items():
        for consultation, start, end in windows:
            start, end = max(start, since or start), min(end, until or end)
            if start < end:
                _move_responses(survey_id, consultation, start, end, tally)


def _count_comments(since, until, tally: ParticipationTally, titles: dict[str, str]) -> None:
    """People who commented on each consultation in [since, until), one GROUP BY query."""
    where = [Comment.topic == Topic.consultation, Comment.status != CommentStatus.rejected,
             Comment.about.startswith(PATH_PREFIX)]  # fmt: skip
    where += [Comment.created_at >= since] if since is not None else []
    where += [Comment.created_at < until] if until is not None else []
    rows = db.session.execute(select(Comment.about, func.count()).where(*where).group_by(Comment.about)).all()
    for about, count in rows:
        slug = about.removeprefix(PATH_PREFIX)
        if slug in titles:
            tally.add_people(activity_id(slug), None, count, titles[slug])


def _survey_windows(consultations: list[Consultation]) -> dict[str, list[tuple[Consultation, datetime, datetime]]]:
    """Survey id -> (consultation, start, end) windows that do not overlap, the earliest-opening consultation first."""
    linked: dict[str, list[Consultation]] = defaultdict(list)
    for consultation in sorted(consultations, key=lambda c: (c.opens_at, c.id)):
        for survey_id in dict.fromkeys(consultation.survey_ids or []):
            linked[survey_id].append(consultation)
    windows: dict[str, list[tuple[Consultation, datetime, datetime]]] = {}
    for survey_id, ones in linked.items():
        taken_until = None
        windows[survey_id] = []
        for consultation in ones:
            start = max(consultation.opens_at, taken_until) if taken_until else consultation.opens_at
            if start < consultation.closes_at:
                windows[survey_id].append((consultation, start, consultation.closes_at))
                taken_until = max(taken_until or consultation.closes_at, consultation.closes_at)
    return windows


def _move_responses(survey_id: str, consultation: Consultation, start: datetime, end: datetime, tally) -> None:
    """The survey's responses in [start, end), counted under the consultation instead of under the survey."""
    here, there = activity_id(consultation.slug), survey_activity_id(survey_id)
    response = SurveyResponse
    heads = (
        select(response.src, func.count())
        .where(response.survey_id == survey_id, response.submitted_at >= start, response.submitted_at < end)
        .group_by(response.src)
    )
    for src, count in db.session.execute(heads):
        tally.add_people(here, src, count, consultation.title)
        tally.add_people(there, src, -count)
    answer = SurveyReachAnswer
    chosen = (
        select(answer.dimension, answer.src, answer.answer, func.count())
        .where(answer.survey_id == survey_id, answer.submitted_at >= start, answer.submitted_at < end)
        .group_by(answer.dimension, answer.src, answer.answer)
    )
    for dimension, src, option, count in db.session.execute(chosen):
        tally.add_answers(dimension, here, src, option, count)
        tally.add_answers(dimension, there, src, option, -count)


def participation_version() -> list:
    """Changes whenever the people counted might: a consultation comment added, rejected or erased (each bumps its
    updated_at), a survey response added or erased, or a consultation added, renamed or relinked. Without it reports
    would count every view (no version)."""
    comments = select(func.count(), func.max(Comment.id), func.max(Comment.updated_at)).where(
        Comment.topic == Topic.consultation
    )
    count, largest, changed = db.session.execute(comments).one()
    consultations = db.session.execute(select(func.count(), func.max(Consultation.updated_at))).one()
    responses = db.session.execute(select(func.count(), func.max(SurveyResponse.id))).one()
    return [count, largest, str(changed), consultations[0], str(consultations[1]), *responses]


def register() -> None:
    register_participation_counter(SOURCE, count_participations)
    register_participation_version(SOURCE, participation_version)
