"""Answering a survey on a phone: start, pages, errors that keep answers, check answers, confirmation."""

import pytest
from sqlalchemy import select

from engage.extensions import db
from engage.surveys.models import SurveyResponse
from tests.integration.surveys_helpers import Respondent, answer_basic, token_in, use_test_surveys


@pytest.fixture
def basic(app, client):
    use_test_surveys(app)
    return Respondent(client, "test-basic")


def responses():
    return db.session.scalars(select(SurveyResponse)).all()


def test_given_open_surveys_when_a_parent_opens_the_list_then_open_ones_show_and_closed_ones_do_not(app, client):
    use_test_surveys(app)
    page = client.get("/surveys")
    assert page.status_code == 200
    assert "Basic test survey" in page.text and "Closed test survey" not in page.text


def test_given_the_start_page_then_it_says_how_long_it_takes_and_what_happens_to_answers(basic):
    page = basic.client.get(basic.url())
    assert "It takes about 2 minutes." in page.text
    assert "we do not store your internet address" in page.text


def test_given_a_parent_when_they_answer_every_page_then_one_response_is_stored_with_a_reference(basic):
    answer_basic(basic)
    check = basic.client.get(basic.url("/check"))
    assert "Check your answers" in check.text and "Blue" in check.text and "27 March 2026" in check.text
    sent = basic.submit()
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/surveys/test-basic/confirmation")
    confirmation = basic.client.get(basic.url("/confirmation"))
    stored = responses()
    assert len(stored) == 1
    assert stored[0].reference in confirmation.text
    assert stored[0].answers == {
        "colour": "blue",
        "comment": "Fine",
        "children": 2,
        "last_review": "2026-03-27",
        "rating": 4,
    }


def test_given_a_question_page_then_it_shows_progress_and_a_back_link(basic):
    basic.start()
    basic.answer("first", colour="red")
    page = basic.client.get(basic.url("/page/second"))
    assert "Page 2 of 3" in page.text
    assert 'class="govuk-back-link"' in page.text and "/surveys/test-basic/page/first" in page.text


def test_given_a_required_answer_missing_when_continuing_then_an_error_summary_shows_and_other_answers_are_kept(basic):
    basic.start()
    page = basic.answer("first", comment="Keep me")
    assert page.status_code == 400
    assert "There is a problem" in page.text and "Select an answer" in page.text
    assert "Keep me" in page.text
    assert 'href="#colour"' in page.text


@pytest.mark.parametrize(
    ("page_id", "answers", "message"),
    [
        ("first", {"colour": "red", "comment": "x" * 21}, "Your answer must be 20 characters or fewer"),
        ("second", {"children": "two"}, "Enter a whole number, like 8"),
        ("second", {"children": "21"}, "Enter a number from 0 to 20"),
        ("second", {"last_review": ["31", "2", "2026"]}, "Enter a real date, like 27 3 2026"),
        ("second", {"last_review": ["1", "", "2026"]}, "Enter a real date, like 27 3 2026"),
    ],
)
def test_given_bad_input_when_continuing_then_a_clear_message_and_the_answers_are_kept(
    basic, page_id, answers, message
):
    basic.start()
    if page_id == "second":
        basic.answer("first", colour="red")
    page = basic.answer(page_id, **answers)
    assert page.status_code == 400
    assert message in page.text
    for value in answers.values():
        for part in value if isinstance(value, list) else [value]:
            assert part in page.text


def test_given_a_language_prefix_then_the_journey_stays_in_that_language(basic):
    polish = Respondent(basic.client, "test-basic", prefix="/pl")
    started = polish.start()
    assert started.headers["Location"].endswith("/pl/surveys/test-basic/page/first")
    page = polish.client.get(polish.url("/page/first"))
    assert 'lang="pl"' in page.text


def test_given_check_answers_when_a_change_link_is_followed_then_saving_returns_to_check_answers(basic):
    answer_basic(basic)
    check = basic.client.get(basic.url("/check"))
    assert "/surveys/test-basic/page/second?change=1" in check.text
    page = basic.client.get(basic.url("/page/second?change=1"))
    saved = basic.client.post(
        basic.url("/page/second?change=1"), data={"csrf_token": token_in(page.text), "children": "5"}
    )
    assert saved.headers["Location"].endswith("/surveys/test-basic/check")


