"""A moderator edits a service's description through the real form; a second moderator reads the change in words
and publishes it; the live page keeps its opening times and contact. axe at 1280 px on the diff and history."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from engage.localoffer.demo import demo_documents
from tests.browser.conftest import assert_accessible

DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "instance" / "screenshots"


def test_an_edit_read_in_words_and_published_by_a_second_moderator_keeps_the_rest(signed_in_page, live_server):
    doc = demo_documents(5)[4]  # Children's Occupational Therapy: Wednesdays 13:30–17:00, a contact email
    staff = f"{live_server}/staff/local-offer/services/{doc['id']}"

    first = signed_in_page("moderator")
    first.set_viewport_size(DESKTOP)
    first.goto(f"{staff}/edit")
    expect(first.locator("h1")).to_have_text(doc["name"])
    first.fill("#description", doc["description"] + " Families can now also book a home visit.")
    first.get_by_role("button", name="Save").click()
    expect(first.locator("h2", has_text="Proposed change")).to_be_visible()
    first.get_by_role("button", name="Send for review").click()
    expect(first.get_by_text("Waiting for a second person to check and publish it.")).to_be_visible()

    second = signed_in_page("moderator")
    second.set_viewport_size(DESKTOP)
    response = second.goto(staff)
    assert response.status == 200
    expect(second.locator("h2", has_text="Proposed change")).to_be_visible()
    change = second.locator(".engage-changes")
    expect(change.locator("dt")).to_have_text(["What the service offers"])  # one field, in words, nothing else
    expect(change.locator("ins")).to_contain_text("Families can now also book a home visit.")
    assert "schedules" not in change.inner_text() and doc["id"] not in change.inner_text()
    assert_accessible(second)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    second.screenshot(path=str(SCREENSHOTS / "proposed-change.png"), full_page=True)

    second.get_by_role("button", name="Publish").click()
    expect(second.locator(".govuk-notification-banner")).to_contain_text("Done.")
    public = second.goto(f"{live_server}/local-offer/services/{doc['id']}")
    assert public.status == 200
    body = second.locator("main").inner_text()
    assert "Families can now also book a home visit." in body
    assert "13:30–17:00" in body and doc["contacts"][0]["email"] in body

    response = second.goto(f"{staff}/history")
    assert response.status == 200
    expect(second.locator("h1")).to_have_text(f"History of {doc['name']}")
    expect(second.locator("h2", has_text="published").first).to_be_visible()
    assert_accessible(second)
    second.screenshot(path=str(SCREENSHOTS / "history.png"), full_page=True)


def test_the_author_who_tries_to_publish_sees_an_error_not_a_success(signed_in_page, live_server):
    doc = demo_documents(7)[6]
    staff = f"{live_server}/staff/local-offer/services/{doc['id']}"
    author = signed_in_page("moderator")
    author.set_viewport_size(DESKTOP)
    author.goto(f"{staff}/edit")
    author.fill("#fees", "Free for families in the borough.")
    author.get_by_role("button", name="Save").click()
    author.get_by_role("button", name="Send for review").click()
    author.get_by_role("button", name="Publish").click()
    expect(author.locator(".govuk-error-summary")).to_contain_text("someone else must check and publish it")
    assert author.locator(".govuk-notification-banner--success").count() == 0
    assert_accessible(author, status=409)  # the refusal is an error page, answered as a conflict


def test_an_information_page_edit_waits_for_a_second_moderator(signed_in_page, live_server):
    staff = f"{live_server}/staff/local-offer/pages/sendiass-and-pcf"
    author = signed_in_page("moderator")
    author.set_viewport_size(DESKTOP)
    author.goto(f"{staff}/edit")
    author.fill("#owner", "SENDIASS and Parent Carer Forum team")
    author.get_by_role("button", name="Save page").click()
    expect(author.locator(".engage-changes ins").first).to_contain_text("team")
    assert author.get_by_role("button", name="Publish").count() == 1

    reviewer = signed_in_page("moderator")
    reviewer.set_viewport_size(DESKTOP)
    response = reviewer.goto(staff)
    assert response.status == 200
    expect(reviewer.locator("h2", has_text="Proposed change")).to_be_visible()
    assert_accessible(reviewer)
    reviewer.get_by_role("button", name="Publish").click()
    expect(reviewer.locator("h3", has_text="published")).to_be_visible()
    assert_accessible(reviewer)
    assert (
        "SENDIASS and Parent Carer Forum team"
        in reviewer.goto(f"{live_server}/local-offer/pages/sendiass-and-pcf").text()
    )
