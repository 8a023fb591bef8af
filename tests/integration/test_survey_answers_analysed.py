"""Free-text survey answers are analysed like comments: redacted, themed, and a safeguarding concern alerts at once."""

import pytest
from sqlalchemy import func, select

from engage.audit import AuditEvent
from engage.extensions import db
from engage.feedback import service
from engage.feedback.models import AnalysisStatus, Comment, CommentStatus, PublishConsent, Topic
from engage.surveys.models import SurveyResponse
from tests.integration.feedback_helpers import break_the_model
from tests.integration.surveys_helpers import Respondent, answer_basic, token_in, use_test_surveys

CONCERN = "Jayden wants to die"  # the test survey allows 20 characters


def _answers() -> list[Comment]:
    return list(db.session.scalars(select(Comment).where(Comment.topic == Topic.survey)))


def test_given_a_free_text_answer_when_submitted_then_it_is_a_private_analysed_comment_on_the_response(app, client):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    answer_basic(person, comment="Bus late 07700900123")
    assert person.submit().status_code == 302
    response = db.session.scalar(select(SurveyResponse))
    (answer,) = _answers()
    assert answer.survey_response_id == response.id and answer.survey_question == "comment"
    assert answer.about == "/surveys/test-basic" and answer.publish_consent == PublishConsent.private
    assert answer.status == CommentStatus.filed and answer.analysis_status == AnalysisStatus.done  # nothing to do
    assert "[phone]" in answer.redacted_text and "07700" not in answer.redacted_text, answer.redacted_text
    assert answer.sentiment and "transport" in answer.suggested_themes
    assert response.answers["comment"] == "Bus late 07700900123"  # the response keeps the family's words


def test_given_a_safeguarding_concern_in_a_survey_then_a_person_is_told_at_once(app, client, outbox):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    answer_basic(person, comment=CONCERN)
    assert person.submit().status_code == 302
    (answer,) = _answers()
    assert answer.safeguarding_flagged and answer.safeguarding_alert_sent_at is not None
    assert answer.status == CommentStatus.new  # waits in the open queue for a person
    assert len(outbox) == 1 and "Jayden" not in outbox[0].as_string()


def test_given_a_double_tap_then_the_answer_is_recorded_once(app, client):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    answer_basic(person, comment="More speech therapy")
    csrf, token = person.submission_token()
    assert person.submit(csrf, token).status_code == 302
    assert person.submit(csrf, token).status_code == 409
    assert len(_answers()) == 1


def test_given_the_engine_fails_then_response_and_answer_are_kept_for_a_retry(app, client, runner):
    use_test_surveys(app)
    broken = break_the_model()
    person = Respondent(client, "test-basic")
    answer_basic(person, comment="Review late again")
    assert person.submit().status_code == 302
    assert db.session.scalar(select(func.count(SurveyResponse.id))) == 1
    (answer,) = _answers()
    assert answer.analysis_status == AnalysisStatus.failed and answer.text == "Review late again"
    assert answer.status == CommentStatus.new  # not analysed: a person sees it
    db.session.delete(broken)
    db.session.commit()
    assert runner.invoke(args=["feedback", "reanalyse"]).exit_code == 0
    db.session.refresh(answer)
    assert answer.analysis_status == AnalysisStatus.done


def test_a_filed_survey_answer_is_out_of_the_open_queue_but_found_by_its_filters(app, client, auth):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    answer_basic(person, comment="Lovely coffee chats")
    person.submit()
    (answer,) = _answers()
    auth.login("moderator")
    page = client.get(f"/staff/feedback/{answer.id}")
    assert page.status_code == 200 and "A free-text answer in a survey" in page.text
    assert f"/staff/feedback/{answer.id}" not in client.get("/staff/feedback/?topic=survey").text  # not open
    filed = client.get("/staff/feedback/?topic=survey&status=filed")
    assert f"/staff/feedback/{answer.id}" in filed.text and "Kept private with its survey response" in filed.text


