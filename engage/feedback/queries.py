"""Reads for the moderation queue, the leaders' list and exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Select, String, case, cast, func, select

from engage.clock import utcnow
from engage.extensions import db
from engage.feedback.models import OPEN_STATUSES, Comment, CommentStatus, Regulation56, Theme, Topic, comment_themes

#: Age filter values (days) offered in the queue.
AGES = (1, 7, 30, 90)
PAGE_SIZE = 50


@dataclass(frozen=True)
class QueueFilters:
    """What the moderator asked for; empty means any. Status "open" means new or in review."""

    status: str = "open"
    topic: str = ""
    language: str = ""
    sentiment: str = ""
    theme: str = ""
    flag: str = ""
    #: a Regulation56 name, or "uncoded" for Local Offer comments not coded yet
    regulation: str = ""
    age: str = ""

    @classmethod
    def from_args(cls, args) -> QueueFilters:
        return cls(**{name: (args.get(name) or "").strip()[:40] for name in cls.__dataclass_fields__} | {
            "status": (args.get("status") or "open").strip()[:40]})  # fmt: skip


def _by_status(query: Select, status: str) -> Select:
    if status == "open":
        return query.where(Comment.status.in_(OPEN_STATUSES))
    if status in CommentStatus.__members__:
        return query.where(Comment.status == CommentStatus[status])
    return query


def _by_flag(query: Select, flag: str) -> Select:
    if flag == "safeguarding":
        return query.where(Comment.safeguarding_flagged.is_(True))
    if flag:
        # JSON lists are stored as text on every database; the quoted flag never matches a longer one.
        return query.where(cast(Comment.flags, String).contains(f'"{flag}"'))
    return query


def _by_age(query: Select, age: str) -> Select:
    """Comments older than this many days (the ones waiting longest)."""
    if age.isdigit():
        return query.where(Comment.created_at <= utcnow() - timedelta(days=int(age)))
    return query


def filtered(filters: QueueFilters) -> Select:
    query = _by_status(select(Comment).where(Comment.erased_at.is_(None)), filters.status)
    if filters.topic in Topic.__members__:
        query = query.where(Comment.topic == Topic[filters.topic])
    if filters.language:
        query = query.where(Comment.language == filters.language)
    if filters.sentiment:
        query = query.where(Comment.sentiment == filters.sentiment)
    if filters.theme:
        confirmed = select(comment_themes.c.comment_id).join(Theme).where(Theme.slug == filters.theme)
        suggested = cast(Comment.suggested_themes, String).contains(f'"{filters.theme}"')
        query = query.where(Comment.id.in_(confirmed) | suggested)
    if filters.regulation in Regulation56.__members__:
        query = query.where(Comment.regulation_56 == Regulation56[filters.regulation])
    elif filters.regulation == "uncoded":
        query = query.where(Comment.topic == Topic.local_offer, Comment.regulation_56.is_(None))
    return _by_age(_by_flag(query, filters.flag), filters.age)


def queue(filters: QueueFilters, page: int = 1) -> list[Comment]:
    """Open safeguarding concerns first, the most severe first and, within a severity, the longest waiting first
    (as a duty desk works: risk to life before harm before a worry; among equals, whoever has waited longest);
    then every other comment, the longest waiting first."""
    open_concern = Comment.safeguarding_flagged & Comment.safeguarding_action.is_(None)
    severity = case((open_concern, Comment.safeguarding_severity), else_=-1)
    query = filtered(filters).order_by(severity.desc(), Comment.created_at, Comment.id)
    return list(db.session.scalars(query.limit(PAGE_SIZE).offset((max(page, 1) - 1) * PAGE_SIZE)))


def count(filters: QueueFilters) -> int:
    return db.session.scalar(select(func.count()).select_from(filtered(filters).subquery())) or 0


def languages() -> list[str]:
    query = select(Comment.language).where(Comment.language.is_not(None)).distinct().order_by(Comment.language)
    return list(db.session.scalars(query))


def leader_comments(limit: int | None = None) -> list[Comment]:
    """Every comment as a leader may see it (the caller shows only redacted fields), newest first."""
    query = select(Comment).where(Comment.erased_at.is_(None) | Comment.redacted_text.is_not(None))
    query = query.order_by(Comment.created_at.desc(), Comment.id.desc())
    return list(db.session.scalars(query.limit(limit) if limit else query))


def published(limit: int = 20) -> list[Comment]:
    query = select(Comment).where(Comment.status == CommentStatus.published).order_by(Comment.published_at.desc())
    return list(db.session.scalars(query.limit(limit)))


def by_contact_email(email: str) -> list[Comment]:
    query = select(Comment).where(Comment.contact_email == email.strip().lower()).order_by(Comment.id)
    return list(db.session.scalars(query))


def open_concerns_count() -> int:
    """Safeguarding concerns nobody has acted on or dismissed (what the staff home and leaders count)."""
    query = select(func.count(Comment.id)).where(
        Comment.safeguarding_flagged.is_(True), Comment.safeguarding_action.is_(None), Comment.erased_at.is_(None)
    )
    return db.session.scalar(query) or 0


def safeguarding_decisions() -> list[tuple[str, bool]]:
    """Moderators' safeguarding decisions as training examples for the safeguarding model: (English text, concern).

    A concern dismissed as "not a safeguarding concern" is a negative; one a moderator acted on is a positive.
    The text is the moderator's English translation where there is one (the model reads English), never erased
    text. Written out by `flask feedback safeguarding-decisions` in the format the training CLI reads.
    """
    dismissed = Comment.safeguarding_dismissed_at.is_not(None)
    acted = Comment.safeguarding_flagged.is_(True) & Comment.safeguarding_action.is_not(None)
    query = select(Comment).where(Comment.erased_at.is_(None), dismissed | acted).order_by(Comment.id)
    return [((c.english_translation or c.text), c.safeguarding_dismissed_at is None) for c in db.session.scalars(query)]


def sentiment_corrections() -> list[tuple[str, str]]:
    """Moderators' sentiment corrections as training examples: (English text, the moderator's sentiment)."""
    query = select(Comment).where(Comment.sentiment_corrected_at.is_not(None), Comment.erased_at.is_(None))
    return [
        ((c.english_translation or c.text), c.sentiment or "") for c in db.session.scalars(query.order_by(Comment.id))
    ]
