"""Taking part in a consultation is one activity in reach: attendance at an event that belongs to a consultation is
counted under the consultation (beside its comments), a stand-alone event under its own id, nobody twice; the
participation version moves when attendance does and stays put when nothing changed."""

from __future__ import annotations

from engage.clock import utcnow
from engage.consultations import event_admin, events
from engage.consultations.event_models import Booking
from engage.consultations.reach_sources import participation_version as consultation_version
from engage.extensions import db
from engage.feedback import service as feedback
from engage.feedback.models import Topic
from engage.reach.report import build_reach
from engage.reach.sources import participation_tally, participation_version
from tests.integration import consultation_helpers as h
from tests.integration.event_helpers import make_event


def _book(event, number: int, party: int = 1, **values) -> Booking:
    details = events.Details(name=f"Parent {number}", email=f"p{number}@example.org", mobile=None,
                             party_size=party, **values)  # fmt: skip
    return events.book(event, details).booking


def test_given_an_event_of_a_consultation_then_its_attendance_counts_under_the_consultation_once(app, auth):
    consultation = h.make("short-breaks", title="Short breaks")
    feedback.submit_comment(topic=Topic.consultation, text="More holiday clubs please", publish_consent="private",
                            about="/consultations/short-breaks")  # fmt: skip
    linked = make_event(capacity=20, title="Workshop", consultation_id=consultation.id)
    alone = make_event(capacity=20, title="Coffee morning")
    came = [_book(linked, n, 2, src="school", equality={"ethnicity": "white_british"}) for n in range(3)]
    _book(alone, 7, 1)
    moderator = auth.create("moderator")
    event_admin.record_attendance(linked, {b.id for b in came}, 4, "", actor_id=moderator.id)
    event_admin.record_attendance(alone, set(), 2, "", actor_id=moderator.id)

    tally = participation_tally()
    here = "consultation:short-breaks"
    assert tally.people[here, "school"] == 6 and tally.people[here, "direct"] == 1 + 4, "a comment and 4 walk-ins"
    assert not any(activity == f"event:{linked.id}" for activity, _channel in tally.people), "not counted twice"
    assert tally.people[f"event:{alone.id}", "direct"] == 2
    assert tally.titles[here] == "Short breaks" and tally.titles[f"event:{alone.id}"] == "Coffee morning"
    report = build_reach(tally, None)
    assert report.totals["activity"][here].value == 11
    assert report.totals["activity"][f"event:{alone.id}"].shown is None, "2 people: fewer than 5, not shown"
    assert sum(count for count in tally.people.values()) == 6 + 5 + 2


def test_the_participation_version_moves_with_attendance_and_only_then(client, app, auth):
    app.config["CLOCK_PINNED_AT"] = utcnow()  # every change below happens in the same tick of the clock
    event = make_event(capacity=20)
    first, second = _book(event, 1, 2), _book(event, 2, 2)
    moderator = auth.create("moderator")
    event_admin.record_attendance(event, {first.id}, 0, "", actor_id=moderator.id)
    before = participation_version()

    client.get("/events")
    client.get(f"/events/{event.id}")
    db.session.expire_all()
    assert participation_version() == before, "nothing changed: reports must not re-solve"

    # the same clock tick, the same number of people: the other party came instead
    event_admin.record_attendance(event, {second.id}, 0, "", actor_id=moderator.id)
    swapped = participation_version()
    assert swapped != before
    event_admin.record_attendance(event, {second.id}, 3, "", actor_id=moderator.id)
    assert participation_version() != swapped
    assert consultation_version() == consultation_version()
