"""Issue 16, deliverable 3: the survey retention purge keeps a response whose free text holds an open safeguarding
concern (flagged, no action recorded, not dismissed) until a moderator deals with it; then the next run deletes it.

The purge is run with an explicit "now" relative to the pinned stored dates, so no test depends on today's date.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from engage.clock import utcnow
from engage.extensions import db
from engage.feedback import service
from engage.feedback.models import Comment
from engage.surveys import retention
from engage.surveys.models import SurveyResponse
from tests.integration.surveys_helpers import Respondent, use_test_surveys

CONCERN = "My son keeps saying he wants to die and nobody at CAMHS has rung back."


def _answer(app, story: str, days_old: int) -> int:
    person = Respondent(app.test_client(), "test-retention")
    person.start()
    person.answer("about", ward="castle", story=story)
    person.submit()
    response_id = db.session.scalars(select(SurveyResponse.id).order_by(SurveyResponse.id.desc())).first()
    when = utcnow() - timedelta(days=days_old)
    db.session.execute(update(SurveyResponse).where(SurveyResponse.id == response_id).values(submitted_at=when))
    db.session.commit()
    return response_id


def _held(response_id: int) -> bool:
    return db.session.scalar(select(func.count()).where(SurveyResponse.id == response_id)) == 1


def test_a_response_with_an_open_concern_is_kept_past_retention_until_it_is_dealt_with(app):
    use_test_surveys(app)
    concern, ordinary = _answer(app, CONCERN, 100), _answer(app, "The bus never came on time.", 100)
    comment = db.session.scalars(select(Comment).where(Comment.survey_response_id == concern)).one()
    comment_id = comment.id
    assert comment.safeguarding_flagged and comment.safeguarding_action is None
    assert retention.purge_responses() == {"test-retention": 1}
    db.session.expire_all()
    assert _held(concern) and not _held(ordinary)
    assert db.session.get(Comment, comment.id).text == CONCERN  # the safeguarding team can still read it
    service.record_safeguarding_action(db.session.get(Comment, comment.id), "Referred to CAMHS crisis team", None)
    assert retention.purge_responses() == {"test-retention": 1}
    db.session.expire_all()
    assert not _held(concern)
    assert db.session.scalar(select(func.count()).where(Comment.id == comment_id)) == 0


def test_a_dismissed_false_alarm_does_not_hold_its_response(app):
    use_test_surveys(app)
    response_id = _answer(app, "Ear defenders are his secret weapon in assembly.", 100)
    comment = db.session.scalars(select(Comment).where(Comment.survey_response_id == response_id)).one()
    assert comment.safeguarding_flagged  # a false alarm on an idiom
    service.dismiss_safeguarding(comment, "An idiom about ear defenders", None)
    assert retention.purge_responses() == {"test-retention": 1}
    db.session.expire_all()
    assert not _held(response_id)
