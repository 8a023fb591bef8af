"""The foundation's pages in Chromium at 375 px: accessible (axe-core), right to left in Urdu, usable without
JavaScript, and a staff member can sign in with a password and a one-time code."""

import pyotp
import pytest
from playwright.sync_api import expect

from engage.auth.demo import DEMO_PASSWORD, DEMO_STAFF
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, axe_violations

PUBLIC_PAGES = ["/", "/cookies", "/accessibility", "/privacy", "/staff/login", "/no-such-page", "/xx/"]
#: pages that are meant to be "not found" (their own accessibility is checked too)
NOT_FOUND = {"/no-such-page", "/xx/"}


@pytest.mark.parametrize("language", ["", "/ur"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_pass_axe_at_phone_width(page, live_server, language, path):
    page.goto(f"{live_server}{language}{path}")
    assert_accessible(page, status=404 if path in NOT_FOUND else 200)
    assert_no_horizontal_scroll(page)


def test_urdu_renders_right_to_left(page, live_server):
    page.goto(f"{live_server}/ur/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.get_attribute("html", "lang") == "ur"


def test_language_switcher_keeps_the_page(page, live_server):
    page.goto(f"{live_server}/privacy")
    page.click("a[hreflang=pl]")
    assert page.url == f"{live_server}/pl/privacy"
    assert page.get_attribute("html", "lang") == "pl"


def _sign_in(page, live_server, email, secret, password=DEMO_PASSWORD):
    page.goto(f"{live_server}/staff/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit], input[type=submit]")
    page.fill("#code", pyotp.TOTP(secret).now())
    page.click("button[type=submit], input[type=submit]")


def test_login_errors_are_accessible(page, live_server):
    page.goto(f"{live_server}/staff/login")
    page.click("button[type=submit], input[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_staff_sign_in_with_password_and_code_without_javascript(no_js_page, live_server):
    email, _role, secret = DEMO_STAFF[2]  # the administrator
    _sign_in(no_js_page, live_server, email, secret)
    assert no_js_page.url.endswith("/staff/")
    assert "Staff home" in no_js_page.inner_text("h1")


@pytest.mark.parametrize("path", ["/staff/", "/staff/users", "/staff/audit", "/staff/account/password"])
def test_staff_pages_pass_axe(signed_in_page, live_server, path):
    page = signed_in_page("admin")
    page.goto(f"{live_server}{path}")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_axe_really_reports_violations(page, live_server):
    """A guard on the guard: a page with known faults must fail the same check."""
    page.goto(f"{live_server}/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x.png><a href=#></a>')")
    ids = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "link-name"} <= ids


def test_staff_are_warned_a_minute_before_an_idle_sign_out_and_can_stay(signed_in_page, live_server):
    page = signed_in_page("moderator")
    page.clock.install()
    page.goto(f"{live_server}/staff/")
    timeout = int(page.get_attribute("body", "data-session-timeout"))
    page.clock.run_for((timeout - 59) * 1000)
    dialog = page.locator("#session-timeout")
    expect(dialog).to_be_visible()
    assert_accessible(page)
    page.click("#session-timeout button")
    page.wait_for_function("!document.getElementById('session-timeout').open")
    assert page.url.endswith("/staff/")
