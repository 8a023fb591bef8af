"""Two moderators on one comment: a save drawn from an older version of the comment is refused, and the page
comes back with what the other person did (who, what, when, in words) and the form merged for a second try.

The page carries the comment's version and a fingerprint of what each section showed. On a refused save:
- a section only the other person changed now shows theirs (pressing Save again must not undo it);
- a section only this moderator changed keeps what they typed (Save again applies it on top);
- a section both changed keeps what this moderator typed, and the summary shows the other person's version.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from engage.audit import AuditEvent
from engage.auth.models import User
from engage.extensions import db
from engage.feedback.history import ACTIONS
from engage.feedback.models import Comment
from engage.feedback.workspace import SAVED, SECTIONS, _shown

SECTION_LABELS = {
    "redaction": _l("Redaction"),
    "themes": _l("Themes"),
    "regulation": _l("Regulation 56(1) code"),
    "sentiment": _l("Sentiment"),
    "translation": _l("English translation"),
}


@dataclass(frozen=True)
class Done:
    """One thing the other person did: what, who and when."""

    at: object
    what: str
    who: str | None


def stored(comment: Comment, name: str):
    """A section's saved value, as the page shows it."""
    if name == "redaction":
        return _shown(comment.redacted_text)
    if name == "translation":
        return _shown(comment.english_translation)
    if name == "themes":
        return sorted(theme.id for theme in comment.themes)
    if name == "regulation":
        return comment.regulation_56.name if comment.regulation_56 else None
    return comment.sentiment


def typed(forms: Mapping, name: str):
    """What was posted in a section, in the same shape as `stored`."""
    form = forms[name]
    if name in ("redaction", "translation"):
        return (form.value.data or "").strip()
    if name == "themes":
        return sorted(int(theme_id) for theme_id in form.themes.data or [])
    if name == "regulation":
        return form.code.data or None
    return form.sentiment.data or None


def fingerprint(value) -> str:
    return hashlib.sha256(json.dumps(value).encode()).hexdigest()[:16]


def fingerprints(comment: Comment) -> dict[str, str]:
    """What the page shows of each section, for the hidden `seen-<section>` fields."""
    return {name: fingerprint(stored(comment, name)) for name in SECTIONS}


def merge(comment: Comment, forms: Mapping, posted: Mapping) -> list[str]:
    """Put the other person's value in each section only they changed; return the sections both changed."""
    both = []
    for name, key in SECTIONS.items():
        seen = posted.get(f"seen-{name}")
        if seen is None or fingerprint(stored(comment, name)) == seen:
            continue  # not theirs (or the page showed no fingerprint): what was typed stays
        if key in posted and fingerprint(typed(forms, name)) != seen:
            both.append(name)
        else:
            _show_theirs(comment, forms, name)
    return both


def _show_theirs(comment: Comment, forms: Mapping, name: str) -> None:
    form = forms[name]
    if name in ("redaction", "translation"):
        form.value.data = stored(comment, name)
    elif name == "themes":
        form.themes.data = stored(comment, name)
    elif name == "regulation":
        form.code.data = stored(comment, name)
    else:
        form.sentiment.data = stored(comment, name)


def since(comment: Comment, seen: int) -> list[Done]:
    """What others did to the comment after the version a page was drawn from, oldest first, in words."""
    first = db.session.scalar(
        select(AuditEvent.id)
        .where(AuditEvent.action == SAVED, AuditEvent.object_type == "comment")
        .where(AuditEvent.object_id == str(comment.id))
        .where(AuditEvent.detail["version"].as_integer() > seen)
        .order_by(AuditEvent.id)
        .limit(1)
    )
    if first is None:
        return []
    rows = db.session.execute(
        select(AuditEvent, User.email)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.object_type == "comment", AuditEvent.object_id == str(comment.id))
        .where(AuditEvent.id >= first, AuditEvent.action.in_(ACTIONS))
        .order_by(AuditEvent.id)
    ).all()
    return [Done(event.occurred_at, str(ACTIONS[event.action]), who) for event, who in rows]
