"""Bookings' personal data: found, exported and erased with subject access; deleted by the purge cron a set
number of days after the event, keeping the counts."""

from __future__ import annotations

import json
from datetime import timedelta

from engage.clock import utcnow
from engage.consultations import events
from engage.consultations.event_models import Booking, BookingStatus, Event
from engage.extensions import db
from engage.feedback import privacy
from tests.integration.event_helpers import HOUR, make_event


def _book(event, email: str, party: int = 2, mobile: str = "07700900982") -> Booking:
    details = events.Details(
        name="Amira K", email=email, mobile=mobile, party_size=party, access_needs=["interpreter"],
        interpreter_language="Urdu", equality={"ethnicity": "pakistani"},
    )  # fmt: skip
    return events.book(event, details).booking


def test_given_bookings_when_a_moderator_searches_and_downloads_then_they_are_found_and_exported(client, auth):
    event = make_event(title="Coffee morning")
    _book(event, "amira@example.org")
    auth.login("moderator")

    page = client.post("/staff/feedback/subject-access", data={"find-email": "Amira@example.org"}).text
    download = client.post("/staff/feedback/subject-access/export",
                           data={"export-email": "amira@example.org", "export-format": "json"})  # fmt: skip

    assert "1 event booking held" in page and "Coffee morning" in page
    held = json.loads(download.data)
    assert held["event_bookings"][0]["interpreter_language"] == "Urdu"
    assert held["event_bookings"][0]["mobile"] == "07700900982"


def test_given_a_booking_for_an_event_to_come_when_erased_then_its_places_go_to_the_next_and_nothing_personal_stays(
    app, outbox
):
    event = make_event(capacity=2)
    mine = _book(event, "amira@example.org")
    _book(event, "next@example.org", mobile="07700900983")

    privacy.erase_subject("amira@example.org", "anonymise")

    db.session.expire_all()
    erased = db.session.get(Booking, mine.id)
    assert (erased.name, erased.email, erased.mobile, erased.access_needs, erased.equality) == (
        None,
        None,
        None,
        [],
        {},
    )
    assert erased.status == BookingStatus.cancelled and erased.purged_at is not None
    statuses = [b.status for b in db.session.get(Event, event.id).bookings]
    assert statuses == [BookingStatus.cancelled, BookingStatus.offered]


def test_given_an_event_long_past_when_the_purge_cron_runs_then_contact_details_go_and_counts_stay(app, runner):
    app.config["EVENT_BOOKING_RETENTION_DAYS"] = 30
    old = make_event(starts_in=-40 * 24 * HOUR, now=utcnow())
    recent = make_event(starts_in=-2 * 24 * HOUR)
    for event in (old, recent):
        booking = Booking(event_id=event.id, status=BookingStatus.attended, name="AB", email="ab@example.org",
                          party_size=3, access_needs=["bsl"], equality={"ward": "north"}, token_salt="s",
                          created_at=event.starts_at - timedelta(days=3))  # fmt: skip
        db.session.add(booking)
    db.session.commit()

    result = runner.invoke(args=["feedback", "purge"])

    assert result.exit_code == 0, result.output
    db.session.expire_all()
    purged, kept = (db.session.get(Event, e.id).bookings[0] for e in (old, recent))
    assert (purged.name, purged.email, purged.access_needs) == (None, None, [])
    assert (purged.party_size, purged.status, purged.equality) == (3, BookingStatus.attended, {"ward": "north"})
    assert kept.email == "ab@example.org"
    assert runner.invoke(args=["feedback", "purge"]).exit_code == 0
