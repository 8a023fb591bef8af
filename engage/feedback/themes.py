"""Moderator-managed themes: seeded from the insight taxonomy, then added to, renamed, merged and retired."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from engage.audit import record_audit
from engage.extensions import db
from engage.feedback import analysis
from engage.feedback.models import Comment, Theme, comment_themes


class ThemeError(ValueError):
    """A theme change that cannot be made (the message key says why)."""


def ensure_seeded() -> None:
    """Add any shipped SEND theme not in the table yet; running it again changes nothing."""
    from engage.insight import shipped_themes

    known = set(db.session.scalars(select(Theme.slug)))
    for raw in shipped_themes():
        if raw["id"] not in known:
            db.session.add(Theme(slug=raw["id"], name=raw["name"], description=raw.get("description", "")))
    try:
        db.session.commit()
    except IntegrityError:
        # Another worker seeded the same themes at the same moment (the first submissions on a new installation
        # do, under load): theirs are the same rows, so there is nothing left to add.
        db.session.rollback()


def _seed_if_empty() -> None:
    """A new installation starts with the shipped themes; after that the table is the moderators'."""
    if db.session.scalar(select(Theme.id).limit(1)) is None:
        ensure_seeded()


def all_themes() -> list[Theme]:
    _seed_if_empty()
    return list(db.session.scalars(select(Theme).order_by(Theme.retired, Theme.name)))


def active_themes() -> list[Theme]:
    _seed_if_empty()
    query = select(Theme).where(Theme.retired.is_(False), Theme.merged_into_id.is_(None)).order_by(Theme.name)
    return list(db.session.scalars(query))


def by_slugs(slugs: list[str]) -> list[Theme]:
    return list(db.session.scalars(select(Theme).where(Theme.slug.in_(slugs or ["-"]))))


def current_taxonomy():
    """The insight taxonomy as the moderators have shaped it (shipped seed phrases kept)."""
    _seed_if_empty()
    rows = db.session.scalars(select(Theme)).all()
    changes = [
        {
            "id": t.slug,
            "name": t.name.replace(";", ","),
            "description": t.description,
            "retired": t.retired,
            "merged_into": t.merged_into.slug if t.merged_into else None,
        }
        for t in rows
    ]
    return analysis.taxonomy_from_themes(changes)


def _slug(name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:50] or "theme"
    slug, n = base, 2
    while db.session.scalar(select(Theme.id).where(Theme.slug == slug)) is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug


def add_theme(name: str, description: str = "") -> Theme:
    name = name.strip()
    if not name:
        raise ThemeError("no-name")
    theme = Theme(slug=_slug(name), name=name, description=description.strip())
    db.session.add(theme)
    db.session.flush()
    record_audit("feedback.theme.add", "theme", theme.id, commit=False, slug=theme.slug)
    db.session.commit()
    return theme


def rename_theme(theme: Theme, name: str) -> None:
    if not name.strip():
        raise ThemeError("no-name")
    theme.name = name.strip()
    record_audit("feedback.theme.rename", "theme", theme.id, commit=False)
    db.session.commit()


def retire_theme(theme: Theme) -> None:
    """Offered no more; comments already coded keep it."""
    theme.retired = True
    record_audit("feedback.theme.retire", "theme", theme.id, commit=False)
    db.session.commit()


def merge_theme(source: Theme, target: Theme) -> int:
    """Recode every comment from `source` to `target`; returns how many comments moved."""
    if source.id == target.id or not target.active:
        raise ThemeError("bad-target")
    comments = db.session.scalars(
        select(Comment).join(comment_themes).where(comment_themes.c.theme_id == source.id)
    ).all()
    for comment in comments:
        comment.themes = [t for t in comment.themes if t.id != source.id]
        if target not in comment.themes:
            comment.themes.append(target)
    source.merged_into_id = target.id
    record_audit("feedback.theme.merge", "theme", source.id, commit=False, into=target.id, comments=len(comments))
    db.session.commit()
    return len(comments)
