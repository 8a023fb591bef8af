"""A moderator's reply to the family by email, where they left an address: sent through SMTP, audited, and kept
with the comment (retention, erasure and subject access treat it like the contact details: see privacy.py)."""

from __future__ import annotations

import smtplib

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from engage.audit import record_audit
from engage.dates import long_date
from engage.extensions import db
from engage.feedback.models import Comment, CommentReply
from engage.feedback.service import ModerationError
from engage.i18n import CODES
from engage.mail import send_email


class ReplyNotSentError(ModerationError):
    """The mail server refused or could not be reached: nothing was kept, the moderator can try again."""


def email_language(comment: Comment) -> str:
    """The family's language when Engage speaks it (they wrote in it), else English."""
    return comment.language if comment.language in CODES else "en"


def render_reply(comment: Comment, body: str) -> tuple[str, str]:
    """(subject, text). Names the comment by the day it was sent, never quoting it: an address can be mistyped."""
    with force_locale(email_language(comment)):
        subject = _("A reply to your comment")
        text = render_template(
            "feedback/email/reply.txt",
            body=body.strip(),
            received=long_date(comment.created_at),
            area=current_app.config["AREA_NAME"],
        )
    return subject, text


def send_reply(comment: Comment, body: str, actor_id: int | None) -> CommentReply:
    """Email the family and keep the reply; when the email fails nothing is kept."""
    if not comment.contact_email:
        raise ModerationError("no-email")
    if not body.strip():
        raise ModerationError("no-reply")
    reply = CommentReply(comment_id=comment.id, body=body.strip(), sent_by_id=actor_id)
    db.session.add(reply)
    db.session.flush()
    record_audit("feedback.comment.reply", "comment", comment.id, commit=False, reply=reply.id)
    subject, text = render_reply(comment, body)
    try:
        send_email(comment.contact_email, subject, text)
    except (smtplib.SMTPException, OSError) as error:
        db.session.rollback()
        raise ReplyNotSentError("not-sent") from error
    db.session.commit()
    return reply
