"""Exports: the leaders' view of every comment (CSV or ODS) and a person's own data (JSON or CSV).

The leaders' export has redacted text only and no contact details. It reads in words (headings, topic, status,
language, sentiment and flags by name, London time), or with the stored codes and ISO times for scripts
(layout "codes"). CSV cells that a spreadsheet would read as a formula are prefixed with a quote.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from engage.dates import long_datetime
from engage.extensions import db
from engage.feedback.models import Comment, Theme
from engage.spreadsheets import csv_text, ods_bytes

LEADER_COLUMNS = (
    "id", "received", "topic", "about", "status", "language", "sentiment", "sentiment_score",
    "themes", "suggested_themes", "flags", "redacted_text", "response", "published",
)  # fmt: skip
#: The leaders' columns as a person reads them (English: the staff language).
LEADER_HEADINGS = {
    "id": _l("Comment number"), "received": _l("Received (UK time)"), "topic": _l("Topic"),
    "about": _l("About"), "status": _l("Status"), "language": _l("Language"), "sentiment": _l("Sentiment"),
    "sentiment_score": _l("Sentiment score (-1 to 1)"), "themes": _l("Themes"),
    "suggested_themes": _l("Suggested themes"), "flags": _l("Flags"), "redacted_text": _l("Comment (redacted)"),
    "response": _l("Response"), "published": _l("Published (UK time)"),
}  # fmt: skip
STAFF_LANGUAGE = "en"
SUBJECT_COLUMNS = (
    "id", "received", "topic", "about", "status", "text", "redacted_text", "english_translation", "response",
    "publish_consent", "contact_name", "contact_email", "contact_phone", "replies",
)  # fmt: skip


def _date(value) -> str:
    """London time in words, as every page and export writes it ("22 November 2026 at 09:30")."""
    return long_datetime(value)


def _iso(value) -> str:
    return value.isoformat(timespec="minutes") if value else ""


def leader_row(comment: Comment) -> dict:
    """A comment as a leader may see it, with the stored codes and ISO times (UTC) for scripts: no original
    text, no contact details."""
    return {
        "id": comment.id,
        "received": _iso(comment.created_at),
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
        "published": _iso(comment.published_at),
    }


def leader_words(comment: Comment, theme_names: dict[str, str]) -> dict:
    """The same row in words: labels and names instead of codes, London time (call under the staff locale)."""
    from engage.feedback.forms import FLAG_LABELS, SENTIMENT_LABELS, STAFF_TOPIC_LABELS, STATUS_LABELS
    from engage.feedback.words import language_name

    sentiment = comment.sentiment
    return leader_row(comment) | {
        "received": long_datetime(comment.created_at),
        "topic": str(STAFF_TOPIC_LABELS[comment.topic]),
        "status": str(STATUS_LABELS[comment.status]),
        "language": language_name(comment.language) if comment.language else "",
        "sentiment": str(SENTIMENT_LABELS.get(sentiment, sentiment)) if sentiment else "",
        "suggested_themes": "; ".join(theme_names.get(slug, slug) for slug in comment.suggested_themes or []),
        "flags": "; ".join(str(FLAG_LABELS.get(flag, flag)) for flag in comment.leader_flags),
        "published": long_datetime(comment.published_at),
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


def to_csv(rows: Iterable[dict], columns: tuple[str, ...], header: list[str] | None = None) -> str:
    return csv_text([header or list(columns), *([row.get(key, "") for key in columns] for row in rows)])


def to_json(rows: Iterable[dict], **others: list[dict]) -> str:
    """The comments, and what other features hold (engage.feedback.privacy.SubjectHolder), under their names."""
    return json.dumps({"comments": list(rows), **others}, ensure_ascii=False, indent=2)


def to_ods(
    rows: Iterable[dict], columns: tuple[str, ...], sheet_name: str = "Comments", header: list[str] | None = None
) -> bytes:
    table = [header or list(columns), *([row.get(key, "") for key in columns] for row in rows)]
    return ods_bytes([(sheet_name, table)])


def leader_export(fmt: str, *, actor_id: int | None = None, layout: str = "words") -> tuple[bytes, str, str]:
    """(content, mimetype, file extension) of every comment as leaders may see it, in words or (layout
    "codes") with the stored codes; the export is audited."""
    from engage.audit import record_audit
    from engage.feedback import queries

    with force_locale(STAFF_LANGUAGE):
        comments = queries.leader_comments()
        if layout == "codes":
            rows, header = [leader_row(c) for c in comments], None
        else:
            names = {slug: name for slug, name in db.session.execute(select(Theme.slug, Theme.name))}
            rows = [leader_words(c, names) for c in comments]
            header = [str(LEADER_HEADINGS[key]) for key in LEADER_COLUMNS]
    record_audit("feedback.export", "comment", None, actor_id=actor_id, comments=len(rows), format=fmt, layout=layout)
    if fmt == "ods":
        return to_ods(rows, LEADER_COLUMNS, header=header), "application/vnd.oasis.opendocument.spreadsheet", "ods"
    return to_csv(rows, LEADER_COLUMNS, header).encode("utf-8"), "text/csv; charset=utf-8", "csv"
