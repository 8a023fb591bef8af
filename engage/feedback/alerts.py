"""Safeguarding alerts: an email at once to SAFEGUARDING_EMAIL with a link to the comment and none of its words.

A failed send is logged and counted; `flask --app wsgi feedback retry-alerts` (cron) tries again. The comment is
always stored before any email is attempted, so nothing a family wrote is lost when the mail server is down.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import or_, select, update

from engage.auth.models import User
from engage.claims import claim, lease_end
from engage.clock import utcnow
from engage.dates import long_datetime
from engage.extensions import db
from engage.feedback.models import Comment
from engage.mail import send_email

log = logging.getLogger(__name__)


def staff_url(endpoint: str, **values) -> str:
    """An absolute link from SITE_URL, without any language prefix of the current request."""
    site = urlsplit(current_app.config["SITE_URL"])
    adapter = current_app.url_map.bind(site.netloc, script_name=site.path or "/", url_scheme=site.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


def recipient_language(address: str) -> str:
    """The language of the staff account with that address, else English."""
    user = db.session.scalar(select(User).where(User.email == address.strip().lower()))
    return user.language if user and user.language else "en"


def render_alert(comment: Comment, language: str = "en") -> tuple[str, str, str]:
    """(subject, text, html) of the alert, in `language`. Names the comment by number only."""
    context = {
        "comment_id": comment.id,
        "link": staff_url("feedback_staff.comment", comment_id=comment.id),
        "area": current_app.config["AREA_NAME"],
        "language": language,
    }
    with force_locale(language):
        context["received"] = long_datetime(comment.created_at)  # London time, in the recipient's words
        subject = _("Safeguarding: comment %(number)s needs checking now", number=comment.id)
        text = render_template("feedback/email/safeguarding_alert.txt", **context)
        html = render_template("feedback/email/safeguarding_alert.html", **context)
    return subject, text, html


def _owed():
    return (
        Comment.safeguarding_flagged.is_(True),
        Comment.safeguarding_alert_sent_at.is_(None),
        Comment.safeguarding_alert_suppressed.is_(False),
    )


def _claim(comment_id: int) -> bool:
    """Take the alert for this run and count the attempt, in one statement: another run (cron on a second machine,
    or the web request that stored the comment) then skips it, and no attempt is lost between two runs."""
    now = utcnow()
    unclaimed = or_(Comment.safeguarding_alert_claimed_until.is_(None), Comment.safeguarding_alert_claimed_until < now)
    return claim(
        update(Comment)
        .where(Comment.id == comment_id, *_owed(), unclaimed)
        .values(
            safeguarding_alert_claimed_until=lease_end(now),
            safeguarding_alert_attempts=Comment.safeguarding_alert_attempts + 1,
        )
    )


def _release(comment_id: int, sent: bool) -> None:
    values = {"safeguarding_alert_claimed_until": None}
    if sent:
        values["safeguarding_alert_sent_at"] = utcnow()
    db.session.execute(update(Comment).where(Comment.id == comment_id).values(**values))
    db.session.commit()


def send_safeguarding_alert(comment: Comment) -> bool | None:
    """Try to send the alert once and record the attempt: True when sent, False (and logged) when it could not
    be, None when another run holds it (it is being sent) or it is no longer owed."""
    comment_id = comment.id
    db.session.commit()  # whatever the caller changed is kept, and the claim below starts a short transaction
    if not _claim(comment_id):
        return None
    address = current_app.config.get("SAFEGUARDING_EMAIL")
    try:
        if not address:
            raise RuntimeError("SAFEGUARDING_EMAIL is not set")
        send_email(address, *render_alert(comment, recipient_language(address)))
    except Exception as error:  # SMTP refusals, network errors, a missing setting: never lose the comment
        log.error("Safeguarding alert for comment %s not sent (%s); retry-alerts will try again",
                  comment_id, type(error).__name__)  # fmt: skip
        _release(comment_id, sent=False)
        return False
    _release(comment_id, sent=True)
    return True


def retry_alerts() -> tuple[int, int]:
    """Send every alert still owed and not being sent by another run; returns (sent, still failing)."""
    sent = failed = 0
    owed = select(Comment.id).where(*_owed()).order_by(Comment.id)
    for comment_id in db.session.scalars(owed).all():
        comment = db.session.get(Comment, comment_id)
        outcome = send_safeguarding_alert(comment) if comment is not None else None
        sent += outcome is True
        failed += outcome is False
    return sent, failed
