"""Staff pages for events: moderators create and edit (audited), see bookings with access needs and record
attendance; leaders see counts only, small ones suppressed; attendance is counted in reach."""

from __future__ import annotations

from sqlalchemy import select

from engage.audit import AuditEvent
from engage.consultations import event_admin, events
from engage.consultations.event_models import Booking, BookingStatus, Event
from engage.extensions import db
from engage.reach.report import build_reach
from engage.reach.sources import participation_tally
from tests.integration.event_helpers import make_event


def _book(event, number: int, party: int = 1, **values) -> Booking:
    details = events.Details(name=f"Parent {number}", email=f"p{number}@example.org", mobile=None,
                             party_size=party, **values)  # fmt: skip
    return events.book(event, details).booking


def test_given_a_moderator_when_they_create_an_event_then_it_is_public_in_london_time_and_audited(client, auth):
    auth.login("moderator")
    data = {"title": "Drop-in: transport", "mode": "both", "starts_at": "2027-06-03 10:00",
            "ends_at": "2027-06-03 12:00", "venue": "Town Hall", "capacity": "12", "venue_access": ["step_free"],
            "support": ["bsl"], "consultation_id": ""}  # fmt: skip

    response = client.post("/staff/events/new", data=data)

    assert response.status_code == 302
    event = db.session.scalars(select(Event)).one()
    assert (event.starts_at.hour, event.capacity) == (9, 12), "10:00 in summer is 09:00 UTC"
    assert "3 June 2027 at 10:00" in client.get(f"/events/{event.id}").text
    assert db.session.scalars(select(AuditEvent.action).where(AuditEvent.action == "events.create")).all()
    edit = client.post(f"/staff/events/{event.id}/edit", data=data | {"capacity": "0"})
    assert edit.status_code == 400
    form = client.get(f"/staff/events/{event.id}/edit").text
    assert 'value="3 June 2027 at 10:00"' in form and "2027-06-03" not in form  # written back in words
    words = data | {"starts_at": "3 June 2027 at 11:00", "ends_at": "3 June 2027 12:30"}
    assert client.post(f"/staff/events/{event.id}/edit", data=words).status_code == 302
    db.session.refresh(event)
    assert (event.starts_at.hour, event.ends_at.hour, event.ends_at.minute) == (10, 11, 30)


def test_given_bookings_then_the_organiser_sees_needs_and_leaders_see_only_suppressed_counts(client, auth):
    event = make_event(capacity=20)
    _book(event, 1, 2, access_needs=["bsl"])
    _book(event, 2, 1, access_needs=["interpreter"], interpreter_language="Urdu")
    _book(event, 3, 1, access_needs=["bsl", "quiet_space"])

    auth.login("moderator")
    page = client.get(f"/staff/events/{event.id}").text
    assert "Parent 1" in page and "BSL interpreter: 2" in page and "A language interpreter: Urdu: 1" in page
    auth.logout()
    auth.login("leader")
    page = client.get(f"/staff/events/{event.id}").text
    assert "Parent 1" not in page and "p1@example.org" not in page
    assert "BSL interpreter: fewer than 5" in page
    assert client.get(f"/staff/events/{event.id}/sign-in-sheet").status_code == 403


def test_given_attendance_recorded_then_reach_counts_the_people_who_came_by_channel(client, auth):
    event = make_event(capacity=20, title="Coffee morning")
    came = [_book(event, n, 2, src="school-newsletter", equality={"ethnicity": "white_british"}) for n in range(3)]
    _book(event, 9, 1)  # booked, did not come
    auth.login("moderator")

    data = {"attended": [str(b.id) for b in came], "walk_ins": "4", "closing_note": "Buses."}
    response = client.post(f"/staff/events/{event.id}/attendance", data=data)

    assert response.status_code == 302
    db.session.expire_all()
    assert [b.status for b in db.session.scalars(select(Booking).order_by(Booking.id))] == [
        BookingStatus.attended] * 3 + [BookingStatus.booked]  # fmt: skip
    tally = participation_tally()
    activity = f"event:{event.id}"
    assert tally.people[activity, "school-newsletter"] == 6 and tally.people[activity, "direct"] == 4
    assert tally.titles[activity] == "Coffee morning"
    report = build_reach(tally, None)
    assert report.totals["activity"][activity].shown == 10
    assert report.totals["channel"]["direct"].shown is None, "4 walk-ins: fewer than 5, not shown"


def test_given_a_waiting_list_when_staff_add_places_then_the_next_family_is_offered_one_by_email(client, auth, outbox):
    event = make_event(capacity=1)
    _book(event, 1)
    waiting = _book(event, 2)
    auth.login("moderator")
    data = {"title": event.title, "mode": "in_person", "starts_at": event_admin.london_text(event.starts_at),
            "ends_at": event_admin.london_text(event.ends_at), "capacity": "2", "consultation_id": ""}  # fmt: skip

    assert client.post(f"/staff/events/{event.id}/edit", data=data).status_code == 302

    db.session.expire_all()
    assert db.session.get(Booking, waiting.id).status == BookingStatus.offered
    assert [m["X-Envelope-To"] for m in outbox] == ["p2@example.org"]


def test_given_a_breakdown_of_walk_ins_then_reach_counts_their_answers_and_too_many_is_refused(client, auth):
    event = make_event(capacity=20, title="Drop-in")
    auth.login("moderator")
    data = {"walk_ins": "6", "closing_note": "", "walk_in-ethnicity-white_british": "4",
            "walk_in-ethnicity-asian_pakistani": "2", "walk_in-language-urdu": "",
            "walk_in-ward-abbey": "0"}  # fmt: skip

    assert client.post(f"/staff/events/{event.id}/attendance", data=data).status_code == 302

    db.session.expire_all()
    assert db.session.get(Event, event.id).walk_in_equality == {"ethnicity": {"white_british": 4, "asian_pakistani": 2}}
    answers = participation_tally().answers["ethnicity"]
    assert answers[f"event:{event.id}", "direct", "white_british"] == 4
    assert answers[f"event:{event.id}", "direct", "asian_pakistani"] == 2
    page = client.get(f"/staff/events/{event.id}").text
    assert 'name="walk_in-ethnicity-white_british" type="text" inputmode="numeric" spellcheck="false" value="4"' in page

    too_many = client.post(f"/staff/events/{event.id}/attendance", data=data | {"walk_ins": "5", "closing_note": "x"})
    assert too_many.status_code == 400
    assert "the numbers add up to 6, more than the 5 people who came without booking" in too_many.text
    assert 'href="#walk-in-ethnicity"' in too_many.text and 'value="4"' in too_many.text
    not_a_number = client.post(f"/staff/events/{event.id}/attendance", data=data | {"walk_in-language-urdu": "two"})
    assert not_a_number.status_code == 400 and "enter a whole number, like 3" in not_a_number.text
    db.session.expire_all()
    saved = db.session.get(Event, event.id)
    assert (saved.walk_ins, saved.closing_note) == (6, ""), "nothing saved from a refused form"


def test_given_no_bookings_then_staff_can_still_record_walk_ins(client, auth):
    event = make_event(capacity=20)
    auth.login("moderator")
    page = client.get(f"/staff/events/{event.id}").text
    assert 'name="walk_ins"' in page and 'name="walk_in-ethnicity-white_british"' in page
