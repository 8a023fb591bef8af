"""The survey journey in Chromium at 375 px: every page state passes axe-core, in English and in Urdu
(right to left), and the whole journey, errors and save-and-resume work without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll

SURVEY = "/surveys/local-offer-feedback"


def check(page, status: int = 200):
    """`status`: 400 for a page sent back with its errors."""
    assert_accessible(page, status=status)
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("language", ["", "/ur"])
def test_every_state_of_the_journey_passes_axe(page, live_server, language):
    page.goto(f"{live_server}{language}/surveys")
    check(page)
    page.goto(f"{live_server}{language}{SURVEY}?src=browser-test")
    check(page)
    page.click(".govuk-button--start")
    check(page)  # first question page
    page.click("button[value=continue]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, status=400)  # errors
    page.check("input[name=who][value=parent_carer]")
    page.check("input[name=found_it][value=partly]")
    page.click("button[value=continue]")
    page.fill("#looking_for", "x" * 501)
    page.click("button[value=continue]")
    check(page, status=400)  # over-long text, character count in error
    page.fill("#looking_for", "Short breaks in the holidays")
    page.click("button[value=continue]")
    check(page)  # check your answers
    page.click("button:has-text('Send'), button:has-text('بھیج')" if language else "button:has-text('Send my answers')")
    expect(page.locator(".govuk-panel")).to_be_visible()
    check(page)  # confirmation


def test_the_journey_and_save_and_resume_work_without_javascript(no_js_page, live_server, browser):
    page = no_js_page
    page.goto(f"{live_server}{SURVEY}")
    page.click(".govuk-button--start")
    page.click("button[value=continue]")
    assert "Select an answer" in page.inner_text(".govuk-error-summary")
    page.check("input[name=who][value=professional]")
    page.check("input[name=found_it][value=yes]")
    page.click("button[value=continue]")
    page.click("button[value=save-later]")
    code = re.sub(r"\s", "", page.inner_text(".engage-resume-code"))
    assert len(code) == 8
    other = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    phone = other.new_page()
    phone.goto(f"{live_server}/surveys/resume")
    phone.fill("#code", code)
    phone.click("button:has-text('Continue')")
    assert phone.url.endswith("/surveys/local-offer-feedback/check")  # the saved page was complete
    assert "Professional" in phone.inner_text("main") or "professional" in phone.inner_text("main").lower()
    phone.click("button:has-text('Send my answers')")
    assert "Answers sent" in phone.inner_text("h1")
    other.close()


def test_the_saved_page_and_resume_errors_pass_axe(page, live_server):
    page.goto(f"{live_server}{SURVEY}")
    page.click(".govuk-button--start")
    page.click("button[value=save-later]")
    check(page)
    page.goto(f"{live_server}/surveys/resume")
    page.fill("#code", "WRONG234")
    page.click("button:has-text('Continue')")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, status=400)


@pytest.mark.parametrize(
    ("path", "role", "status", "heading"),
    [
        ("/staff/surveys", "moderator", 200, "Surveys"),
        ("/staff/surveys", "leader", 200, "Surveys"),
        ("/staff/surveys/parent-carer-send-survey-2026", "moderator", 200, "Parent and carer SEND survey 2026"),
        ("/staff/surveys/parent-carer-send-survey-2026", "leader", 200, "Parent and carer SEND survey 2026"),
        ("/staff/surveys/local-offer-feedback/responses", "moderator", 200, "Responses"),
        ("/staff/surveys/local-offer-feedback/responses", "admin", 200, "Responses"),
        # a leader is refused individual responses and shown where the counts are
        ("/staff/surveys/local-offer-feedback/responses", "leader", 403, "Individual responses are for moderators"),
    ],
)
def test_staff_survey_pages_pass_axe(signed_in_page, live_server, path, role, status, heading):
    page = signed_in_page(role)
    response = page.goto(f"{live_server}{path}")
    assert response.status == status
    expect(page.locator("h1")).to_have_text(heading)
    assert_accessible(page, status=status)
