"""In Chromium: the "form expired" page for a staff form holds no fields and passes axe at a phone's width;
a staff member signs out on every device from the staff home page without JavaScript (issue 15, 4 and 12)."""

import secrets
import time

import pyotp
from playwright.sync_api import expect

from engage.auth import passwords
from engage.auth.models import Role, User
from engage.extensions import db
from tests.browser.conftest import assert_accessible
from tests.conftest import STAFF_PASSWORD

DESKTOP = {"width": 1280, "height": 900}


def test_a_staff_form_sent_without_its_token_gets_an_accessible_page_with_no_fields(page, live_server):
    page.goto(f"{live_server}/staff/login")
    page.fill("#email", "pat@example.org")
    page.fill("#password", "a password that must not come back")
    page.evaluate("document.querySelector('input[name=csrf_token]').remove()")
    with page.expect_navigation() as navigation:
        page.click("button[type=submit], input[type=submit]")
    assert navigation.value.status == 400
    expect(page.locator("h1")).to_have_text("This form had expired")
    assert page.locator("main input, main form").count() == 0
    assert "a password that must not come back" not in page.content()
    expect(page.locator("main a", has_text="Go back to the form")).to_have_attribute("href", "/staff/login")
    assert_accessible(page, status=400)


def _account(app) -> tuple[str, str]:
    with app.app_context():
        user = User(
            email=f"moderator-{secrets.token_hex(4)}@example-borough.invalid",
            role=Role.moderator,
            password_hash=passwords.hash_password(STAFF_PASSWORD),
            totp_secret=pyotp.random_base32(),
        )
        db.session.add(user)
        db.session.commit()
        return user.email, user.totp_secret


def _signed_in(browser, live_server, email, code, javascript=True):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=javascript, bypass_csp=javascript)
    page = context.new_page()
    page.goto(f"{live_server}/staff/login")
    page.fill("#email", email)
    page.fill("#password", STAFF_PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.fill("#code", code)
    page.click("button[type=submit], input[type=submit]")
    assert page.url.endswith("/staff/"), page.url
    return context, page


def test_signing_out_on_all_devices_from_the_staff_home_page_without_javascript(browser, live_server, live_flask_app):
    email, secret = _account(live_flask_app)
    laptop, on_laptop = _signed_in(browser, live_server, email, pyotp.TOTP(secret).now())
    # The same person on a second device, a step later (each code works once).
    phone, on_phone = _signed_in(browser, live_server, email, pyotp.TOTP(secret).at(time.time() + 30), False)
    try:
        expect(on_laptop.locator("h1")).to_have_text("Staff home")
        assert_accessible(on_laptop)
        on_phone.click("button[name=everywhere][value='1']")
        expect(on_phone.locator("h1")).to_have_text("Staff sign in")
        expect(on_phone.locator("body")).to_contain_text("You have signed out on all your devices")
        on_laptop.goto(f"{live_server}/staff/")
        expect(on_laptop.locator("h1")).to_have_text("Staff sign in")
    finally:
        laptop.close()
        phone.close()
