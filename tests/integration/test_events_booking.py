"""Families book a place at an event without an account: confirmation page and email (with the event as an .ics
file), cancel links that free places at once, a waiting list that offers freed places, and the bad inputs."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from icalendar import Calendar
from sqlalchemy import select

from engage.clock import utcnow
from engage.consultations import event_cron, events
from engage.consultations.event_models import Booking, BookingStatus, Event
from engage.extensions import db
from tests.integration.event_helpers import HOUR, form, make_event

LINK = re.compile(r"https?://[^\s\"<]+/events/booking/[0-9]+\.[0-9a-f]+")


def _text(message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


def _ics(message) -> Calendar | None:
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return Calendar.from_ical(parts[0].get_payload(decode=True)) if parts else None


def _link(message) -> str:
    return "/" + LINK.search(_text(message)).group(0).split("/", 3)[3]


def _event(event_id: int) -> Event:
    db.session.expire_all()
    return db.session.get(Event, event_id)


def test_given_an_event_with_places_when_a_family_books_then_they_see_a_confirmation_and_get_an_email_with_ics(
    client, outbox
):
    event = make_event(capacity=10, taken=4)

    assert 'name="src" value="school-newsletter"' in client.get(f"/events/{event.id}?src=School-Newsletter").text
    data = form(party=3, access_needs=["bsl", "quiet_space"], src="school-newsletter")
    response = client.post(f"/events/{event.id}/book", data=data)

    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert "Your place is booked" in page.text and "3 places" in page.text
    assert _event(event.id).places_taken == 7
    assert [m["X-Envelope-To"] for m in outbox] == ["parent1@example.org"]
    calendar = _ics(outbox[0])
    assert calendar is not None and calendar.walk("VEVENT")[0]["SUMMARY"] == "Coffee morning: short breaks"
    booking = db.session.scalars(select(Booking)).one()
    assert booking.access_needs == ["bsl", "quiet_space"] and booking.status == BookingStatus.booked
    assert booking.src == "school-newsletter", "the channel they heard from, for reach"
    assert "3 places left" in client.get(f"/events/{event.id}").text


def test_given_a_booking_when_the_cancel_link_is_used_then_its_places_are_free_at_once_and_reuse_changes_nothing(
    client, outbox
):
    event = make_event(capacity=4)
    client.post(f"/events/{event.id}/book", data=form(party=4))
    link = _link(outbox[0])
    assert "Full: you can join the waiting list" in client.get(f"/events/{event.id}").text

    assert client.post(link + "/cancel").status_code == 302

    assert _event(event.id).places_taken == 0
    assert "4 places left" in client.get(f"/events/{event.id}").text
    again = client.post(link + "/cancel", follow_redirects=True)
    assert "already cancelled" in again.text and _event(event.id).places_taken == 0


def test_given_a_forged_link_then_a_friendly_page_and_nothing_changes(client, outbox):
    event = make_event(capacity=4)
    client.post(f"/events/{event.id}/book", data=form(party=2))
    booking = db.session.scalars(select(Booking)).one()

    forged = f"/events/booking/{booking.id}.{'0' * 40}"
    assert client.get(forged).status_code == 404
    response = client.post(forged + "/cancel")

    assert response.status_code == 404 and "This link does not work" in response.text
    assert _event(event.id).places_taken == 2


def test_given_a_full_event_when_a_place_frees_then_the_next_is_offered_it_and_booked_only_when_they_accept(
    client, outbox
):
    event = make_event(capacity=2)
    client.post(f"/events/{event.id}/book", data=form(1, party=2))
    response = client.post(f"/events/{event.id}/book", data=form(2, party=1))
    assert "waiting list" in client.get(response.headers["Location"]).text
    assert "waiting list" in outbox[1]["Subject"] and _ics(outbox[1]) is None

    client.post(_link(outbox[0]) + "/cancel")

    waiting = db.session.scalars(select(Booking).where(Booking.email == "parent2@example.org")).one()
    assert waiting.status == BookingStatus.offered, "offered, not booked: nobody is booked without saying yes"
    assert _event(event.id).places_taken == 1, "the offered place is held for them"
    offer = outbox[2]
    assert offer["X-Envelope-To"] == "parent2@example.org" and "A place is free" in offer["Subject"]
    assert "Full: you can join the waiting list" not in client.get(f"/events/{event.id}").text

    client.post(_link(offer) + "/accept")

    db.session.expire_all()
    assert db.session.get(Booking, waiting.id).status == BookingStatus.booked
    assert "booked" in outbox[3]["Subject"] and _ics(outbox[3]) is not None


def test_given_an_offer_not_answered_in_time_when_the_cron_runs_then_it_passes_to_the_next(app, client, outbox):
    app.config["EVENT_OFFER_HOURS"] = 2
    event = make_event(capacity=1)
    for number in (1, 2, 3):
        client.post(f"/events/{event.id}/book", data=form(number))
    client.post(_link(outbox[0]) + "/cancel")
    first_offer = outbox[-1]
    assert first_offer["X-Envelope-To"] == "parent2@example.org"

    result = event_cron.run(utcnow() + 3 * HOUR)

    assert result.expired == 1 and result.offers == 1
    assert outbox[-1]["X-Envelope-To"] == "parent3@example.org"
    late = client.post(_link(first_offer) + "/accept", follow_redirects=True)
    assert "This offer has ended" in late.text
    statuses = [b.status for b in db.session.scalars(select(Booking).order_by(Booking.id))]
    assert statuses == [BookingStatus.cancelled, BookingStatus.cancelled, BookingStatus.offered]


def test_given_bookings_when_the_reminder_cron_runs_twice_then_each_booking_gets_one_reminder_at_the_set_time(
    app, client, outbox
):
    app.config["EVENT_REMINDER_HOURS"] = 6
    event = make_event(capacity=10, starts_in=30 * HOUR)
    client.post(f"/events/{event.id}/book", data=form(1))
    client.post(f"/events/{event.id}/book", data=form(2, email="", mobile="07700 900982"))
    outbox.clear()

    assert event_cron.run(utcnow() + 20 * HOUR).reminders == 0, "not yet: 10 hours before"
    assert event_cron.run(utcnow() + 25 * HOUR).reminders == 1
    assert event_cron.run(utcnow() + 26 * HOUR).reminders == 0

    assert [m["Subject"] for m in outbox] == ["Reminder: Coffee morning: short breaks"]
    assert _ics(outbox[0]) is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (form(email="not-an-email"), "Enter an email address in the correct format"),
        (form(email="", mobile="12345"), "Enter a UK mobile number"),
        (form(email=""), "Enter an email address or a mobile number"),
        (form(party="0"), "Enter a number from 1 to 10"),
        (form(access_needs=["interpreter"]), "Enter the language you need an interpreter for"),
    ],
)
def test_given_bad_input_then_a_message_keeps_the_rest_of_the_form(client, outbox, data, message):
    event = make_event()

    response = client.post(f"/events/{event.id}/book", data=data)

    assert response.status_code == 400 and message in response.text
    assert 'value="A. Parent 1"' in response.text
    assert db.session.scalars(select(Booking)).all() == [] and outbox == []


def test_given_a_second_booking_with_the_same_contact_then_the_existing_one_stands_and_no_duplicate(client, outbox):
    event = make_event()
    client.post(f"/events/{event.id}/book", data=form(party=2))

    response = client.post(f"/events/{event.id}/book", data=form(party=2, email="PARENT1@example.org"))

    assert response.status_code == 409 and "You have already booked" in response.text
    assert len(db.session.scalars(select(Booking)).all()) == 1 and _event(event.id).places_taken == 2


def test_given_a_past_or_cancelled_event_or_a_party_too_large_then_a_clear_message(client, outbox):
    past = make_event(starts_in=-3 * HOUR)
    cancelled = make_event(cancelled_at=utcnow())
    small = make_event(capacity=3)

    assert "not taking bookings" in client.post(f"/events/{past.id}/book", data=form()).text
    assert "not taking bookings" in client.post(f"/events/{cancelled.id}/book", data=form()).text
    assert "fewer than your party" in client.post(f"/events/{small.id}/book", data=form(party=5)).text
    assert db.session.scalars(select(Booking)).all() == []


def test_given_an_event_across_the_clock_change_then_the_ics_imports_the_london_time(app, client):
    app.config["CLOCK_PINNED_AT"] = datetime(2027, 3, 1, 12, 0)
    event = make_event(starts_in=datetime(2027, 3, 28, 9, 0) - datetime(2027, 3, 1, 12, 0))  # 10:00 BST

    calendar = Calendar.from_ical(client.get(f"/events/{event.id}/event.ics").data)

    start = calendar.walk("VEVENT")[0].decoded("DTSTART")
    assert (start.hour, str(start.tzinfo)) == (10, "Europe/London")
    assert start.utcoffset().total_seconds() == 3600
    assert calendar.walk("VTIMEZONE"), "the time zone travels with the file"
    assert "28 March 2027 at 10:00" in client.get(f"/events/{event.id}").text


def test_given_a_consultation_with_an_event_then_its_page_lists_the_event(client):
    from tests.integration.consultation_helpers import make

    consultation = make()
    make_event(title="Drop-in about short breaks", consultation_id=consultation.id)

    page = client.get(f"/consultations/{consultation.slug}").text

    assert "Drop-in about short breaks" in page and "10 places left" in page


def test_booking_token_names_one_booking_only(app):
    event = make_event()
    result = events.book(event, events.Details(name="AB", email="a@example.org", mobile=None, party_size=1))
    token = events.booking_token(result.booking)
    assert events.booking_from_token(token).id == result.booking.id
    assert events.booking_from_token("x" + token) is None and events.booking_from_token("1") is None
