"""Local Offer pages in Chromium at 375 px: accessible (axe-core) in English and Urdu, usable without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from engage.localoffer.demo import demo_documents
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll

PUBLIC_PAGES = [
    "/local-offer",
    "/local-offer?q=dyslexsia",
    "/local-offer?q=zzzz",
    "/local-offer?age=99&near=Atlantis",
    "/local-offer?category=leisure&age=7&near=EX3&radius=5",
    "/local-offer/pages/ehc-needs-assessment",
    "/local-offer/comment",
    "/you-said-we-did",
]
STAFF_PAGES = [
    "/staff/local-offer/",
    "/staff/local-offer/due",
    "/staff/local-offer/coverage",
    "/staff/local-offer/import",
    "/staff/local-offer/services/new",
    "/staff/local-offer/organisations",
    "/staff/local-offer/pages",
    "/staff/local-offer/pages/travel-assistance/edit",
    "/staff/local-offer/pages/travel-assistance",
]


def _a_service_id() -> str:
    """A service the demo publishes (demo ids are fixed)."""
    return demo_documents(1)[0]["id"]


@pytest.mark.parametrize("language", ["", "/ur"])
@pytest.mark.parametrize("path", PUBLIC_PAGES + ["SERVICE", "SERVICE/print"])
def test_local_offer_pages_pass_axe_at_phone_width(page, live_server, language, path):
    path = path.replace("SERVICE", f"/local-offer/services/{_a_service_id()}")
    page.goto(f"{live_server}{language}{path}")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_a_family_searches_and_opens_a_service_without_javascript(no_js_page, live_server):
    no_js_page.goto(f"{live_server}/local-offer")
    no_js_page.fill("#q", "speach therapy")
    no_js_page.click(".engage-filters summary")  # the filters fold away on a phone until opened
    no_js_page.check("input[name=category][value=health]")
    no_js_page.click("button[type=submit], input[type=submit]")
    assert "services found" in no_js_page.inner_text("h2[aria-live]")
    no_js_page.click(".engage-result a")
    assert no_js_page.url.startswith(f"{live_server}/local-offer/services/")
    assert "Who it is for" in no_js_page.inner_text("main")


def test_the_comment_form_shows_errors_accessibly(page, live_server):
    page.goto(f"{live_server}/local-offer/comment")
    page.click("button[type=submit], input[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("path", STAFF_PAGES + ["SERVICE", "SERVICE/edit", "SERVICE/translations", "SERVICE/history"])
def test_local_offer_staff_pages_pass_axe(signed_in_page, live_server, path):
    page = signed_in_page("moderator")
    path = path.replace("SERVICE", f"/staff/local-offer/services/{_a_service_id()}")
    page.goto(f"{live_server}{path}")
    assert_accessible(page)


def test_a_page_that_needs_your_content_is_marked_and_passes_axe(signed_in_page, live_server, live_flask_app):
    from engage.extensions import db
    from engage.localoffer import models as m
    from engage.localoffer import pagecache

    def mark(needs: bool) -> None:
        with live_flask_app.app_context():
            db.session.query(m.EvergreenPage).filter_by(slug="travel-assistance").update({"needs_content": needs})
            db.session.commit()
            pagecache.clear()

    mark(True)
    try:
        page = signed_in_page("moderator")
        for path in (
            "/staff/local-offer/due",
            "/staff/local-offer/pages",
            "/staff/local-offer/pages/travel-assistance",
        ):
            page.goto(f"{live_server}{path}")
            assert "Needs your content" in page.inner_text("main")
            assert_accessible(page)
            page.screenshot(path=f"/tmp/area-needs-content-{path.rsplit('/', 1)[-1]}.png", full_page=True)
            page.set_viewport_size({"width": 1280, "height": 900})
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0
            page.set_viewport_size({"width": 375, "height": 800})
        page.goto(f"{live_server}/local-offer/pages/travel-assistance")
        assert "Page not found" in page.inner_text("main") or "not found" in page.inner_text("main").lower()
    finally:
        mark(False)


def test_a_services_ward_and_coordinate_errors_are_accessible_in_english_and_urdu(
    signed_in_page, live_server, live_flask_app
):
    from engage.extensions import db
    from engage.localoffer import models as m
    from engage.localoffer import pagecache

    service_id = _a_service_id()

    def set_ward(code: str | None, name: str | None) -> None:
        with live_flask_app.app_context():
            location = db.session.get(m.Service, service_id).service_at_locations[0].location
            location.ward_code, location.ward_name = code, name
            db.session.commit()
            pagecache.clear()

    set_ward("E05001234", "Riverside North")
    try:
        page = signed_in_page("moderator")
        for language in ("", "/ur"):
            page.goto(f"{live_server}{language}/local-offer/services/{service_id}")
            assert "Riverside North" in page.inner_text("main")
            assert_accessible(page)
            assert_no_horizontal_scroll(page)
        page.goto(f"{live_server}/staff/local-offer/services/{service_id}")
        assert "Riverside North ward (E05001234)" in page.inner_text("main")
        assert_accessible(page)
        page.goto(f"{live_server}/staff/local-offer/services/{service_id}/edit")
        page.fill("#latitude", "-1.5")
        page.fill("#longitude", "")
        page.locator("main form").get_by_role("button", name="Save").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert "Enter a latitude between 49 and 61" in page.inner_text("main")
        assert_accessible(page)
    finally:
        set_ward(None, None)


def test_the_postcode_upload_page_and_its_refusal_pass_axe(signed_in_page, live_server, tmp_path):
    page = signed_in_page("admin")
    page.goto(f"{live_server}/staff/local-offer/postcodes")
    assert_accessible(page)
    wrong = tmp_path / "postcodes.csv"
    wrong.write_text("postcode,latitude,longitude\nEX1 1AA,52.4,-1.5\n", encoding="utf-8")
    page.set_input_files("#file", str(wrong))
    page.fill("#neighbours", "E7")
    page.locator("main form").get_by_role("button", name="Import postcodes").click()
    assert "not a local authority" in page.inner_text("main")
    assert_accessible(page)
    page.set_input_files("#file", str(wrong))
    page.fill("#neighbours", "")
    page.locator("main form").get_by_role("button", name="Import postcodes").click()
    assert "Nothing was imported" in page.inner_text("main")
    assert_accessible(page, status=400)
