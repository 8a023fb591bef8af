"""Retention, subject access and erasure for comments (UK GDPR); every step is audited.

Erasure has two modes:
- "delete": the comments are deleted outright (themes coding with them);
- "anonymise": contact details, replies emailed to the family, the original text and the translation are
  deleted; the moderator-checked redacted text, themes, sentiment and any published response stay, so counts and
  "You said, we did" stay true.

Replies emailed to the family go with the contact details in every case (retention, erasure) and are in the
subject access export.

Other features that keep personal data under an email address (consultation followers and hear-back addresses,
event bookings) register one `SubjectHolder` each, so the one subject access page, export, erasure and retention
run cover them too, each step in one loop and one audit record; feedback imports nothing from them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from engage.audit import record_audit
from engage.clock import utcnow
from engage.extensions import db
from engage.feedback import exports, queries
from engage.feedback.models import Comment

ERASE_MODES = ("delete", "anonymise")


@dataclass(frozen=True)
class SubjectHolder:
    """Another feature's personal data kept under an email address, found, exported, erased and purged in the same
    steps as comments. Registered from the feature's init_app, so this module imports nothing from it.

    `purge` runs in the caller's transaction, which commits it with the step's one audit record. `erase` may commit
    or roll back on its own (an event place given back is committed at once, and undone if another request changed
    it first), so each feature's erasure is committed as soon as it is done and runs before the comments are
    touched: a rollback in one feature then never undoes another's erasure that the audit record counts."""

    #: the key in the export and in the audit record, e.g. "event_bookings"
    name: str
    #: how many records -> the heading above them on the subject access page
    heading: Callable[[int], str]
    #: email (lower-case) -> one dict of plain values per record for the export; its "summary" is the page's line
    find: Callable[[str], list[dict]]
    #: email (lower-case) -> how many records were erased
    erase: Callable[[str], int]
    #: the feature's own retention rule -> how many records it deleted; a second run finds nothing more
    purge: Callable[[], int]


_HOLDERS: dict[str, SubjectHolder] = {}


def register_subject_holder(holder: SubjectHolder) -> None:
    """Add (or replace, by name) another feature's personal data."""
    _HOLDERS[holder.name] = holder


def _holders() -> list[SubjectHolder]:
    return [_HOLDERS[name] for name in sorted(_HOLDERS)]


@dataclass(frozen=True)
class Held:
    """What one other feature holds for the person, as the subject access page shows it."""

    heading: str
    rows: list[dict]


@dataclass(frozen=True)
class Subject:
    comments: list[Comment]
    #: only the features holding something for the address
    elsewhere: list[Held]


def _normal(email: str) -> str:
    return (email or "").strip().lower()


def _strip_contact(comment: Comment) -> None:
    """Contact details go, and with them the replies emailed to that address (they are about the person)."""
    comment.contact_name = comment.contact_email = comment.contact_phone = None
    comment.contact_purged_at = utcnow()
    comment.replies.clear()


def purge_contact_details(*, actor_id: int | None = None) -> int:
    """Delete contact details older than FEEDBACK_CONTACT_RETENTION_DAYS, and what other features keep past their
    own rules; a second run finds nothing more. Returns how many comments."""
    others = {holder.name: holder.purge() for holder in _holders()}
    days = int(current_app.config["FEEDBACK_CONTACT_RETENTION_DAYS"])
    cutoff = utcnow() - timedelta(days=days)
    has_contact = Comment.contact_name.is_not(None) | Comment.contact_email.is_not(None)
    has_contact |= Comment.contact_phone.is_not(None) | Comment.replies.any()
    due = db.session.scalars(select(Comment).where(Comment.created_at < cutoff, has_contact)).all()
    for comment in due:
        _strip_contact(comment)
    record_audit(
        "feedback.purge", "comment", None, actor_id=actor_id, commit=False, comments=len(due), days=days, **others
    )
    db.session.commit()
    return len(due)


def find_subject(email: str) -> Subject:
    """Everything held for a contact email (viewing it is audited: it is personal data)."""
    email = _normal(email)
    comments = queries.by_contact_email(email)
    found = {holder: holder.find(email) for holder in _holders()}
    record_audit("feedback.subject.find", "comment", None, comments=len(comments),
                 **{holder.name: len(rows) for holder, rows in found.items()})  # fmt: skip
    elsewhere = [Held(holder.heading(len(rows)), rows) for holder, rows in found.items() if rows]
    return Subject(comments, elsewhere)


def export_subject(email: str, fmt: str) -> tuple[str, str]:
    """(content, mimetype) of everything held for that email, in one step."""
    email = _normal(email)
    rows = [exports.subject_row(c) for c in queries.by_contact_email(email)]
    others = {holder.name: holder.find(email) for holder in _holders()}
    record_audit("feedback.subject.export", "comment", None, comments=len(rows), format=fmt,
                 **{name: len(held) for name, held in others.items()})  # fmt: skip
    if fmt == "csv":
        tables = [exports.to_csv(rows, exports.SUBJECT_COLUMNS)]
        tables += [exports.to_csv(held, tuple(held[0])) for held in others.values() if held]
        return "\r\n".join(tables), "text/csv"  # one table after another, each with its header
    return json.dumps({"comments": rows, **others}, ensure_ascii=False, indent=2, default=str), "application/json"


def erase_subject(email: str, mode: str) -> int:
    """Erase what is held for that email (see the module docstring); returns how many comments."""
    if mode not in ERASE_MODES:
        raise ValueError(mode)
    email = _normal(email)
    others = {}
    for holder in _holders():
        others[holder.name] = holder.erase(email)
        db.session.commit()
    comments = queries.by_contact_email(email)
    for comment in comments:
        if mode == "delete":
            db.session.delete(comment)
        else:
            _anonymise(comment)
    record_audit("feedback.subject.erase", "comment", None, commit=False, comments=len(comments), mode=mode, **others)
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
