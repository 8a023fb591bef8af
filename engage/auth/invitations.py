"""The email that carries an enrolment link: an invitation to a new account, or a reset an administrator began.

Sent at once through SMTP (engage.mail). When the area has no email, or the server refuses, the administrator
still has the link on the screen to pass on by hand; either way the attempt is in the audit log."""

from __future__ import annotations

import logging
import smtplib

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from engage.audit import record_audit
from engage.auth.models import User
from engage.i18n import CODES, DEFAULT_LANGUAGE
from engage.mail import send_email
from engage.urls import external_url

log = logging.getLogger(__name__)

#: What the link is for: a first enrolment, or a reset of the password and/or the authenticator.
KINDS = ("invitation", "reset")


def enrolment_link(token: str) -> str:
    return external_url("auth.enrol", token=token)


def render_invitation(user: User, token: str, kind: str) -> tuple[str, str, str]:
    """(subject, text, html) in the person's language."""
    language = user.language if user.language in CODES else DEFAULT_LANGUAGE
    with current_app.test_request_context("/"), force_locale(language):
        partnership = current_app.config["PARTNERSHIP_NAME"]
        if kind == "reset":
            subject = _("Set up your sign-in again for %(partnership)s", partnership=partnership)
        else:
            subject = _("Your staff account for %(partnership)s", partnership=partnership)
        context = {
            "subject": subject,
            "kind": kind,
            "user": user,
            "partnership": partnership,
            "link": enrolment_link(token),
            "expires_at": user.enrolment_expires_at,
            "language": language,
        }
        text = render_template("auth/email/invitation.txt", **context)
        html = render_template("auth/email/invitation.html", **context)
    return subject, text, html


def send_invitation(user: User, token: str, kind: str = "invitation") -> bool:
    """Email the link now; False (and logged, audited) when the mail server is down or refuses the address."""
    subject, text, html = render_invitation(user, token, kind)
    try:
        send_email(user.email, subject, text, html)
    except (smtplib.SMTPException, OSError) as failure:
        log.warning("Enrolment email for user %s not sent: %s", user.id, type(failure).__name__)
        record_audit("auth.invitation.email", "user", user.id, kind=kind, sent=False, error=type(failure).__name__)
        return False
    record_audit("auth.invitation.email", "user", user.id, kind=kind, sent=True)
    return True
