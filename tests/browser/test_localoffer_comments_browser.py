"""A Local Offer comment in Chromium at 375 px: sent without JavaScript, moderated in the one feedback queue, and
published on "You said, we did"; every page passes axe-core."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import expect

from engage.localoffer.demo import demo_documents
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll


def test_a_local_offer_comment_goes_through_the_feedback_queue_to_you_said_we_did(
    no_js_page, signed_in_page, live_server
):
    marker = secrets.token_hex(3)
    service_id = demo_documents(1)[0]["id"]
    family = no_js_page
    family.goto(f"{live_server}/local-offer/services/{service_id}")
    family.click("text=Is this page useful? What is missing? Tell us")
    family.check("#useful-2")
    family.fill("#text", f"The page does not say whether there is a waiting list ({marker}).")
    family.check("#publish_consent")
    family.click("#submit")
    assert family.url.endswith(f"/local-offer/services/{service_id}")

    moderator = signed_in_page("moderator")
    moderator.goto(f"{live_server}/staff/feedback/?topic=local_offer&regulation=uncoded")
    assert_accessible(moderator)
    assert_no_horizontal_scroll(moderator)
    row = moderator.locator("tr", has_text=marker)
    row.locator("a").first.click()
    assert "Regulation 56(1) code" in moderator.inner_text("main")
    assert_accessible(moderator)
    assert_no_horizontal_scroll(moderator)
    # One form: the code is saved with the publication; the preview shows the heading it will appear under.
    moderator.check("#regulation-code")  # (a) content, quality and gaps
    moderator.fill("#publish-value", f"We have added the waiting time to the page ({marker}).")
    moderator.fill("#publish-action", "Ask every service to state its waiting time at the next review.")
    moderator.click("#publish-submit")
    preview = moderator.locator("#preview")
    expect(preview).to_contain_text("(a) Content, quality and gaps in provision")
    expect(preview).to_contain_text("Ask every service to state its waiting time")
    assert_accessible(moderator)
    preview.get_by_role("button", name="Publish").click()
    assert "Comment published" in moderator.inner_text("main")

    family.goto(f"{live_server}/you-said-we-did")
    text = family.inner_text("main")
    assert f"We have added the waiting time to the page ({marker})." in text
    assert "Ask every service to state its waiting time" in text


@pytest.mark.parametrize("language", ["", "/ur"])
def test_you_said_we_did_passes_axe_at_phone_width(page, live_server, language):
    page.goto(f"{live_server}{language}/you-said-we-did")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_the_local_offer_comment_form_with_errors_passes_axe(page, live_server):
    page.goto(f"{live_server}/ur/local-offer/comment")
    page.click("#submit")
    expect(page.locator(".govuk-error-summary")).to_be_visible()  # waits for the answer to the click
    assert_accessible(page)
