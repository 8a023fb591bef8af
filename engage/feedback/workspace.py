"""The comment page as one form: whichever button is pressed, what was typed in every section is saved with it.

A moderator who edits the redaction, ticks themes and then presses "Reject" or "Save and next" loses nothing.
Sections are saved only when they changed (or when their own button was pressed), so pressing "Publish" does not
record an unchanged sentiment as a moderator's correction. Nothing here commits: the view saves the sections and
the chosen action together, or nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from sqlalchemy import select

from engage.audit import record_audit
from engage.concurrency import advance
from engage.extensions import db
from engage.feedback import service
from engage.feedback.models import Comment, Theme
from engage.plain_text import neutralise_direction_controls

#: Sections saved with any button, and the form key that shows each was on the page that was posted.
SECTIONS = {
    "redaction": "redaction-value",
    "themes": "themes-shown",
    "regulation": "regulation-code",
    "sentiment": "sentiment-sentiment",
    "translation": "translation-value",
}


#: the audit event that marks each moderator's save with the version it made (not shown in the history)
SAVED = "feedback.comment.saved"


class ChangedSinceShown(service.ModerationError):
    """Ticked comments someone else saved after the queue was drawn (their ids): bulk coding changed nothing."""

    def __init__(self, ids: list[int]) -> None:
        super().__init__("changed")
        self.ids = ids


def take_turn(comment: Comment, seen: int | None, action: str | None) -> None:
    """Move the comment to its next version (engage.concurrency.StaleEditError when someone else saved first, and then
    nothing is written), marking the save in the audit log so a refused moderator can be told what happened since
    the version they saw."""
    version = advance(comment, seen)
    record_audit(SAVED, "comment", comment.id, commit=False, version=version, button=action)


def _shown(value: str | None) -> str:
    """A stored text as the page showed it, to compare with what came back."""
    return neutralise_direction_controls(value or "").strip()


def _changed(comment: Comment, name: str, form) -> bool:
    if name == "redaction":
        return (form.value.data or "").strip() != _shown(comment.redacted_text)
    if name == "translation":
        return (form.value.data or "").strip() != _shown(comment.english_translation)
    if name == "themes":
        return set(form.themes.data or []) != {theme.id for theme in comment.themes}
    if name == "regulation":
        return form.code.data != (comment.regulation_56.name if comment.regulation_56 else None)
    return bool(form.sentiment.data) and form.sentiment.data != comment.sentiment


def sections_to_save(comment: Comment, forms: Mapping, posted: Mapping, own: str | None = None) -> list[str]:
    """The sections posted with a change; a section whose own button was pressed counts even unchanged (saving
    an unchanged sentiment confirms the engine's, which retraining learns from)."""
    return [
        name
        for name, key in SECTIONS.items()
        if name == own or (key in posted and _changed(comment, name, forms[name]))
    ]


def needs_checking(name: str, form) -> bool:
    """A cleared translation is allowed (it removes the translation); every other section is validated."""
    return not (name == "translation" and not (form.value.data or "").strip())


def save_sections(comment: Comment, forms: Mapping, names: list[str], actor_id: int | None) -> bool:
    """Apply the sections (not committed); True when the translation changed (the comment is then analysed again)."""
    for name in names:
        form = forms[name]
        if name == "redaction":
            service.adjust_redaction(comment, form.value.data, commit=False)
        elif name == "themes":
            service.set_themes(comment, form.themes.data, commit=False)
        elif name == "regulation":
            service.set_regulation_56(comment, form.code.data, commit=False)
        elif name == "sentiment":
            service.correct_sentiment(comment, form.sentiment.data, actor_id, commit=False)
        elif name == "translation":
            service.add_translation(comment, form.value.data or "", commit=False)
    return "translation" in names


def code_in_bulk(comment_ids: list[int], theme_id: int | None, add: bool, seen: Mapping[int, int] | None = None) -> int:
    """Add or remove one theme on many comments at once: every comment audited, all of them or none (a comment
    erased or gone since the queue was drawn refuses the lot). Returns how many comments changed.

    `seen`: each comment's version when the queue was drawn. A ticked comment another moderator has saved since
    refuses the lot too (ChangedSinceShown): they may have just taken this theme off, or closed the comment, and
    a bulk action must not undo a person's decision about one comment unseen. Nothing is written; the queue
    shows the comments as they now are, still ticked, and the same button codes them on top."""
    seen = seen or {}
    wanted = set(comment_ids)
    if not wanted:
        raise service.ModerationError("no-selection")
    theme = db.session.get(Theme, theme_id) if theme_id else None
    if theme is None or not theme.active:
        raise service.ModerationError("no-theme")
    found = list(db.session.scalars(select(Comment).where(Comment.id.in_(wanted), Comment.erased_at.is_(None))))
    if len(found) != len(wanted):
        raise service.ModerationError("gone")
    if stale := sorted(c.id for c in found if seen.get(c.id, c.version) != c.version):
        raise ChangedSinceShown(stale)
    changed = 0
    for comment in sorted(found, key=lambda c: c.id):
        if add == (theme in comment.themes):
            continue
        take_turn(comment, seen.get(comment.id), "bulk-themes")
        if add:
            comment.themes.append(theme)
        else:
            comment.themes.remove(theme)
        service._touch(comment)
        change = {"added": [theme.slug], "removed": []} if add else {"added": [], "removed": [theme.slug]}
        record_audit("feedback.comment.themes.bulk", "comment", comment.id, commit=False, **change)
        changed += 1
    db.session.commit()
    return changed


def published_digest(comment: Comment) -> str:
    """A fingerprint of what families would see (the public entry's fields), so "Publish" on a preview publishes
    exactly what was previewed: a change typed after the preview asks for a new one."""
    shown = [comment.redacted_text, comment.response, comment.intended_action,
             comment.regulation_56.name if comment.regulation_56 else None]  # fmt: skip
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()
