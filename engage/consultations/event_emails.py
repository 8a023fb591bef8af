"""Booking emails: a .txt and .html pair in the language the family booked in, with the booking's link (to see,
cancel or accept) and, once a place is theirs, the event as an .ics attachment."""

from __future__ import annotations

import logging
import smtplib
from urllib.parse import urlsplit

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from engage import mail
from engage.consultations.calendar import event_ics
from engage.consultations.event_models import Booking
from engage.consultations.events import booking_token
from engage.digests.render import site_base
from engage.i18n import BY_CODE, CODES, DEFAULT_LANGUAGE

log = logging.getLogger(__name__)
#: which email, by why it is sent
KINDS = ("booked", "waiting", "offered", "reminder", "cancelled")


def _subject(kind: str, title: str) -> str:
    return {
        "booked": _("Your place is booked: %(title)s", title=title),
        "waiting": _("You are on the waiting list: %(title)s", title=title),
        "offered": _("A place is free for you: %(title)s", title=title),
        "reminder": _("Reminder: %(title)s", title=title),
        "cancelled": _("Cancelled: %(title)s", title=title),
    }[kind]


def render(booking: Booking, kind: str) -> tuple[str, str, str, list[mail.Attachment]]:
    """(subject, text, html, attachments) of one booking email."""
    language = booking.language if booking.language in CODES else DEFAULT_LANGUAGE
    event = booking.event
    base = site_base(language)
    with current_app.test_request_context("/", base_url=base), force_locale(language):
        event_url = url_for("events.show", event_id=event.id, _external=True)
        context = {
            "booking": booking,
            "event": event,
            "kind": kind,
            "event_url": event_url,
            "booking_url": url_for("events.booking", token=booking_token(booking), _external=True),
            "partnership": current_app.config["PARTNERSHIP_NAME"],
            "language": language,
            "direction": BY_CODE[language].direction,
            "subject": _subject(kind, event.title),
        }
        text = render_template("consultations/events/email/booking.txt", **context)
        html = render_template("consultations/events/email/booking.html", **context)
    attachments = []
    if kind in ("booked", "reminder"):
        domain = urlsplit(base).hostname or "engage.invalid"
        attachments.append(mail.Attachment(event_ics(event, event_url, domain), "text/calendar", "event.ics"))
    return context["subject"], text, html, attachments


def send(booking: Booking, kind: str) -> bool:
    """Send one booking email now; False when there is no email address or the server refused it."""
    if not booking.email:
        return False
    subject, text, html, attachments = render(booking, kind)
    try:
        mail.send_email(booking.email, subject, text, html, attachments=attachments)
    except (smtplib.SMTPException, OSError):
        log.warning("Event booking email (%s) for booking %s not sent", kind, booking.id)
        return False
    return True
