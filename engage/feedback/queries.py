"""Reads for the moderation queue, the leaders' list and exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import ColumnElement, Select, String, and_, case, cast, func, or_, select

from engage.clock import utcnow
from engage.extensions import db
from engage.feedback.models import OPEN_STATUSES, Comment, CommentStatus, Regulation56, Theme, Topic, comment_themes

#: Age filter values (days) offered in the queue.
AGES = (1, 7, 30, 90)
PAGE_SIZE = 50
MAX_SEARCH = 100
#: The queue's orders; "urgent" is the duty desk's (see queue()).
ORDERS = ("urgent", "oldest", "newest")


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
    #: words to find in the comment or its translation
    q: str = ""
    #: one of ORDERS
    order: str = "urgent"

    @classmethod
    def from_args(cls, args) -> QueueFilters:
        values = {name: (args.get(name) or "").strip()[:40] for name in cls.__dataclass_fields__}
        values["status"] = values["status"] or "open"
        values["q"] = " ".join((args.get("q") or "").split())[:MAX_SEARCH]
        values["order"] = values["order"] if values["order"] in ORDERS else "urgent"
        return cls(**values)

    def args(self) -> dict[str, str]:
        """The filters as query-string values, leaving out the defaults (for links that keep them)."""
        defaults = QueueFilters()
        return {name: value for name, value in self.__dict__.items() if value != getattr(defaults, name)}


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


def like_pattern(words: str) -> str:
    """A LIKE pattern finding `words` anywhere, with LIKE's own wildcards (%, _) and the escape taken literally."""
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _by_words(query: Select, words: str) -> Select:
    """Case-insensitive on both databases (ILIKE on PostgreSQL, lower() LIKE lower() on SQLite)."""
    if not words:
        return query
    pattern = like_pattern(words)
    return query.where(
        Comment.text.ilike(pattern, escape="\\") | Comment.english_translation.ilike(pattern, escape="\\")
    )


def filtered(filters: QueueFilters) -> Select:
    query = _by_status(select(Comment).where(Comment.erased_at.is_(None)), filters.status)
    query = _by_words(query, filters.q)
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


def _sort_keys(order: str) -> list[tuple[ColumnElement, bool]]:
    """(expression, descending) in order. "urgent": open safeguarding concerns first, the most severe first and,
    within a severity, the longest waiting first (as a duty desk works: risk to life before harm before a worry;
    among equals, whoever has waited longest); then every other comment, the longest waiting first."""
    if order == "newest":
        return [(Comment.created_at, True), (Comment.id, True)]
    if order == "oldest":
        return [(Comment.created_at, False), (Comment.id, False)]
    open_concern = Comment.safeguarding_flagged & Comment.safeguarding_action.is_(None)
    severity = case((open_concern, Comment.safeguarding_severity), else_=-1)
    return [(severity, True), (Comment.created_at, False), (Comment.id, False)]


def _ordered(query: Select, order: str) -> Select:
    return query.order_by(*[key.desc() if descending else key for key, descending in _sort_keys(order)])


def queue(filters: QueueFilters, page: int = 1) -> list[Comment]:
    query = _ordered(filtered(filters), filters.order)
    return list(db.session.scalars(query.limit(PAGE_SIZE).offset((max(page, 1) - 1) * PAGE_SIZE)))


def place_in_queue(filters: QueueFilters, comment_id: int) -> tuple | None:
    """Where a comment sits in the queue's order (its sort values), read before a save may move it."""
    keys = [key for key, _ in _sort_keys(filters.order)]
    row = db.session.execute(select(*keys).where(Comment.id == comment_id)).first()
    return tuple(row) if row else None


def next_in_queue(filters: QueueFilters, place: tuple) -> int | None:
    """The first comment after `place` in the queue's order that matches the filters now (keyset, not offset, so
    the comment just saved leaving the filter does not make the next one skip)."""
    after = []
    keys = _sort_keys(filters.order)
    for i, (key, descending) in enumerate(keys):
        beyond = key < place[i] if descending else key > place[i]
        after.append(and_(*[keys[j][0] == place[j] for j in range(i)], beyond))
    query = _ordered(filtered(filters).where(or_(*after)), filters.order).with_only_columns(Comment.id)
    return db.session.scalar(query.limit(1))


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
