"""Issue 15, defect 6 (QUALITY.md bar 15): survey responses are deleted when their survey's retention has passed,
with their free-text comments and reach rows; what was published stays, unlinked; running it again, or twice
at once, changes nothing more.

Given/When/Then over real HTTP submissions; the purge is run with an explicit "now", so no test depends on
today's date.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from engage.audit import AuditEvent
from engage.clock import utcnow
from engage.extensions import db
from engage.feedback.models import Comment, CommentStatus
from engage.surveys import retention
from engage.surveys.models import SurveyReachAnswer, SurveyResponse
from tests.integration.surveys_helpers import Respondent, answer_basic, use_test_surveys


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _answer_retention_survey(app, story: str) -> SurveyResponse:
    person = Respondent(app.test_client(), "test-retention")
    person.start()
    person.answer("about", ward="castle", story=story)
    person.submit()
    return db.session.scalars(select(SurveyResponse).order_by(SurveyResponse.id.desc())).first()


def _age(response_id: int, days: int) -> None:
    """Make a stored response ``days`` old, with its reach rows."""
    when = utcnow() - timedelta(days=days)
    db.session.execute(update(SurveyResponse).where(SurveyResponse.id == response_id).values(submitted_at=when))
    db.session.execute(
        update(SurveyReachAnswer).where(SurveyReachAnswer.response_id == response_id).values(submitted_at=when)
    )
    db.session.commit()


@pytest.fixture
def responses(app):
    """test-retention (90 days): one response 100 days old, one 80 days old, one 120 days old whose comment was
    published; test-basic (the 730-day default): one 400 days old."""
    use_test_surveys(app)
    app.config["SURVEY_RESPONSE_RETENTION_DAYS"] = 730
    old = _answer_retention_survey(app, "The bus never came on time.")
    recent = _answer_retention_survey(app, "The new ramp helps a lot.")
    published = _answer_retention_survey(app, "The short breaks club was brilliant.")
    person = Respondent(app.test_client(), "test-basic")
    answer_basic(person, comment="Fine")
    person.submit()
    basic = db.session.scalars(select(SurveyResponse).filter_by(survey_id="test-basic")).one()
    for response, days in ((old, 100), (recent, 80), (published, 120), (basic, 400)):
        _age(response.id, days)
    db.session.execute(
        update(Comment).where(Comment.survey_response_id == published.id).values(status=CommentStatus.published)
    )
    db.session.commit()
    return {"old": old.id, "recent": recent.id, "published": published.id, "basic": basic.id}


def _snapshot() -> tuple:
    """Everything the purge may change, to compare runs."""
    return (
        sorted(db.session.scalars(select(SurveyResponse.id)).all()),
        sorted(db.session.execute(select(SurveyReachAnswer.response_id, SurveyReachAnswer.dimension)).all()),
        sorted(db.session.execute(select(Comment.id, Comment.survey_response_id, Comment.text)).all()),
        _count(AuditEvent),
    )


def test_given_responses_past_their_surveys_retention_then_they_go_with_their_comments_and_reach_rows(responses):
    assert _count(Comment, Comment.survey_response_id == responses["old"]) == 1
    assert _count(SurveyReachAnswer, SurveyReachAnswer.response_id == responses["old"]) == 1
    purged = retention.purge_responses()
    assert purged == {"test-retention": 2}
    db.session.expire_all()
    left = set(db.session.scalars(select(SurveyResponse.id)).all())
    assert left == {responses["recent"], responses["basic"]}  # 80 days < 90; 400 days < the 730-day default
    assert _count(SurveyReachAnswer, SurveyReachAnswer.response_id.in_([responses["old"], responses["published"]])) == 0
    assert _count(Comment, Comment.text == "The bus never came on time.") == 0
    assert _count(Comment, Comment.text == "The new ramp helps a lot.") == 1


def test_a_published_comment_stays_published_but_no_longer_linked_to_the_deleted_response(responses):
    retention.purge_responses()
    db.session.expire_all()
    kept = db.session.scalars(select(Comment).filter_by(text="The short breaks club was brilliant.")).one()
    assert kept.status is CommentStatus.published and kept.survey_response_id is None


def test_the_default_retention_comes_from_the_setting(responses, app):
    app.config["SURVEY_RESPONSE_RETENTION_DAYS"] = 365
    assert retention.purge_responses() == {"test-retention": 2, "test-basic": 1}
    assert _count(Comment, Comment.text == "Fine") == 0


def test_running_the_purge_twice_changes_nothing_more(responses):
    retention.purge_responses()
    after_first = _snapshot()
    assert retention.purge_responses() == {}
    assert _snapshot() == after_first
    event = db.session.scalars(select(AuditEvent).filter_by(action="survey.responses.purge")).one()
    assert event.detail == {"deleted": {"test-retention": 2}}


def test_two_purges_at_once_both_finish_and_delete_each_response_once(responses, app):
    results, errors = [], []

    def run():
        try:
            with app.app_context():
                results.append(retention.purge_responses())
                db.session.remove()
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(results, key=len) == [{}, {"test-retention": 2}]
    db.session.expire_all()
    assert _count(SurveyResponse) == 2
    assert _count(AuditEvent, AuditEvent.action == "survey.responses.purge") == 1


def test_the_cron_command_reports_what_it_deleted(responses, runner):
    result = runner.invoke(args=["surveys", "purge-responses"])
    assert result.exit_code == 0, result.output
    assert "test-retention: deleted 2 responses past retention" in result.output
    again = runner.invoke(args=["surveys", "purge-responses"])
    assert again.exit_code == 0 and "Purged 0 responses." in again.output


def test_the_privacy_notice_says_how_long_sent_answers_are_kept(app, client):
    app.config["SURVEY_RESPONSE_RETENTION_DAYS"] = 730
    page = client.get("/privacy")
    assert page.status_code == 200 and "How long we keep it" in page.text
    assert "or after 730 days if it does not say" in page.text
