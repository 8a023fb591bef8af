"""A family on a 375 px phone, without JavaScript, finds the open consultation, reads it and comments; the
pages pass axe-core in English and in Urdu (right to left), and the staff page at 1280 px."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from engage.consultations.models import Follower
from engage.extensions import db
from engage.feedback.models import Comment, Topic
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll


def test_a_family_finds_an_open_consultation_reads_it_and_comments(no_js_page, live_server, live_flask_app):
    marker = secrets.token_hex(3)
    family = no_js_page
    response = family.goto(f"{live_server}/consultations")
    assert response.status == 200 and family.inner_text("h1") == "Consultations"
    first = family.locator("main h2 a").first
    assert first.inner_text() == "Short breaks for disabled children"  # the open one comes first
    first.click()
    assert family.inner_text("h1") == "Short breaks for disabled children"
    main = family.inner_text("main")
    assert "Easy read" in main and "British Sign Language (BSL) video" in main and "Open" in main
    family.fill("#text", f"Holiday clubs need staff trained in autism ({marker}).")
    family.check("#publish_consent")
    family.click("#submit")
    assert family.url.endswith("/consultations/short-breaks-2027#comment")
    assert "moderators will read your comment" in family.inner_text("main")
    with live_flask_app.app_context():
        comment = db.session.scalar(select(Comment).where(Comment.text.contains(marker)))
        assert comment.topic == Topic.consultation and comment.about == "/consultations/short-breaks-2027"


@pytest.mark.parametrize("language", ["", "/pl", "/ur"])
@pytest.mark.parametrize("path", ["/consultations", "/consultations/short-breaks-2027",
                                  "/consultations/local-offer-website-2026"])  # fmt: skip
def test_consultation_pages_pass_axe_at_phone_width(page, live_server, language, path):
    response = page.goto(f"{live_server}{language}{path}")
    assert response.status == 200 and page.locator("h1").count() == 1
    if language == "/ur":
        assert page.get_attribute("html", "dir") == "rtl"
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_the_comment_form_with_errors_passes_axe_in_urdu(page, live_server):
    page.goto(f"{live_server}/ur/consultations/short-breaks-2027")
    page.click("#submit")
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # waits for the answer to the click
    assert_accessible(page, status=400)  # the form comes back with its errors as a 400
    assert_no_horizontal_scroll(page)


def test_the_staff_consultation_page_passes_axe_at_desktop_width(signed_in_page, live_server):
    moderator = signed_in_page("moderator")
    moderator.set_viewport_size({"width": 1280, "height": 900})
    moderator.goto(f"{live_server}/staff/consultations/")
    assert moderator.inner_text("h1") == "Consultations"
    assert_accessible(moderator)
    moderator.click("text=Short breaks for disabled children")
    assert moderator.inner_text("h1") == "Short breaks for disabled children"
    assert_accessible(moderator)
    moderator.goto(f"{live_server}/staff/consultations/new")
    assert_accessible(moderator)


def test_following_by_email_without_javascript_reaches_the_check_your_email_page(no_js_page, live_server, outbox):
    family = no_js_page
    family.goto(f"{live_server}/pl/consultations/short-breaks-2027")
    family.fill("#email", f"family-{secrets.token_hex(3)}@example.org")
    family.click("#follow button, #follow input[type=submit], form[action$='/follow'] [type=submit]")
    assert "/pl/consultations/short-breaks-2027/follow" in family.url
    assert family.locator("h1").count() == 1
    assert len(outbox) == 1 and "/pl/consultations/short-breaks-2027/follow/confirm/" in str(outbox[0])


@pytest.mark.parametrize("language", ["/pl", "/ur"])
def test_the_outcome_and_the_actions_tracker_pass_axe_in_polish_and_urdu(page, live_server, language):
    response = page.goto(f"{live_server}{language}/consultations/local-offer-website-2026")
    assert response.status == 200 and page.locator("#outcome").count() == 1
    assert_accessible(page)
    response = page.goto(f"{live_server}{language}/you-said-we-did?status=done#actions")
    assert response.status == 200 and page.locator("#actions").count() == 1
    assert "Make every Local Offer page work on a phone" in page.inner_text("main")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("language", ["/pl", "/ur"])
def test_a_family_reads_the_easy_read_version_reaches_the_survey_and_comments_asking_to_hear_back(
    no_js_page, live_server, live_flask_app, language
):
    family = no_js_page
    family.set_viewport_size({"width": 375, "height": 800})
    family.goto(f"{live_server}{language}/consultations")
    family.locator("main h2 a").first.click()
    assert family.url.endswith(f"{language}/consultations/short-breaks-2027")
    easy_read = family.locator("#documents ~ ul a[download]").nth(1)
    download = family.request.get(f"{live_server}{easy_read.get_attribute('href')}")
    assert download.status == 200 and download.body().startswith(b"%PDF-")
    assert download.headers["content-disposition"].startswith("attachment;")
    survey = family.locator(f"main a[href^='{language}/surveys/']").first
    assert family.request.get(f"{live_server}{survey.get_attribute('href')}").status == 200
    marker = secrets.token_hex(3)
    family.fill("#text", f"Clubs near home, please ({marker}).")
    family.check("#publish_consent")
    family.fill("#hear_back_email", f"family-{marker}@example.org")  # axe checks this page with JS (above)
    family.click("#submit")
    assert family.url.endswith("/consultations/short-breaks-2027#comment")
    assert_no_horizontal_scroll(family)
    with live_flask_app.app_context():
        follower = db.session.scalar(select(Follower).where(Follower.email == f"family-{marker}@example.org"))
        assert follower.hear_back and follower.language == language.strip("/")
        comment = db.session.scalar(select(Comment).where(Comment.text.contains(marker)))
        assert comment.contact_email is None  # the address is kept apart from the comment
