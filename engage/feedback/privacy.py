"""Retention, subject access and erasure for comments (UK GDPR); every step is audited.

Erasure has two modes:
- "delete": the comments are deleted outright (themes coding with them);
- "anonymise": contact details, replies emailed to the family, the original text and the translation are
  deleted; the moderator-checked redacted text, themes, sentiment and any published response stay, so counts and
  "You said, we did" stay true.

Replies emailed to the family go with the contact details in every case (retention, erasure) and are in the
subject access export.

Other features that keep an email address (consultation followers, commenters who asked to hear back) register a
`SubjectHolder`, so the one subject access page, export, erasure and retention run cover them too; feedback
imports nothing from them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

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
    """Another feature's records of an email address, for subject access, erasure and retention."""

    #: email (lower-case) -> every record held, as plain values; each has a "summary" for the staff page
    find: Callable[[str], list[dict]]
    #: email -> how many records were deleted (erasure always deletes: an address kept for emails has no other use)
    erase: Callable[[str], int]
    #: cutoff -> how many records given before it were deleted (FEEDBACK_CONTACT_RETENTION_DAYS)
    purge: Callable[[datetime], int]


_holders: dict[str, SubjectHolder] = {}


def register_subject_holder(name: str, holder: SubjectHolder) -> None:
    """Add (or replace, by name) another feature's records of email addresses."""
    _holders[name] = holder


def other_records(email: str) -> dict[str, list[dict]]:
    """Holder name -> the records it keeps for `email` (names with nothing held are left out)."""
    found = {name: _holders[name].find(email) for name in sorted(_holders)}
    return {name: rows for name, rows in found.items() if rows}


@dataclass(frozen=True)
class HeldElsewhere:
    """Personal data another feature holds for a contact email (event bookings, say), found, exported, erased and
    purged in the same steps as comments, so one subject access request covers everything. Registered from the
    feature's init_app, so this module imports nothing from it."""

    #: the key in the JSON export, e.g. "event_bookings"
    name: str
    #: lines a moderator reads for an email
    describe: Callable[[str], list[str]]
    #: everything held, one dict per record, for the export
    export: Callable[[str], list[dict]]
    #: erase what is held for an email; returns how many records
    erase: Callable[[str], int]
    #: the retention purge (run with the comments' purge); returns how many records
    purge: Callable[[], int]


_ELSEWHERE: dict[str, HeldElsewhere] = {}


def register_held_elsewhere(source: HeldElsewhere) -> None:
    _ELSEWHERE[source.name] = source


def held_elsewhere(email: str) -> dict[str, list[str]]:
    """What other features hold for an email, as lines to read (audited with the search)."""
    found = {name: source.describe(email) for name, source in _ELSEWHERE.items()}
    record_audit("privacy.subject.find_elsewhere", None, None, **{name: len(lines) for name, lines in found.items()})
    return found


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
    others = {name: _holders[name].purge(cutoff) for name in sorted(_holders)}
    record_audit(
        "feedback.purge", "comment", None, actor_id=actor_id, commit=False, comments=len(due), days=days, **others
    )
    db.session.commit()
    for name, source in _ELSEWHERE.items():
        record_audit(f"{name}.purge", None, None, actor_id=actor_id, records=source.purge())
    return len(due)


def find_subject(email: str) -> list[Comment]:
    """Everything held for a contact email (viewing it is audited: it is personal data)."""
    comments = queries.by_contact_email(email)
    others = {name: len(rows) for name, rows in other_records(email).items()}
    record_audit("feedback.subject.find", "comment", None, comments=len(comments), **others)
    return comments


def export_subject(email: str, fmt: str) -> tuple[str, str]:
    """(content, mimetype) of everything held for that email, in one step."""
    rows = [exports.subject_row(c) for c in queries.by_contact_email(email)]
    others = other_records(email)
    elsewhere = {name: source.export(email) for name, source in _ELSEWHERE.items()}
    record_audit("feedback.subject.export", "comment", None, comments=len(rows), format=fmt,
                 **{name: len(held) for name, held in (others | elsewhere).items()})  # fmt: skip
    if fmt == "csv":
        tables = [exports.to_csv(rows, exports.SUBJECT_COLUMNS)]
        tables += [exports.to_csv(held, tuple(held[0])) for held in (others | elsewhere).values() if held]
        return "\r\n".join(tables), "text/csv"  # one table after another, each with its header
    return json.dumps({"comments": rows, **others, **elsewhere}, ensure_ascii=False, indent=2, default=str), (
        "application/json"
    )


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
    others = {name: _holders[name].erase(email) for name in sorted(_holders)}
    record_audit("feedback.subject.erase", "comment", None, commit=False, comments=len(comments), mode=mode, **others)
    db.session.commit()
    for name, source in _ELSEWHERE.items():
        record_audit(f"{name}.subject.erase", None, None, records=source.erase(email))
    return len(comments)


def _anonymise(comment: Comment) -> None:
    _strip_contact(comment)
    comment.text = ""
    comment.english_translation = None
    comment.personal_details = []
    comment.explanation = []
    comment.content_hash = ""
    comment.erased_at = utcnow()
