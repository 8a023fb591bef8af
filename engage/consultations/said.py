""" "You said", from the moderation queue: the themes moderators coded on a consultation's comments, counted through
disclosure control (no summary from fewer than 10 people, public counts rounded to 5), and the quotes moderators
published (redacted text only)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from engage.consultations.models import Consultation
from engage.extensions import db
from engage.feedback.models import Comment, CommentStatus, PublishConsent, Topic
from engage.reach.disclosure import public_count, summary_allowed

QUOTES = 5


@dataclass(frozen=True)
class YouSaid:
    #: (theme name, count as a public page shows it), most mentioned first; empty when too few people commented
    themes: list[tuple[str, str]]
    #: whether enough people commented for a theme summary
    summarised: bool
    #: (redacted text, the area's response) published by moderators, newest first
    quotes: list[tuple[str, str]]


def _comments(consultation: Consultation) -> list[Comment]:
    query = (
        select(Comment)
        .where(
            Comment.topic == Topic.consultation,
            Comment.about == f"/consultations/{consultation.slug}",
            Comment.status != CommentStatus.rejected,
            Comment.erased_at.is_(None),
        )
        .options(selectinload(Comment.themes))
        .order_by(Comment.published_at.desc().nulls_last(), Comment.id.desc())
    )
    return list(db.session.scalars(query))


def you_said(consultation: Consultation, small_label: str) -> YouSaid:
    comments = _comments(consultation)
    mentions = Counter(theme.name for comment in comments for theme in comment.themes)
    summarised = summary_allowed(len(comments))
    themes = [(name, public_count(n, label=small_label)) for name, n in mentions.most_common()] if summarised else []
    quotes = [
        (c.redacted_text, c.response or "")
        for c in comments
        if c.status == CommentStatus.published and c.publish_consent == PublishConsent.anonymous and c.redacted_text
    ][:QUOTES]
    return YouSaid(themes, summarised, quotes)
