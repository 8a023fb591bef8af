"""One subject access request covers every feature holding an address: the one person who follows a consultation,
booked an event and sent a comment is found, exported and erased in one step each, and each step is one audit
record that counts what every feature held."""

import csv
import io
import json

from sqlalchemy import func, select

from engage.audit import AuditEvent
from engage.consultations import events
from engage.consultations.event_models import Booking
from engage.consultations.models import Follower
from engage.extensions import db
from engage.feedback import service as feedback
from engage.feedback.models import Comment
from tests.integration import consultation_helpers as h
from tests.integration.event_helpers import make_event

ADDRESS = "asha.khan@example.com"


def _follower_booker_and_commenter(client) -> None:
    h.make("short-breaks", title="Short breaks")
    client.post("/consultations/short-breaks/follow", data={"email": ADDRESS})
    details = events.Details(name="Asha Khan", email=ADDRESS, mobile="07700900982", party_size=2, access_needs=[],
                             interpreter_language="", equality={})  # fmt: skip
    events.book(make_event(title="Coffee morning"), details)
    feedback.submit_comment(topic="service", text="Our bus is late", publish_consent="private", contact_email=ADDRESS)


def _audits(action: str) -> list[dict]:
    return [event.detail for event in db.session.scalars(select(AuditEvent).where(AuditEvent.action == action))]


def _count(model, where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(where))


def test_one_request_finds_exports_and_erases_the_follow_the_booking_and_the_comment(client, auth, outbox):
    _follower_booker_and_commenter(client)
    auth.login("moderator")
    everything = {"comments": 1, "consultation_followers": 1, "event_bookings": 1}

    page = client.post("/staff/feedback/subject-access", data={"find-email": "Asha.Khan@Example.com"}).text
    assert "Our bus is late" in page
    assert "1 request for emails about a consultation" in page and "Short breaks" in page
    assert "1 event booking held" in page and "Coffee morning" in page
    assert [detail.items() >= everything.items() for detail in _audits("feedback.subject.find")] == [True]

    download = client.post("/staff/feedback/subject-access/export",
                           data={"export-email": ADDRESS, "export-format": "json"})  # fmt: skip
    held = json.loads(download.text)
    assert {key: len(rows) for key, rows in held.items()} == everything
    assert held["event_bookings"][0]["mobile"] == "07700900982"
    assert held["consultation_followers"][0]["consultation"] == "Short breaks"
    as_csv = client.post("/staff/feedback/subject-access/export",
                         data={"export-email": ADDRESS, "export-format": "csv"})  # fmt: skip
    headers = [row[0] for row in csv.reader(io.StringIO(as_csv.text)) if row and row[0] in ("id", "summary")]
    assert len(headers) == 3  # the comments' table, then the follows' and the bookings', each with its header
    assert [detail.items() >= everything.items() for detail in _audits("feedback.subject.export")] == [True, True]

    erase = {"erase-email": ADDRESS, "erase-mode": "delete", "erase-confirm": "y"}
    assert client.post("/staff/feedback/subject-access/erase", data=erase).status_code == 302
    assert _count(Comment, Comment.contact_email == ADDRESS) == 0
    assert _count(Follower, Follower.email == ADDRESS) == 0
    assert _count(Booking, Booking.email == ADDRESS) == 0
    assert [detail.items() >= everything.items() for detail in _audits("feedback.subject.erase")] == [True]
    steps = sorted(action for action in db.session.scalars(select(AuditEvent.action)) if "subject" in action)
    assert steps == ["feedback.subject.erase", "feedback.subject.export", "feedback.subject.export",
                     "feedback.subject.find"]  # fmt: skip
