"""Exactly once: a double tap, a back-and-resubmit or two simultaneous submissions store one response."""

import threading

from sqlalchemy import func, inspect, select

from engage.extensions import db
from engage.surveys.models import SurveyDraft, SurveyResponse
from tests.integration.surveys_helpers import Respondent, answer_basic, use_test_surveys


def count_responses() -> int:
    return db.session.scalar(select(func.count(SurveyResponse.id)))


def test_given_a_double_tap_on_send_then_one_response_and_an_already_submitted_page(app, client):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    answer_basic(person)
    csrf, token = person.submission_token()
    first = person.submit(csrf, token)
    second = person.submit(csrf, token)
    assert first.status_code == 302
    assert second.status_code == 409 and "You have already sent these answers" in second.text
    assert count_responses() == 1


def test_given_a_submitted_survey_when_going_back_and_resubmitting_then_already_submitted(app, client):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    answer_basic(person)
    csrf, token = person.submission_token()
    person.submit(csrf, token)
    back = person.submit(csrf, token)
    assert back.status_code == 409
    assert count_responses() == 1


def test_given_two_simultaneous_submissions_then_one_response_is_stored(app):
    """Threads on a file database (or PostgreSQL): the unique submission token decides."""
    use_test_surveys(app)
    person = Respondent(app.test_client(), "test-basic")
    answer_basic(person)
    csrf, token = person.submission_token()
    cookie = person.client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    barrier, statuses = threading.Barrier(2), []

    def send():
        twin = app.test_client()
        twin.set_cookie(cookie.key, cookie.value)
        barrier.wait()
        statuses.append(
            twin.post("/surveys/test-basic/submit", data={"csrf_token": csrf, "submission_token": token}).status_code
        )

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302, 409]
    assert count_responses() == 1


def test_no_ip_address_or_user_agent_is_stored_with_a_response(app, client):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    client.environ_base.update({"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "PhoneBrowser/9.9"})
    answer_basic(person)
    person.submit()
    for model in (SurveyResponse, SurveyDraft):
        names = {c.name for c in inspect(model).columns}
        assert not {n for n in names if "ip" in n.split("_") or "agent" in n or "addr" in n}
    stored = [str(row) for row in db.session.execute(select(SurveyResponse.__table__)).all()]
    stored += [str(row) for row in db.session.execute(select(SurveyDraft.__table__)).all()]
    assert not any("203.0.113.77" in row or "PhoneBrowser" in row for row in stored)


def test_given_a_start_link_with_src_then_the_channel_is_stored_with_the_response(app, client):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    person.start(src="school-newsletter")
    person.answer("first", colour="red")
    person.answer("second")
    person.answer("third")
    person.submit()
    response = db.session.scalar(select(SurveyResponse))
    assert response.src == "school-newsletter" and response.language == "en"
