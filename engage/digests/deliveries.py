"""What administrators see of digest deliveries: every delivery, newest first, with its failure in words."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from engage.auth.models import User
from engage.digests.models import DeliveryStatus, DigestDelivery
from engage.extensions import db
from engage.reach.periods import parse_period
from engage.reach.web.helpers import period_name

PER_PAGE = 25
#: The statuses an administrator can narrow the list to (the list's filter), in the order offered.
STATUSES = (DeliveryStatus.failed, DeliveryStatus.abandoned, DeliveryStatus.sent)


def page_of_deliveries(page: int = 1, status: DeliveryStatus | None = None):
    """One page of deliveries, newest first, and the email address of each person on it."""
    query = select(DigestDelivery)
    if status is not None:
        query = query.where(DigestDelivery.status == status)
    query = query.order_by(DigestDelivery.created_at.desc(), DigestDelivery.id.desc())
    found = db.paginate(query, page=page, per_page=PER_PAGE, error_out=False, count=True)
    people = {delivery.user_id for delivery in found.items}
    emails = dict(db.session.execute(select(User.id, User.email).where(User.id.in_(people))).all())
    return found, emails


#: (pattern over the stored technical message, what it means for the person reading the list)
_EXPLANATIONS = (
    (r"^SMTPRecipientsRefused", "refused_address"),
    (r"^SMTPAuthenticationError", "mail_login"),
    (
        r"^SMTP(ServerDisconnected|ConnectError)|^(ConnectionRefusedError|TimeoutError|socket\.gaierror|OSError)",
        "mail_down",
    ),
    (r"^SMTP", "mail_refused"),
    (r"private or local", "webhook_private"),
    (r"^(WebhookError: )?HTTP 3\d\d", "webhook_redirect"),
    (r"^(WebhookError: )?HTTP \d+", "webhook_status"),
    (r"unreachable", "webhook_down"),
)


def error_in_words(error: str | None) -> str:
    """A stored failure ("SMTPRecipientsRefused: {...}") as a sentence an administrator can act on."""
    if not error:
        return ""
    kind = next((kind for pattern, kind in _EXPLANATIONS if re.search(pattern, error)), None)
    words = {
        "refused_address": _("The mail server refused this person's address."),
        "mail_login": _("The mail server refused Engage's user name or password (check the MAIL settings)."),
        "mail_down": _("The mail server could not be reached (it may be down, or the MAIL settings are wrong)."),
        "mail_refused": _("The mail server refused the email."),
        "webhook_private": _("The webhook address points inside the network, which is not allowed."),
        "webhook_redirect": _("The webhook address sent Engage somewhere else; redirects are not followed."),
        "webhook_status": _("The webhook address answered with an error."),
        "webhook_down": _("The webhook address could not be reached."),
    }
    return words.get(kind, _("Something went wrong while sending."))


def period_in_words(key: str) -> str:
    """A delivery's period as people say it ("Week of 16 November 2026", "November 2026"), never "2026-W47"."""
    period = parse_period(key)
    return period_name(period) if period else key


def status_in_words(delivery: DigestDelivery) -> str:
    if delivery.status is DeliveryStatus.sent:
        return _("Sent")
    if delivery.status is DeliveryStatus.abandoned:
        return ngettext("Failed %(num)d time: given up", "Failed %(num)d times: given up", delivery.attempts)
    if delivery.attempts == 0:
        return _("Being sent")
    return ngettext(
        "Failed %(num)d time: will be tried again", "Failed %(num)d times: will be tried again", delivery.attempts
    )


def init_app(app) -> None:
    app.add_template_global(period_in_words)
    app.add_template_global(status_in_words)
    app.add_template_global(error_in_words)
