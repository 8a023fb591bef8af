"""Guards on the guards: assert_accessible must fail on an error page, however tidy (a 403 or 404 page passes
axe, so a test that only ran axe could not notice it had been refused)."""

import pytest

from tests.browser.conftest import assert_accessible


def test_a_404_page_fails_the_accessibility_check(page, live_server):
    page.goto(f"{live_server}/no-such-page")
    with pytest.raises(AssertionError, match="answered 404"):
        assert_accessible(page)


def test_a_403_page_fails_the_accessibility_check(signed_in_page, live_server):
    page = signed_in_page("leader")
    page.goto(f"{live_server}/staff/users")
    with pytest.raises(AssertionError, match="answered 403"):
        assert_accessible(page)


def test_the_wrong_page_fails_when_a_heading_is_named(page, live_server):
    page.goto(f"{live_server}/privacy")
    with pytest.raises(AssertionError, match="not 'Cookies'"):
        assert_accessible(page, heading="Cookies")


def test_the_intended_page_passes(page, live_server):
    page.goto(f"{live_server}/cookies")
    assert_accessible(page, heading="Cookies")
