"""A family on a 375 px phone, without JavaScript, finds an event, books a place for two with an access need, sees
the confirmation and cancels; every event page state passes axe-core in English and in Urdu (right to left)."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from engage.consultations import events
from engage.consultations.event_models import Booking, BookingStatus, Event
from engage.extensions import db
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll


def _event_id(app, title: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Event.id).where(Event.title == title))


def test_a_family_books_a_place_on_a_phone_without_javascript_and_cancels_it(no_js_page, live_server, live_flask_app):
    marker = secrets.token_hex(3)
    family = no_js_page
    family.goto(f"{live_server}/events")
    assert family.inner_text("h1") == "Events"
    family.get_by_role("link", name="Sensory-friendly family afternoon").click()
    assert family.inner_text("h1") == "Sensory-friendly family afternoon"
    assert "40 places left" in family.inner_text("main")
    family.fill("#name", f"R. {marker}")
    family.fill("#email", f"family-{marker}@example.org")
    family.fill("#party_size", "2")
    family.get_by_label("Quiet space").check()
    family.click("#submit")

    assert family.inner_text("h1") == "Your place is booked"
    assert "2 places" in family.inner_text("main")
    booking_page = family.url
    with live_flask_app.app_context():
        booking = db.session.scalar(select(Booking).where(Booking.name == f"R. {marker}"))
        assert booking.status == BookingStatus.booked and booking.access_needs == ["quiet_space"]
        event_id = booking.event_id
    family.goto(f"{live_server}/events/{event_id}")
    assert "38 places left" in family.inner_text("main")

    family.goto(booking_page)
    family.get_by_role("button", name="Cancel").click()
    assert "Your booking is cancelled" in family.inner_text("main")
    family.goto(f"{live_server}/events/{event_id}")
    assert "40 places left" in family.inner_text("main")


def _booking_path(app, title: str, status: BookingStatus) -> str:
    with app.app_context():
        booking = db.session.scalar(
            select(Booking).join(Event).where(Event.title == title, Booking.status == status).order_by(Booking.id)
        )
        return f"/events/booking/{events.booking_token(booking)}"


@pytest.mark.parametrize("language", ["", "/ur"])
def test_every_event_page_state_passes_axe_at_phone_width(page, live_server, live_flask_app, language):
    full = _event_id(live_flask_app, "Transport coffee morning (full)")
    past = _event_id(live_flask_app, "Coffee morning: what helps at home")
    online = _event_id(live_flask_app, "Online evening: the Local Offer")
    states = [
        ("/events", 200),
        (f"/events/{online}", 200),
        (f"/events/{full}", 200),  # full: the waiting list form
        (f"/events/{past}", 200),  # taken place: no form
        (_booking_path(live_flask_app, "Short breaks drop-in", BookingStatus.booked), 200),
        (_booking_path(live_flask_app, "Transport coffee morning (full)", BookingStatus.waiting), 200),
        ("/events/booking/1.forged", 404),
    ]
    for path, status in states:
        page.goto(f"{live_server}{language}{path}")
        if language == "/ur":
            assert page.get_attribute("html", "dir") == "rtl"
        assert_accessible(page, status=status)
        assert_no_horizontal_scroll(page)
    page.goto(f"{live_server}{language}/events/{full}")
    assert "Full" in page.inner_text("main") or language
    page.click("#submit")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page, status=400)
    assert_no_horizontal_scroll(page)


def test_the_staff_event_page_passes_axe_at_desktop_width(signed_in_page, live_server, live_flask_app):
    moderator = signed_in_page("moderator")
    moderator.set_viewport_size({"width": 1280, "height": 900})
    full = _event_id(live_flask_app, "Transport coffee morning (full)")
    for path in ("/staff/events/", f"/staff/events/{full}", "/staff/events/new", f"/staff/events/{full}/sign-in-sheet"):
        moderator.goto(f"{live_server}{path}")
        assert_accessible(moderator)
        assert_no_horizontal_scroll(moderator)


def test_a_walk_in_breakdown_that_is_too_large_is_refused_accessibly(signed_in_page, live_server, live_flask_app):
    moderator = signed_in_page("moderator")
    moderator.set_viewport_size({"width": 1280, "height": 900})
    full = _event_id(live_flask_app, "Transport coffee morning (full)")
    moderator.goto(f"{live_server}/staff/events/{full}")
    moderator.locator("#walk-in-equality summary").click()
    moderator.fill("#walk_ins", "2")
    moderator.fill("#walk_in-ethnicity-white_british", "3")
    moderator.get_by_role("button", name="Save attendance").click()

    expect(moderator.locator(".govuk-error-summary")).to_contain_text("more than the 2 people who came without booking")
    assert_accessible(moderator, status=400)
    assert_no_horizontal_scroll(moderator)
    moderator.set_viewport_size({"width": 375, "height": 800})
    assert_accessible(moderator, status=400)
    moderator.screenshot(path="/tmp/evreach-walk-ins.png", full_page=True)
