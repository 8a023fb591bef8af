"""A staff member's own digest before it is due: a preview in the browser and a test email to themselves.

A test is not a delivery (a period is still sent once, on schedule); it is audited and limited to a few an hour,
counted from the audit log, so the limit holds whichever worker answers."""

from __future__ import annotations

import smtplib
from datetime import timedelta

from sqlalchemy import func, select

from engage.audit import AuditEvent, record_audit
from engage.auth.models import User
from engage.clock import utcnow
from engage.digests.compose import ROLE_SECTIONS, compose
from engage.digests.models import SECTIONS, Frequency
from engage.digests.render import Rendered, render_digest
from engage.digests.service import PERIOD_KIND, subscription_for, unsubscribe_token
from engage.extensions import db
from engage.mail import send_email
from engage.reach.periods import last_complete

#: At most this many test digests per person per hour.
TESTS_PER_HOUR = 3
TEST_ACTION = "digests.test.send"


class TooManyTestsError(Exception):
    """This person has sent themselves TESTS_PER_HOUR test digests in the last hour."""


def own_digest(user: User) -> dict:
    """The digest this person would get now: their subscription's frequency and sections (or every section
    their role may have, weekly, when they have not subscribed), for the last complete period."""
    subscription = subscription_for(user)
    frequency = subscription.frequency if subscription else Frequency.weekly
    sections = subscription.sections if subscription else [s for s in SECTIONS if s in ROLE_SECTIONS[user.role.value]]
    today = utcnow().date()
    return compose(user.role.value, sections, last_complete(PERIOD_KIND[frequency], today), today)


def tests_in_the_last_hour(user: User) -> int:
    query = select(func.count(AuditEvent.id)).where(
        AuditEvent.action == TEST_ACTION,
        AuditEvent.actor_id == user.id,
        AuditEvent.occurred_at > utcnow() - timedelta(hours=1),
    )
    return db.session.scalar(query) or 0


def send_test(user: User) -> Rendered:
    """Email this person their digest now, in their language; raises TooManyTestsError over the limit, or
    smtplib.SMTPException / OSError when the mail server refuses (nothing is audited as sent then)."""
    if tests_in_the_last_hour(user) >= TESTS_PER_HOUR:
        raise TooManyTestsError(user.id)
    digest = own_digest(user)
    subscription = subscription_for(user)
    rendered = render_digest(digest, user.language, unsubscribe_token(subscription) if subscription else None)
    try:
        send_email(user.email, rendered.subject, rendered.text, rendered.html)
    except (smtplib.SMTPException, OSError) as failure:
        # a failed try counts towards the limit too: the button cannot be used to hammer the mail server
        record_audit(
            TEST_ACTION, "user", user.id, period=digest["period"].key, sent=False, error=type(failure).__name__
        )
        raise
    record_audit(TEST_ACTION, "user", user.id, period=digest["period"].key, sent=True)
    return rendered
