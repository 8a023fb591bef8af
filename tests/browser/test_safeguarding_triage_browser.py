"""Issue 16, deliverable 3, in Chromium at 1280 px: a moderator signs in through the real form, opens the
safeguarding filter, finds the most severe concern first ("he wants to die"), and records a false alarm as "not a
safeguarding concern" with a reason; axe passes on each page once it is known to be the intended one."""

from __future__ import annotations

import secrets

import pyotp
from playwright.sync_api import expect

from engage.auth import passwords
from engage.auth.models import Role, User
from engage.extensions import db
from tests.browser.conftest import assert_accessible
from tests.conftest import STAFF_PASSWORD

LAPTOP = {"width": 1280, "height": 900}
FALSE_ALARM = "Ear defenders are his secret weapon in assembly, the new quiet room helps too."


def _moderator(app) -> tuple[str, str]:
    with app.app_context():
        user = User(
            email=f"triage-{secrets.token_hex(4)}@example-borough.invalid",
            role=Role.moderator,
            password_hash=passwords.hash_password(STAFF_PASSWORD),
            totp_secret=pyotp.random_base32(),
        )
        db.session.add(user)
        db.session.commit()
        return user.email, user.totp_secret


def _false_alarm(app) -> int:
    from engage.feedback import service

    with app.app_context():
        comment = service.submit_comment(topic="general", text=FALSE_ALARM, publish_consent="anonymous")
        assert comment.safeguarding_flagged
        return comment.id


def test_a_moderator_reads_the_worst_concern_first_and_dismisses_a_false_alarm(
    browser, live_server, live_flask_app, tmp_path
):
    false_alarm = _false_alarm(live_flask_app)
    email, secret = _moderator(live_flask_app)
    context = browser.new_context(viewport=LAPTOP, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/staff/login")
        page.fill("#email", email)
        page.fill("#password", STAFF_PASSWORD)
        page.click("button[type=submit], input[type=submit]")
        page.fill("#code", pyotp.TOTP(secret).now())
        page.click("button[type=submit], input[type=submit]")
        assert page.url.endswith("/staff/"), page.url

        response = page.goto(f"{live_server}/staff/feedback/?flag=safeguarding")
        assert response.status == 200
        expect(page.locator("h1")).to_be_visible()
        first = page.locator("tbody tr").first
        expect(first).to_contain_text("wants to die")
        expect(first).to_contain_text("Risk to life")
        assert_accessible(page)
        page.screenshot(path=str(tmp_path / "safeguarding-queue-1280.png"), full_page=True)

        # the link carries the queue's filters (for "Back to the queue" and "Save and next")
        page.click(f"a[href$='/staff/feedback/{false_alarm}?flag=safeguarding']")
        expect(page.locator("h2", has_text="Safeguarding").first).to_be_visible()
        expect(page.get_by_text("How urgent")).to_be_visible()
        assert_accessible(page)
        page.fill("#dismiss-value", "An idiom about ear defenders; nobody is at risk.")
        page.get_by_role("button", name="Not a safeguarding concern").click()
        expect(page.locator(".govuk-notification-banner, .govuk-panel").first).to_contain_text(
            "Recorded as not a safeguarding concern"
        )
        expect(page.get_by_text("nobody is at risk")).to_be_visible()
        assert_accessible(page)
        page.screenshot(path=str(tmp_path / "safeguarding-dismissed-1280.png"), full_page=True)

        page.goto(f"{live_server}/staff/feedback/?flag=safeguarding")
        expect(page.get_by_role("link", name=f"Comment {false_alarm}", exact=True)).to_have_count(0)
    finally:
        context.close()