def test_given_an_unstarted_survey_when_a_later_page_is_opened_then_it_goes_to_the_start(basic):
    page = basic.client.get(basic.url("/page/third"))
    assert page.status_code == 302 and page.headers["Location"].endswith("/surveys/test-basic")


def test_given_pages_not_yet_answered_when_skipping_ahead_then_it_goes_to_the_first_unanswered_page(basic):
    basic.start()
    page = basic.client.get(basic.url("/page/third"))
    assert page.headers["Location"].endswith("/surveys/test-basic/page/first")


def test_given_a_condition_when_the_answer_hides_a_page_then_it_is_skipped_and_not_submitted(app, client):
    use_test_surveys(app)
    person = Respondent(client, "test-conditions")
    person.start()
    person.answer("plan", has_plan="yes")
    person.answer("plan-details", plan_on_time="no")
    assert 'name="why_late"' in client.get(person.url("/page/end")).text
    changed = client.get(person.url("/page/plan?change=1"))
    client.post(person.url("/page/plan?change=1"), data={"csrf_token": token_in(changed.text), "has_plan": "no"})
    end = client.get(person.url("/page/end"))
    assert 'name="why_late"' not in end.text and "Page 2 of 2" in end.text
    person.answer("end", anything_else="Thanks")
    person.submit()
    assert responses()[0].answers == {"has_plan": "no", "anything_else": "Thanks"}


def test_given_multiple_choice_with_other_when_other_is_ticked_without_text_then_it_asks_what(app, client):
    use_test_surveys(app)
    person = Respondent(client, "test-multiple")
    person.start()
    page = person.answer("services", used=["ot", "other"])
    assert page.status_code == 400 and "Say what your other answer is" in page.text
    assert 'name="used__other"' in page.text  # the box shows without JavaScript
    done = person.answer("services", used=["ot", "other"], used__other="Music therapy")
    assert done.headers["Location"].endswith("/check")
    person.submit()
    assert responses()[0].answers == {"used": ["ot", "other"], "used.other": "Music therapy"}


def test_given_a_closed_survey_then_a_message_links_to_its_outcome(app, client):
    use_test_surveys(app)
    page = client.get("/surveys/test-closed")
    assert "This survey has closed" in page.text
    assert 'href="/consultations/test-outcome"' in page.text
    assert client.get("/surveys/test-closed/page/only").status_code in (200, 302)


def test_given_an_unknown_survey_then_404(app, client):
    use_test_surveys(app)
    assert client.get("/surveys/no-such-survey").status_code == 404


def test_given_a_page_post_with_a_bad_csrf_token_then_nothing_is_lost_and_it_can_be_sent_again(app, basic):
    app.config["WTF_CSRF_ENABLED"] = True
    basic.start()
    refused = basic.post("first", "not-a-token", colour="blue", comment="Still here")
    assert refused.status_code == 400
    assert "Still here" in refused.text and 'value="blue"' in refused.text
    again = basic.client.post(
        basic.url("/page/first"),
        data={"csrf_token": token_in(refused.text), "colour": "blue", "comment": "Still here", "action": "continue"},
    )
    assert again.status_code == 302
    assert "Still here" in basic.client.get(basic.url("/page/first")).text


def test_given_a_survey_that_closes_while_answering_then_sending_shows_the_closed_message(app, basic):
    import dataclasses
    import datetime as dt

    from engage.surveys import service

    answer_basic(basic)
    csrf, token = basic.submission_token()
    survey = service.registry().surveys["test-basic"]
    service.registry().surveys["test-basic"] = dataclasses.replace(survey, closes=dt.date(2020, 12, 31))
    sent = basic.submit(csrf, token)
    assert "This survey has closed" in sent.text
    assert responses() == []


def test_given_a_wrong_date_then_the_error_summary_links_to_the_day_box(basic):
    basic.start()
    basic.answer("first", colour="red")
    page = basic.answer("second", last_review=["31", "2", "2026"])
    assert page.status_code == 400
    assert 'href="#last_review-day"' in page.text
    assert 'id="last_review-day"' in page.text
