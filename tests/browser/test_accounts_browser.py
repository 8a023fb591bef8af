"""An administrator makes an account at 1280 px; the invitation arrives through real SMTP; the new person opens
the link, sees a QR code and the key in text (the same key on every opening), enrols with a real code from
pyotp and signs in (issue 16, deliverable 7). axe on every page on the way, at 1280 px and on a phone."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pyotp

from tests.browser.conftest import PHONE, assert_accessible, assert_no_horizontal_scroll

WIDE = {"width": 1280, "height": 900}
NEW_PASSWORD = "plums orbit quietly northward"
#: Where the screenshot of the enrolment page is kept for a person to look at (the test's own tmp folder).
SCREENSHOT = "enrolment-qr.png"


def _wide_check(page, heading: str) -> None:
    page.set_viewport_size(WIDE)
    assert_accessible(page, heading=heading)
    assert_no_horizontal_scroll(page)


def test_an_administrator_invites_someone_who_scans_the_qr_code_enrols_and_signs_in(
    signed_in_page, browser, live_server, outbox, tmp_path
):
    admin = signed_in_page("admin")
    admin.set_viewport_size(WIDE)
    admin.goto(f"{live_server}/staff/users")
    _wide_check(admin, "Staff accounts")
    email = f"new-leader-{int(time.time() * 1000) % 10**8}@example.org"
    admin.fill("#email", email)
    admin.check("input[name=role][value=leader]")
    assert admin.is_checked("input[name=send_email]")  # emailing the link is the default
    admin.click("button:has-text('Create account')")
    admin.wait_for_load_state("load")
    assert f"We have emailed a one-time link to {email}" in admin.inner_text("main")
    _wide_check(admin, "Staff accounts")

    (message,) = [m for m in outbox if m["To"] == email]
    body = next(p for p in message.walk() if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
    path = re.search(r"/staff/enrol/[A-Za-z0-9_-]+", body).group(0)
    assert "(UK time)" in body

    admin.click(f"a:has-text('{email}')")
    _wide_check(admin, email)
    assert "Not set up yet: the link works until" in admin.inner_text("main")

    person = browser.new_context(viewport=WIDE, bypass_csp=True).new_page()
    try:
        person.goto(f"{live_server}{path}")
        _wide_check(person, "Set up your staff account")
        qr = person.locator("svg.engage-qr")
        assert qr.get_attribute("role") == "img"
        assert "QR code for your authenticator app" in qr.get_attribute("aria-label")
        box = qr.bounding_box()
        assert box["width"] >= 200 and box["width"] == box["height"]
        person.locator(".engage-qr-code").screenshot(path=str(tmp_path / SCREENSHOT))
        person.screenshot(path=str(tmp_path / "enrolment-page.png"), full_page=True)
        Path("/tmp/engage-admin-screens").mkdir(exist_ok=True)
        for name in (SCREENSHOT, "enrolment-page.png"):
            (Path("/tmp/engage-admin-screens") / name).write_bytes((tmp_path / name).read_bytes())
        key = person.get_attribute(".engage-secret", "data-key")
        shown = person.inner_text(".engage-secret")
        assert shown.replace(" ", "") == key and re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", shown)
        person.reload()
        assert person.get_attribute(".engage-secret", "data-key") == key  # the same key on every opening
        person.set_viewport_size(PHONE)
        assert_accessible(person, heading="Set up your staff account")
        assert_no_horizontal_scroll(person)

        person.fill("#password", NEW_PASSWORD)
        person.fill("#confirm", NEW_PASSWORD)
        person.fill("#code", pyotp.TOTP(key).now())
        person.click("button:has-text('Finish setting up')")
        person.wait_for_load_state("load")
        assert person.url.endswith("/staff/login"), person.url
        person.fill("#email", email)
        person.fill("#password", NEW_PASSWORD)
        person.click("button[type=submit], input[type=submit]")
        person.fill("#code", pyotp.TOTP(key).at(time.time() + 30))  # the enrolment's step is spent
        person.click("button[type=submit], input[type=submit]")
        person.wait_for_load_state("load")
        assert person.url.endswith("/staff/"), person.url
    finally:
        person.context.close()


def test_digest_pages_pass_axe_at_1280_px(signed_in_page, live_server):
    admin = signed_in_page("admin")
    for path, heading in (("/staff/digests/deliveries", "Digest deliveries"), ("/staff/digests", "Digests")):
        admin.goto(f"{live_server}{path}")
        _wide_check(admin, heading)
        admin.set_viewport_size(PHONE)
        assert_accessible(admin, heading=heading)
