"""Cancelling an event tells every family booked, offered a place or waiting, by email (real SMTP on loopback), in
the language they booked in, exactly once, even when two staff press cancel at the same moment on two servers."""

from __future__ import annotations

import threading
from email.header import decode_header, make_header

import pyotp
from sqlalchemy import select

from engage.audit import AuditEvent
from engage.consultations import event_cron, events
from engage.consultations.event_models import Booking, BookingStatus, Event
from engage.extensions import db
from tests.conftest import STAFF_PASSWORD
from tests.integration.event_helpers import make_event
from tests.integration.live_servers import Visitor, gunicorn_servers


def _book(event, number: int, *, email: str | None = None, mobile: str | None = None, language: str = "en"):
    details = events.Details(name=f"Parent {number}", email=email, mobile=mobile, party_size=1, language=language)
    return events.book(event, details).booking


def _families(event) -> dict[str, Booking]:
    """A booked family writing in Polish, one offered a freed place, one waiting, one reachable by phone only and
    one who cancelled (not told again)."""
    booked = _book(event, 1, email="polska@example.org", language="pl")
    freed = _book(event, 2, email="freed@example.org")
    offered = _book(event, 4, email="offered@example.org")
    _book(event, 3, mobile="07700 900123")
    waiting = _book(event, 5, email="waiting@example.org")
    gone = _book(event, 6, email="gone@example.org")
    events.cancel(gone)
    events.cancel(freed)  # its place is offered to the first waiting: "offered@"
    db.session.expire_all()
    assert db.session.get(Booking, offered.id).status == BookingStatus.offered
    assert db.session.get(Booking, waiting.id).status == BookingStatus.waiting
    return {"booked": booked, "offered": offered, "waiting": waiting}


def _subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def test_given_families_booked_offered_and_waiting_when_staff_cancel_then_each_is_emailed_once(client, auth, outbox):
    event = make_event(capacity=2, title="Transport drop-in")
    _families(event)
    outbox.clear()
    auth.login("moderator")

    response = client.post(f"/staff/events/{event.id}/cancel", follow_redirects=True)

    assert "Families emailed (booked, offered a place or waiting): 3." in response.text
    assert "Families who gave only a mobile number: 1." in response.text
    assert sorted(m["X-Envelope-To"] for m in outbox) == [
        "offered@example.org", "polska@example.org", "waiting@example.org"]  # fmt: skip
    by_address = {m["X-Envelope-To"]: m for m in outbox}
    assert _subject(by_address["waiting@example.org"]) == "Cancelled: Transport drop-in"
    polish = by_address["polska@example.org"]
    assert _subject(polish) == "Odwołane: Transport drop-in"
    text = next(p for p in polish.walk() if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
    assert "to wydarzenie zostało odwołane" in text and "/events/booking/" not in text
    assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "events.cancel")).all()

    outbox.clear()
    again = client.post(f"/staff/events/{event.id}/cancel", follow_redirects=True)
    assert again.status_code == 200 and outbox == []
    assert event_cron.run().offers == 0 and outbox == [], "no offer or reminder for a cancelled event"


def test_given_two_staff_pressing_cancel_at_once_on_two_servers_then_each_family_is_emailed_once(
    app, auth, tmp_path, outbox
):
    event = make_event(capacity=2, title="Coffee morning")
    _families(event)
    outbox.clear()
    staff = [auth.create("moderator"), auth.create("admin")]
    with gunicorn_servers(app, tmp_path, count=2, threads=2) as servers:
        people = [(Visitor(), servers[n]) for n in range(2)]
        for (visitor, server), user in zip(people, staff, strict=True):
            assert (
                visitor.post_form(server + "/staff/login", {"email": user.email, "password": STAFF_PASSWORD})[0] == 302
            )
            code = pyotp.TOTP(user.totp_secret).now()
            assert visitor.post_form(server + "/staff/login/code", {"code": code})[0] == 302
        tokens = [visitor.form_token(f"{server}/staff/events/{event.id}") for visitor, server in people]
        barrier, statuses = threading.Barrier(2), []

        def press(visitor: Visitor, server: str, token: str) -> None:
            barrier.wait()
            statuses.append(visitor.post(f"{server}/staff/events/{event.id}/cancel", {"csrf_token": token})[0])

        threads = [
            threading.Thread(target=press, args=(*person, token)) for person, token in zip(people, tokens, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    assert statuses == [302, 302], statuses
    assert sorted(m["X-Envelope-To"] for m in outbox) == [
        "offered@example.org", "polska@example.org", "waiting@example.org"]  # fmt: skip
    db.session.expire_all()
    assert db.session.get(Event, event.id).cancelled_at is not None
    assert len(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "events.cancel")).all()) == 1
