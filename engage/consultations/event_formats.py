"""The names of event modes, venue facts, support and access needs, as families and staff read them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from engage.consultations.event_models import BookingStatus, EventMode

MODE_LABELS = {
    EventMode.in_person: _l("In person"),
    EventMode.online: _l("Online"),
    EventMode.both: _l("In person or online"),
}
#: what the venue has (staff tick these; families read them before booking)
VENUE_ACCESS = {
    "step_free": _l("Step-free access"),
    "hearing_loop": _l("Hearing loop"),
    "quiet_room": _l("Quiet room"),
    "accessible_toilet": _l("Accessible toilet"),
}
#: support the partnership offers at the event
SUPPORT = {
    "interpreters": _l("Language interpreters"),
    "bsl": _l("British Sign Language (BSL) interpreter"),
    "childcare": _l("Childcare or sibling care"),
    "easy_read": _l("Easy read materials"),
}
#: what a family may ask for when booking (the organiser arranges it)
ACCESS_NEEDS = {
    "bsl": _l("BSL interpreter"),
    "interpreter": _l("A language interpreter"),
    "easy_read": _l("Easy read"),
    "quiet_space": _l("Quiet space"),
    "step_free": _l("Step-free access"),
    "dietary": _l("Dietary needs"),
    "other": _l("Something else"),
}
STATUS_LABELS = {
    BookingStatus.booked: _l("Booked"),
    BookingStatus.waiting: _l("Waiting list"),
    BookingStatus.offered: _l("Place offered"),
    BookingStatus.cancelled: _l("Cancelled"),
    BookingStatus.attended: _l("Attended"),
}
#: the standard equality questions a booking may answer (engage/surveys/standard_questions.yaml), by name
EQUALITY_QUESTIONS = ("relationship", "ward", "ethnicity", "language")
