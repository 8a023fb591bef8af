"""Parallel bookings for the last places, sent to two real gunicorn servers sharing the test's database (SQLite
or PostgreSQL, whichever the run uses): exactly one is booked, the rest join the waiting list, and the places
counter never passes capacity."""

from __future__ import annotations

import threading

from sqlalchemy import select

from engage.consultations.event_models import Booking, BookingStatus, Event
from engage.extensions import db
from tests.integration.event_helpers import form, make_event
from tests.integration.live_servers import Visitor, gunicorn_servers

PEOPLE = 8


def test_given_two_places_left_when_eight_families_book_two_each_at_once_then_one_is_booked_and_seven_wait(
    app, tmp_path, outbox
):
    event = make_event(capacity=10, taken=8)
    with gunicorn_servers(app, tmp_path, count=2, threads=4) as servers:
        people = [(Visitor(), servers[n % 2]) for n in range(PEOPLE)]
        tokens = [visitor.form_token(f"{server}/events/{event.id}") for visitor, server in people]
        barrier, statuses = threading.Barrier(PEOPLE), []

        def book(number: int, visitor: Visitor, server: str, token: str) -> None:
            barrier.wait()
            data = form(number, party=2) | {"csrf_token": token}
            statuses.append(visitor.post(f"{server}/events/{event.id}/book", data)[0])

        threads = [
            threading.Thread(target=book, args=(n, *person, token))
            for n, (person, token) in enumerate(zip(people, tokens, strict=True))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    assert statuses == [302] * PEOPLE, statuses
    db.session.expire_all()
    bookings = db.session.scalars(select(Booking).where(Booking.event_id == event.id)).all()
    counted = sorted(b.status.value for b in bookings)
    assert counted == [BookingStatus.booked.value] + [BookingStatus.waiting.value] * (PEOPLE - 1)
    assert db.session.get(Event, event.id).places_taken == 10
