"""Retention, subject access and erasure for comments (UK GDPR); every step is audited.

Erasure has two modes:
- "delete": the comments are deleted outright (themes coding with them);
- "anonymise": contact details, replies emailed to the family, the original text and the translation are
  deleted; the moderator-checked redacted text, themes, sentiment and any published response stay, so counts and
  "You said, we did" stay true.

Replies emailed to the family go with the contact details in every case (retention, erasure) and are in the
subject access export.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from engage.audit import record_audit
from engage.clock import utcnow
from engage.extensions import db
from engage.feedback import exports, queries
from engage.feedback.models import Comment

ERASE_MODES = ("delete", "anonymise")


def _strip_contact(comment: Comment) -> None:
    """Contact details go, and with them the replies emailed to that address (they are about the person)."""
    comment.contact_name = comment.contact_email = comment.contact_phone = None
    comment.contact_purged_at = utcnow()
    comment.replies.clear()


def purge_contact_details(*, actor_id: int | None = None) -> int:
    """Delete contact details older than FEEDBACK_CONTACT_RETENTION_DAYS; a second run finds nothing more."""
    days = int(current_app.config["FEEDBACK_CONTACT_RETENTION_DAYS"])
    cutoff = utcnow() - timedelta(days=days)
    has_contact = Comment.contact_name.is_not(None) | Comment.contact_email.is_not(None)
    has_contact |= Comment.contact_phone.is_not(None) | Comment.replies.any()
    due = db.session.scalars(select(Comment).where(Comment.created_at < cutoff, has_contact)).all()
    for comment in due:
        _strip_contact(comment)
    record_audit("feedback.purge", "comment", None, actor_id=actor_id, commit=False, comments=len(due), days=days)
    db.session.commit()
    return len(due)


def find_subject(email: str) -> list[Comment]:
    """Everything held for a contact email (viewing it is audited: it is personal data)."""
    comments = queries.by_contact_email(email)
    record_audit("feedback.subject.find", "comment", None, comments=len(comments))
    return comments


def export_subject(email: str, fmt: str) -> tuple[str, str]:
    """(content, mimetype) of everything held for that email, in one step."""
    rows = [exports.subject_row(c) for c in queries.by_contact_email(email)]
    record_audit("feedback.subject.export", "comment", None, comments=len(rows), format=fmt)
    if fmt == "csv":
        return exports.to_csv(rows, exports.SUBJECT_COLUMNS), "text/csv"
    return exports.to_json(rows), "application/json"


def erase_subject(email: str, mode: str) -> int:
    """Erase what is held for that email (see the module docstring); returns how many comments."""
    if mode not in ERASE_MODES:
        raise ValueError(mode)
    comments = queries.by_contact_email(email)
    for comment in comments:
        if mode == "delete":
            db.session.delete(comment)
        else:
            _anonymise(comment)
    record_audit("feedback.subject.erase", "comment", None, commit=False, comments=len(comments), mode=mode)
    db.session.commit()
    return len(comments)


def _anonymise(comment: Comment) -> None:
    _strip_contact(comment)
    comment.text = ""
    comment.english_translation = None
    comment.personal_details = []
    comment.explanation = []
    comment.content_hash = ""
    comment.erased_at = utcnow()
