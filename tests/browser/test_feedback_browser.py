"""Feedback pages in Chromium at 375 px: accessible (axe-core) in every state, right to left in Urdu, and the
whole journey works without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll

PUBLIC = ["/feedback", "/feedback/thank-you", "/feedback/responses"]


@pytest.mark.parametrize("language", ["", "/ur", "/pl"])
@pytest.mark.parametrize("path", PUBLIC)
def test_public_feedback_pages_pass_axe_at_phone_width(page, live_server, language, path):
    page.goto(f"{live_server}{language}{path}")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("language", ["", "/ur"])
def test_the_form_with_errors_passes_axe(page, live_server, language):
    page.goto(f"{live_server}{language}/feedback")
    page.click("#submit")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_the_honeypot_is_not_visible(page, live_server):
    page.goto(f"{live_server}/feedback")
    wrapper = page.locator(".engage-honeypot")
    box = wrapper.bounding_box()
    assert box is None or (box["width"] <= 1 and box["height"] <= 1)
    assert page.evaluate("getComputedStyle(document.querySelector('.engage-honeypot')).clipPath") == "inset(50%)"


def test_a_family_sends_a_comment_without_javascript(no_js_page, live_server):
    page = no_js_page
    page.goto(f"{live_server}/feedback?from=/privacy")
    page.check("#topic-4")
    page.fill("#text", "The Local Offer needs more about short breaks in Southmoor.")
    page.check("#publish_consent")
    page.click("#submit")
    assert page.url.endswith("/feedback/thank-you")
    assert "Comment sent" in page.inner_text("h1")


@pytest.mark.parametrize(
    "path", ["/staff/feedback/", "/staff/feedback/1", "/staff/feedback/themes", "/staff/feedback/comments",
             "/staff/feedback/subject-access", "/staff/feedback/?flag=safeguarding&status=all"],
)  # fmt: skip
def test_moderation_pages_pass_axe(signed_in_page, live_server, path):
    page = signed_in_page("moderator")
    page.goto(f"{live_server}{path}")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_a_survey_answer_with_a_concern_passes_axe_and_offers_filing(signed_in_page, live_server, live_flask_app):
    from engage.extensions import db
    from engage.feedback import service
    from engage.feedback.models import Comment, PublishConsent, Topic

    with live_flask_app.app_context():
        text = "my daughter keeps her sleeves down all the time now even in the summer heat"
        answer = Comment(topic=Topic.survey, about="/surveys/parent-carer-send-survey-2026", text=text,
                         publish_consent=PublishConsent.private, content_hash=service.content_hash(text),
                         survey_question="q")  # fmt: skip
        db.session.add(answer)
        db.session.commit()
        service.apply_analysis(answer)
        answer.safeguarding_alert_suppressed = True  # no email from a browser test
        db.session.commit()
        answer_id = answer.id
    page = signed_in_page("moderator")
    page.goto(f"{live_server}/staff/feedback/{answer_id}")
    expect(page.get_by_role("button", name="File with its survey response")).to_be_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
