"""Reach, reports and digests in Chromium at 375 px: staff pages accessible (axe-core) in every state, charts
with an accessible name and the same numbers in a table, and the digest unsubscribe page in English and Urdu."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import expect

from engage.auth.models import Role, User
from engage.digests import service as digests
from engage.digests.models import Frequency, Subscription
from engage.extensions import db
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll

REPORT_ROLES = ["moderator", "leader"]


def check(page, status: int = 200) -> None:
    """`status`: 400 for a form sent back with its errors."""
    assert_accessible(page, status=status)
    assert_no_horizontal_scroll(page)


# Reports ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", REPORT_ROLES)
def test_reports_for_the_default_period_pass_axe(signed_in_page, live_server, role):
    page = signed_in_page(role)
    response = page.goto(f"{live_server}/staff/reports/")
    assert response.status == 200
    assert page.locator(".engage-chart__svg").count() >= 2
    check(page)


@pytest.mark.parametrize("role", REPORT_ROLES)
def test_reports_with_filters_applied_through_the_form_pass_axe(signed_in_page, live_server, role):
    page = signed_in_page(role)
    page.goto(f"{live_server}/staff/reports/")
    periods = page.locator("#period option").evaluate_all("options => options.map(o => o.value)")
    page.select_option("#period", periods[-1])
    group = page.locator("#group option[value*=':']").first.get_attribute("value")
    page.select_option("#group", group)
    page.click(".engage-filters__button")
    assert f"period={periods[-1]}" in page.url and "group=" in page.url
    assert page.locator("#group").input_value() == group
    expect(page.locator(".govuk-inset-text").first).to_be_visible()  # the note shown when a group is picked
    check(page)


def test_reports_with_an_activity_and_theme_in_the_address_pass_axe(signed_in_page, live_server):
    page = signed_in_page("leader")
    page.goto(f"{live_server}/staff/reports/")
    activity = page.locator("#activity option[value]:not([value=''])").first.get_attribute("value")
    theme = page.locator("#theme option[value]:not([value=''])").first.get_attribute("value")
    language = page.locator("#language option[value]:not([value=''])").first.get_attribute("value")
    page.goto(f"{live_server}/staff/reports/?period=all&activity={activity}&theme={theme}&language={language}")
    assert page.locator("#activity").input_value() == activity
    check(page)


def test_every_report_chart_is_an_image_with_a_name_and_a_table_with_the_same_numbers(signed_in_page, live_server):
    page = signed_in_page("moderator")
    page.goto(f"{live_server}/staff/reports/?period=all")
    charts = page.evaluate(
        """() => [...document.querySelectorAll('svg.engage-chart__svg')].map(svg => {
            const name = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
                .map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
            const next = svg.closest('figure').nextElementSibling;
            // the table follows the chart, on its own or inside its scrolling region
            const table = next && (next.tagName === 'TABLE' ? next : next.querySelector(':scope > table'));
            return {
                role: svg.getAttribute('role'),
                name: name,
                ariaHidden: svg.getAttribute('aria-hidden'),
                values: [...svg.querySelectorAll('g')].map(g => g.querySelectorAll('text')[1].textContent.trim()),
                following: table ? table.tagName : null,
                table: table ? table.innerText : '',
            };
        })"""
    )
    assert len(charts) >= 3  # activities, themes, and one per reach dimension
    for chart in charts:
        assert chart["role"] == "img"
        assert chart["name"], chart
        assert chart["ariaHidden"] is None
        assert chart["following"] == "TABLE", chart
        assert chart["values"], chart
        for value in chart["values"]:
            if value != "–":
                assert value in chart["table"], (value, chart["name"])
    # The accessibility tree agrees: each chart is one image with its title as its name.
    assert page.get_by_role("img").count() >= len(charts)


# Reach ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", REPORT_ROLES)
def test_reach_passes_axe(signed_in_page, live_server, role):
    page = signed_in_page(role)
    response = page.goto(f"{live_server}/staff/reach/")
    assert response.status == 200
    check(page)
    page.click("details summary")  # "What the file looks like", open
    check(page)


def test_reach_filtered_by_activity_passes_axe(signed_in_page, live_server):
    page = signed_in_page("moderator")
    page.goto(f"{live_server}/staff/reach/")
    activity = page.locator("#activity option[value]:not([value=''])").first.get_attribute("value")
    page.select_option("#activity", activity)
    page.click("form[method=get] button[type=submit]")
    assert "activity=" in page.url
    check(page)


def test_reach_filtered_by_channel_passes_axe(signed_in_page, live_server):
    page = signed_in_page("moderator")
    page.goto(f"{live_server}/staff/reach/")
    channel = page.locator("#channel option[value]:not([value=''])").first.get_attribute("value")
    page.select_option("#channel", channel)
    page.click("form[method=get] button[type=submit]")
    assert "channel=" in page.url
    assert page.locator(f"#channel option[value='{channel}']").evaluate("o => o.selected")
    check(page)


@pytest.mark.parametrize("role", REPORT_ROLES)
def test_a_bad_baseline_shows_its_problems_accessibly(signed_in_page, live_server, tmp_path, role):
    page = signed_in_page(role)
    page.goto(f"{live_server}/staff/reach/")
    bad = tmp_path / "baseline.csv"
    bad.write_text("dimension,group,count\nward,Abbey,-5\nward,Nowhere,10\n", encoding="utf-8")
    page.set_input_files("#file", str(bad))
    page.fill("#source", "School census, January 2026")
    page.fill("#as_of-day", "15")
    page.fill("#as_of-month", "1")
    page.fill("#as_of-year", "2026")
    with page.expect_navigation():
        page.click("#submit")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.locator("#file-problems li").count() >= 1
    check(page, status=400)


def test_an_empty_baseline_form_shows_its_errors_accessibly(signed_in_page, live_server):
    page = signed_in_page("moderator")
    page.goto(f"{live_server}/staff/reach/")
    with page.expect_navigation():
        page.click("#submit")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.locator(".govuk-error-message").count() >= 3  # file, source and date
    check(page, status=400)


# Digests ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", REPORT_ROLES)
def test_digest_settings_pass_axe(signed_in_page, live_server, role):
    page = signed_in_page(role)
    response = page.goto(f"{live_server}/staff/digests")
    assert response.status == 200
    check(page)


@pytest.mark.parametrize("role", REPORT_ROLES)
def test_digest_settings_with_errors_pass_axe(signed_in_page, live_server, role):
    page = signed_in_page(role)
    page.goto(f"{live_server}/staff/digests")
    page.uncheck("#email")
    page.fill("#webhook_url", "ftp://example-borough.invalid/hook")
    with page.expect_navigation():
        page.click("#submit")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, status=400)
    page.fill("#webhook_url", "")
    with page.expect_navigation():
        page.click("#submit")  # active, but neither email nor a webhook
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, status=400)


def test_saved_digest_settings_pass_axe(signed_in_page, live_server):
    page = signed_in_page("leader")
    page.goto(f"{live_server}/staff/digests")
    page.check("#frequency-2")
    with page.expect_navigation():
        page.click("#submit")
    assert page.url.endswith("/staff/digests")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    check(page)


def _unsubscribe_link(app, role: str = "moderator") -> str:
    with app.app_context():
        user = User(email=f"digest-{secrets.token_hex(4)}@example-borough.invalid", role=Role(role), password_hash="x")
        db.session.add(user)
        db.session.flush()
        subscription = Subscription(user_id=user.id, frequency=Frequency.weekly, email=True, active=True)
        db.session.add(subscription)
        db.session.commit()
        return digests.unsubscribe_token(subscription)


@pytest.mark.parametrize("language", ["", "/ur"])
def test_the_unsubscribe_confirmation_passes_axe(page, live_server, live_flask_app, language):
    token = _unsubscribe_link(live_flask_app)
    response = page.goto(f"{live_server}{language}/digests/unsubscribe/{token}")
    assert response.status == 200
    if language == "/ur":
        assert page.get_attribute("html", "dir") == "rtl"
        assert page.get_attribute("html", "lang") == "ur"
    check(page)
    with page.expect_navigation():
        page.click("#submit")
    expect(page.locator("h1")).to_be_visible()
    check(page)
    page.goto(f"{live_server}{language}/digests/unsubscribe/{token}")  # already unsubscribed
    expect(page.locator("form[method=post]")).to_have_count(0)
    check(page)


def test_an_altered_unsubscribe_link_is_not_found(page, live_server, live_flask_app):
    token = _unsubscribe_link(live_flask_app)
    response = page.goto(f"{live_server}/digests/unsubscribe/{token}x")
    assert response.status == 404


@pytest.mark.parametrize("path", ["/staff/reports/", "/staff/reach/", "/staff/digests"])
def test_staff_pages_in_urdu_are_right_to_left_and_pass_axe(signed_in_page, live_server, path):
    page = signed_in_page("leader")
    response = page.goto(f"{live_server}/ur{path}")
    assert response.status == 200
    assert page.get_attribute("html", "dir") == "rtl"
    check(page)


def test_a_leaders_journey_through_reports_at_1280_px(signed_in_page, live_server, tmp_path):
    """Sign in through the real form, choose filters, read each chart beside its table, export: at 1280 px."""
    page = signed_in_page("leader")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.set_default_timeout(180_000)  # the first view of a period nobody protected yet solves it once
    response = page.goto(f"{live_server}/staff/reports/")
    assert response.status == 200
    expect(page.locator("h1")).to_contain_text("Reports")
    assert page.locator("#period").input_value() == "2026-10"  # the last whole month with answers
    activity = page.locator("#activity option[value]:not([value=''])").first
    title = activity.inner_text().strip()
    page.select_option("#activity", activity.get_attribute("value"))
    page.select_option("#group", "ward:castle")
    page.click(".engage-filters__button")
    assert "activity=" in page.url and "group=ward%3Acastle" in page.url
    expect(page.locator("h1")).to_contain_text(title)
    for heading in page.locator("h2.engage-report-heading").all():
        expect(heading).to_contain_text("October 2026")
        expect(heading).to_contain_text("Ward: Castle")
    pairs = page.evaluate(
        """() => [...document.querySelectorAll('.engage-chart-pair')].map(pair => ({
            bars: [...pair.querySelectorAll('svg g')].map(g => g.querySelectorAll('text')[1].textContent.trim()),
            table: pair.querySelector('table').innerText,
        }))"""
    )
    assert len(pairs) >= 7
    for pair in pairs:
        for value in pair["bars"]:
            assert value == "–" or value in pair["table"], (value, pair["table"][:200])
    expect(page.locator("figcaption").first).to_be_visible()
    page.screenshot(path=str(tmp_path / "reports-1280.png"), full_page=True)
    check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a spreadsheet (ODS, one sheet per table)").click()
    name = download.value.suggested_filename
    assert name.startswith("engage-report-october-2026-") and "ward-castle" in name and name.endswith(".ods")
