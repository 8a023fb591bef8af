"""Exports: the leaders' view of every comment (CSV or ODS) and a person's own data (JSON or CSV).

The leaders' export has redacted text only and no contact details. CSV cells that a spreadsheet would read as a
formula are prefixed with a quote.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from engage.dates import long_datetime
from engage.feedback.models import Comment
from engage.spreadsheets import csv_text, ods_bytes

LEADER_COLUMNS = (
    "id", "received", "topic", "about", "status", "language", "sentiment", "sentiment_score",
    "themes", "suggested_themes", "flags", "redacted_text", "response", "published",
)  # fmt: skip
SUBJECT_COLUMNS = (
    "id", "received", "topic", "about", "status", "text", "redacted_text", "english_translation", "response",
    "publish_consent", "contact_name", "contact_email", "contact_phone", "replies",
)  # fmt: skip


def _date(value) -> str:
    """London time in words, as every page and export writes it ("22 November 2026 at 09:30")."""
    return long_datetime(value)


def leader_row(comment: Comment) -> dict:
    """A comment as a leader may see it: no original text, no contact details."""
    return {
        "id": comment.id,
        "received": _date(comment.created_at),
        "topic": comment.topic.value,
        "about": comment.about or "",
        "status": comment.status.value,
        "language": comment.language or "",
        "sentiment": comment.sentiment or "",
        "sentiment_score": "" if comment.sentiment_score is None else comment.sentiment_score,
        "themes": "; ".join(t.name for t in comment.themes),
        "suggested_themes": "; ".join(comment.suggested_themes or []),
        "flags": "; ".join(comment.leader_flags),
        "redacted_text": comment.redacted_text or "",
        "response": comment.response or "",
        "published": _date(comment.published_at),
    }


def subject_row(comment: Comment) -> dict:
    """Everything held about one comment, for the person who wrote it."""
    return {
        "id": comment.id,
        "received": _date(comment.created_at),
        "topic": comment.topic.value,
        "about": comment.about or "",
        "status": comment.status.value,
        "text": comment.text,
        "redacted_text": comment.redacted_text or "",
        "english_translation": comment.english_translation or "",
        "response": comment.response or "",
        "publish_consent": comment.publish_consent.value,
        "contact_name": comment.contact_name or "",
        "contact_email": comment.contact_email or "",
        "contact_phone": comment.contact_phone or "",
        #: every reply a moderator emailed them, oldest first ("time: words", one per line in CSV)
        "replies": "\n".join(f"{_date(reply.sent_at)}: {reply.body}" for reply in comment.replies),
    }


def to_csv(rows: Iterable[dict], columns: tuple[str, ...]) -> str:
    return csv_text([list(columns), *([row.get(key, "") for key in columns] for row in rows)])


def to_json(rows: Iterable[dict], **others: list[dict]) -> str:
    """The comments, and what other features hold (engage.feedback.privacy.SubjectHolder), under their names."""
    return json.dumps({"comments": list(rows), **others}, ensure_ascii=False, indent=2)


def to_ods(rows: Iterable[dict], columns: tuple[str, ...], sheet_name: str = "Comments") -> bytes:
    return ods_bytes([(sheet_name, [list(columns), *([row.get(key, "") for key in columns] for row in rows)])])


def leader_export(fmt: str, *, actor_id: int | None = None) -> tuple[bytes, str, str]:
    """(content, mimetype, file extension) of every comment as leaders may see it; the export is audited."""
    from engage.audit import record_audit
    from engage.feedback import queries

    rows = [leader_row(c) for c in queries.leader_comments()]
    record_audit("feedback.export", "comment", None, actor_id=actor_id, comments=len(rows), format=fmt)
    if fmt == "ods":
        return to_ods(rows, LEADER_COLUMNS), "application/vnd.oasis.opendocument.spreadsheet", "ods"
    return to_csv(rows, LEADER_COLUMNS).encode("utf-8"), "text/csv; charset=utf-8", "csv"
