"""Redirect targets and numbers taken from a request (issue 15, defects 3 and 9): every redirect stays on this
site whatever the bypass string, and a number too big for the database is a 404 page, never a 500."""

import pyotp
import pytest
from sqlalchemy import select

from engage.extensions import db
from engage.feedback import service as feedback
from engage.feedback.models import Comment
from tests.conftest import STAFF_PASSWORD
from tests.integration.surveys_helpers import use_test_surveys

#: As a browser sends them in a query string: %09 is a tab, %5C a backslash, %0A a newline.
ENCODED_BYPASSES = [
    "/%09/evil.example",
    "/%5C/evil.example",
    "%5C%5Cevil.example",
    "/%0A/evil.example",
    "//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/%E2%80%AE/elpmaxe.live",
]
HUGE = "99999999999999999999999"


@pytest.mark.parametrize("next_url", ENCODED_BYPASSES)
def test_signing_in_never_redirects_off_site(client, auth, next_url):
    user = auth.create()
    client.post(f"/staff/login?next={next_url}", data={"email": user.email, "password": STAFF_PASSWORD})
    response = client.post("/staff/login/code", data={"code": pyotp.TOTP(user.totp_secret).now()})
    assert response.headers["Location"] == "/staff/"


def test_signing_in_keeps_a_local_next_page(client, auth):
    user = auth.create("moderator")
    client.post("/staff/login?next=/staff/feedback/%3Fpage%3D2", data={"email": user.email, "password": STAFF_PASSWORD})
    response = client.post("/staff/login/code", data={"code": pyotp.TOTP(user.totp_secret).now()})
    assert response.headers["Location"] == "/staff/feedback/?page=2"


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\\evil.example", "//evil.example", " //evil.example"])
def test_staying_signed_in_never_redirects_off_site(client, auth, target):
    auth.login()
    response = client.post("/staff/session/extend", data={"next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/staff/"


@pytest.mark.parametrize("page", ENCODED_BYPASSES)
def test_a_local_offer_comment_never_redirects_off_site(client, page):
    data = {"text": "The list of short breaks is missing the Saturday club.", "publish_consent": "anonymous"}
    response = client.post(f"/local-offer/comment?page={page}", data=data)
    assert response.status_code == 302 and response.headers["Location"] == "/local-offer"


def test_a_local_offer_comment_goes_back_to_its_page(client):
    data = {"text": "The list of short breaks is missing the Saturday club.", "publish_consent": "anonymous"}
    response = client.post("/local-offer/comment?page=/local-offer/pages/travel-assistance", data=data)
    assert response.headers["Location"] == "/local-offer/pages/travel-assistance"


@pytest.mark.parametrize(
    "path", [f"/staff/feedback/{HUGE}", f"/staff/feedback/themes/{HUGE}", f"/staff/feedback/?page={HUGE}"]
)
def test_huge_numbers_in_moderation_pages_are_not_found(client, auth, path):
    auth.login("moderator")
    response = client.get(path)
    assert response.status_code == 404 and "Page not found" in response.text


def test_huge_numbers_in_admin_posts_and_survey_pages_are_not_found(app, client, auth):
    use_test_surveys(app)
    auth.login("admin")
    assert client.post(f"/staff/users/{HUGE}/active").status_code == 404
    auth.logout()
    auth.login("moderator")
    assert client.get(f"/staff/surveys/test-basic/responses?page={HUGE}").status_code == 404
    assert client.get("/staff/surveys/test-basic/responses?page=2").status_code == 200


@pytest.mark.parametrize("page", [HUGE, "0", "-1", "²", "9" * 5000])
def test_nonsense_page_numbers_in_the_local_offer_are_not_found(client, page):
    assert client.get("/local-offer", query_string={"page": page}).status_code == 404


def test_the_largest_id_a_database_holds_is_still_looked_up(client, auth):
    auth.login("moderator")
    assert client.get(f"/staff/feedback/{2**31 - 1}").status_code == 404


def test_a_stored_page_that_a_browser_reads_as_another_host_is_shown_to_moderators_as_text(client, auth):
    comment = feedback.submit_comment(
        topic="local_offer", text="Out of date.", publish_consent="private", about="/\\evil.example"
    )
    auth.login("moderator")
    page = client.get(f"/staff/feedback/{comment.id}").text
    assert 'href="/\\evil.example"' not in page and "/\\evil.example" in page


def test_the_feedback_form_never_records_a_page_on_another_host(client):
    data = {"topic": "general", "text": "More easy-read information please.", "publish_consent": "private"}
    client.post("/feedback", data=data | {"page": "/\t/evil.example"})
    assert db.session.scalar(select(Comment)).about is None