def test_a_please_specify_answer_is_analysed_too(app, client):
    use_test_surveys(app)
    person = Respondent(client, "test-multiple")
    person.start()
    person.answer("services", used=["ot", "other"], used__other="Music therapy with Jayden's class")
    assert person.submit().status_code == 302
    (answer,) = _answers()
    assert answer.survey_question == "used.other" and answer.text == "Music therapy with Jayden's class"
    assert answer.analysis_status == AnalysisStatus.done


def test_a_survey_answer_is_never_published_even_when_a_moderator_tries(app, client, auth):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    answer_basic(person, comment="Lovely coffee chats")
    person.submit()
    (answer,) = _answers()
    auth.login("moderator")
    page = client.get(f"/staff/feedback/{answer.id}")
    csrf = token_in(page.text)
    refused = client.post(f"/staff/feedback/{answer.id}/publish",
                          data={"csrf_token": csrf, "publish-value": "Thank you", "publish-submit": "1"})  # fmt: skip
    db.session.refresh(answer)
    assert answer.status != CommentStatus.published and answer.published_at is None
    shown = refused.text + (client.get(refused.headers["Location"]).text if "Location" in refused.headers else "")
    assert "filed with its survey response" in shown


def test_the_same_words_as_a_survey_answer_are_not_taken_for_a_resent_comment(app, client):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    answer_basic(person, comment="More speech therapy")
    person.submit()
    data = {"topic": "general", "text": "More speech therapy", "publish_consent": "private"}
    assert client.post("/feedback", data=data).status_code == 302
    assert db.session.scalar(select(func.count(Comment.id)).where(Comment.topic == Topic.general)) == 1


def test_one_respondents_answers_count_once_in_reports(app):
    from engage.feedback import reach_sources, service
    from engage.reach.sources import CommentFilters, CommentTally

    response = SurveyResponse(submission_token="t", reference="AAAA-BBBB", survey_id="s", survey_version=1,
                              answers={}, language="en")  # fmt: skip
    db.session.add(response)
    db.session.commit()
    texts = ["The school taxi is late every day", "The taxi driver shouts at the children", "No escort on the bus"]
    for n, text in enumerate(texts):
        comment = Comment(topic=Topic.survey, text=text, publish_consent=PublishConsent.private,
                          content_hash=service.content_hash(text), survey_response_id=response.id,
                          survey_question=f"q{n}")  # fmt: skip
        db.session.add(comment)
        db.session.commit()
        service.analyse(comment)
    tally = CommentTally()
    reach_sources.count_comments(None, None, CommentFilters(), tally)
    assert sum(tally.comments.values()) == len({c.sentiment for c in _answers()})  # one person per cell
    assert sum(n for key, n in tally.mentions.items() if key[-1] == "transport") <= len(
        {c.sentiment for c in _answers()}
    )


def test_an_answer_in_another_language_waits_for_a_translation(app, client):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    answer_basic(person, comment="Taksówka się spóźnia")
    assert person.submit().status_code == 302
    (answer,) = _answers()
    assert answer.language == "pl" and answer.status == CommentStatus.new


def test_a_moderator_files_a_survey_answer_once_its_concern_has_an_action(app, client, auth, outbox):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    answer_basic(person, comment=CONCERN)
    person.submit()
    (answer,) = _answers()
    moderator = auth.login("moderator")
    page = client.get(f"/staff/feedback/{answer.id}")
    assert "File with its survey response" in page.text
    refused = client.post(f"/staff/feedback/{answer.id}/file", data={"csrf_token": token_in(page.text)})
    assert refused.status_code == 400 and "Record what was done about the safeguarding concern first" in refused.text
    service.record_safeguarding_action(answer, "Rang the family; CAMHS crisis team involved", moderator.id)
    page = client.get(f"/staff/feedback/{answer.id}")
    assert client.post(f"/staff/feedback/{answer.id}/file", data={"csrf_token": token_in(page.text)}).status_code == 302
    db.session.refresh(answer)
    assert answer.status == CommentStatus.filed
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "feedback.comment.file")) is not None


def test_only_a_survey_answer_can_be_filed(app):
    comment = service.submit_comment(topic="general", text="The bus is late", publish_consent="private")
    with pytest.raises(service.ModerationError):
        service.file_survey_answer(comment)
