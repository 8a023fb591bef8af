"""The limit page in Chromium at 375 px, without JavaScript: it keeps what the family typed and passes axe."""

import pytest

from engage.extensions import limiter
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll


@pytest.fixture
def strict_feedback_limit(live_flask_app):
    """One comment an hour on the shared live server, for this test only (counters cleared afterwards)."""
    usual = live_flask_app.config["FEEDBACK_RATE_LIMIT"]
    live_flask_app.config["FEEDBACK_RATE_LIMIT"] = "1 per hour"
    yield
    live_flask_app.config["FEEDBACK_RATE_LIMIT"] = usual
    limiter.reset()


def _send(page, live_server, language, text):
    page.goto(f"{live_server}{language}/feedback")
    page.check("#topic-4")
    page.fill("#text", text)
    page.check("#publish_consent")
    page.click("#submit")


def _reach_the_limit(page, live_server, language: str) -> str:
    _send(page, live_server, language, "First comment: the short breaks list is out of date.")
    typed = "Second comment: nobody answered our email about the EHC review for six weeks."
    _send(page, live_server, language, typed)
    assert page.locator("h1.govuk-heading-l").count() == 1
    return typed


def test_without_javascript_the_limit_page_keeps_the_comment(no_js_page, live_server, strict_feedback_limit):
    typed = _reach_the_limit(no_js_page, live_server, "")
    assert "Too many attempts" in no_js_page.inner_text("h1")
    assert typed in no_js_page.inner_text("main")


@pytest.mark.parametrize("language", ["", "/ur"])
def test_the_limit_page_passes_axe_at_phone_width(page, live_server, strict_feedback_limit, language):
    typed = _reach_the_limit(page, live_server, language)
    assert typed in page.inner_text("main")
    assert_accessible(page, status=429)  # the limit page is answered as Too Many Requests
    assert_no_horizontal_scroll(page)
