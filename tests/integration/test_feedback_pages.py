"""The feedback link on every page carries where it came from; languages and CSRF protection on the form."""

from sqlalchemy import func, select

from engage.extensions import db
from engage.feedback.models import Comment

DATA = {"topic": "general", "text": "More easy-read information please.", "publish_consent": "private"}


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Comment))


def test_a_page_about_a_record_suggests_its_topic_and_names_it(client):
    page = client.get("/ro/surveys/local-offer-feedback").text
    expected = "/ro/feedback?from=/surveys/local-offer-feedback&amp;topic=consultation&amp;about=local-offer-feedback"
    assert f'href="{expected}"' in page


def test_the_feedback_pages_do_not_link_to_themselves(client):
    assert "Is this page useful?" not in client.get("/feedback").text
    assert "Is this page useful?" not in client.get("/feedback/thank-you").text
    assert "Is this page useful?" in client.get("/feedback/responses").text


def test_given_polish_when_a_comment_is_sent_then_the_confirmation_stays_in_polish(client):
    response = client.post("/pl/feedback", data=DATA)
    assert response.headers["Location"].endswith("/pl/feedback/thank-you")
    assert '<html lang="pl"' in client.get("/pl/feedback/thank-you").text


def test_given_urdu_then_the_form_is_right_to_left(client):
    assert '<html lang="ur" dir="rtl"' in client.get("/ur/feedback").text


def test_given_csrf_on_when_the_token_is_missing_then_nothing_is_stored_and_a_link_goes_back_to_the_form(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/feedback", data=DATA)
    assert response.status_code == 400
    assert "This form had expired" in response.text and 'href="/feedback"' in response.text
    assert "More easy-read information please." not in response.text  # no form to send again in one click
    assert _count() == 0


def test_given_csrf_on_when_the_form_is_sent_with_its_token_then_it_is_stored(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get("/feedback").text
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    assert client.post("/feedback", data=DATA | {"csrf_token": token}).status_code == 302
    assert _count() == 1


def test_the_feedback_pages_are_never_cached(client):
    assert client.get("/feedback").headers["Cache-Control"] == "no-store"
