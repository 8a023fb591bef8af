"""Demo events for the fictional area: eight, dated from the clock so they stay where they are (two past with
attendance recorded, upcoming ones with bookings and access needs, one full with a waiting list, one online, one
part of the short breaks consultation). Idempotent: an event whose title exists is left alone."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from engage.clock import utcnow
from engage.consultations import event_admin, events
from engage.consultations.event_models import BookingStatus, Event, EventMode
from engage.consultations.models import Consultation
from engage.extensions import db

DAY, HOUR = timedelta(days=1), timedelta(hours=1)
HALL = "Riverside Family Hub, 1 Mill Lane, Example Borough"
#: (title, days from now, mode, capacity, bookings as (party, needs, language), attended, walk-ins, extra)
DEMO = (
    ("Coffee morning: what helps at home", -21, EventMode.in_person, 20, [(2, ["quiet_space"], ""), (1, [], ""),
     (2, ["interpreter"], "Urdu"), (1, ["bsl"], ""), (3, [], ""), (2, [], "")], 5, 6, {}),
    ("Young people's workshop: life after school", -7, EventMode.in_person, 15, [(1, ["easy_read"], ""),
     (1, [], ""), (2, ["quiet_space"], ""), (1, [], ""), (1, ["step_free"], "")], 4, 3, {}),
    ("Short breaks drop-in", 9, EventMode.in_person, 30, [(2, ["interpreter"], "Polish"), (1, ["bsl"], ""),
     (2, [], ""), (1, ["dietary"], "")], 0, 0, {"consultation": "short-breaks-2027"}),
    ("Online evening: the Local Offer", 12, EventMode.online, 50, [(1, [], ""), (1, [], ""), (2, [], "")], 0, 0,
     {"online_details": "Video call link: https://meet.example-borough.invalid/local-offer"}),
    ("Transport coffee morning (full)", 5, EventMode.in_person, 6, [(2, [], ""), (2, ["bsl"], ""), (2, [], ""),
     (2, ["interpreter"], "Romanian"), (1, [], "")], 0, 0, {}),
    ("Dads' and male carers' evening", 16, EventMode.both, 12, [(1, [], ""), (1, [], "")], 0, 0,
     {"online_details": "Video call link: https://meet.example-borough.invalid/dads"}),
    ("Preparing for adulthood: parents' session", 26, EventMode.in_person, 25, [(2, ["easy_read"], "")], 0, 0, {}),
    ("Sensory-friendly family afternoon", 33, EventMode.in_person, 40, [], 0, 0, {}),
)  # fmt: skip


def load_demo_events() -> None:
    now = utcnow()
    for title, days, mode, capacity, bookings, attended, walk_ins, extra in DEMO:
        if db.session.scalar(select(Event.id).where(Event.title == title)):
            continue
        starts = (now + days * DAY).replace(hour=10, minute=0, second=0, microsecond=0)
        slug = extra.get("consultation")
        consultation_id = db.session.scalar(select(Consultation.id).where(Consultation.slug == slug)) if slug else None
        event = Event(
            title=title, description="Come and tell us what works for your family and what does not. Tea and"
            " biscuits; children welcome.", mode=mode, starts_at=starts, ends_at=starts + 2 * HOUR,
            venue="" if mode == EventMode.online else HALL, online_details=extra.get("online_details", ""),
            venue_access=["step_free", "hearing_loop", "quiet_room", "accessible_toilet"], parking="Free car park",
            nearest_bus="Mill Lane (routes 12 and 40)", support=["interpreters", "bsl", "childcare", "easy_read"],
            capacity=capacity, places_taken=0, consultation_id=consultation_id, published_at=now - 30 * DAY,
        )  # fmt: skip
        db.session.add(event)
        db.session.commit()
        booked_at = min(now, starts - 10 * DAY)
        made = []
        for number, (party, needs, language) in enumerate(bookings):
            details = events.Details(
                name=f"Demo family {number + 1}", email=f"demo.family{number + 1}@example-borough.invalid",
                mobile=None, party_size=party, access_needs=needs, interpreter_language=language,
                src="school-newsletter" if number % 2 else None,
            )  # fmt: skip
            made.append(events.book(event, details, now=booked_at + number * HOUR).booking)
        came = {b.id for b in made[:attended] if b.status == BookingStatus.booked}
        if attended or walk_ins:
            event_admin.record_attendance(event, came, walk_ins, "Families asked for more evening sessions.",
                                          actor_id=None)  # fmt: skip
