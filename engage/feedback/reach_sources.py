"""What feedback gives reports and digests (engage.reach.sources), without crossing the moderation boundary.

- Comment insights: one per analysed comment sent in the period, except rejected ones (spam, abuse, not about
  SEND). Comments the engine could not give a sentiment are left out. Themes are the ones a moderator confirmed;
  while none is confirmed, the engine's suggestions stand in, so new comments count in the themes straight
  away. The quote is the redacted text, and only of a published comment; the family's own words, any
  translation and contact details never leave this module.
- Due items: one per moderation state (new, in review) with how many comments wait in it, for moderators, dated
  the day the longest-waiting one arrived.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime

from flask_babel import lazy_ngettext
from sqlalchemy import func, select

from engage.extensions import db
from engage.feedback.models import OPEN_STATUSES, Comment, CommentStatus, Theme, comment_themes
from engage.reach.sources import CommentInsight, DueItem, register_comment_source, register_due_source

SOURCE = "feedback"
UNDETERMINED = "und"  #: ISO 639 "undetermined", for a comment whose language was not detected


def activity_id(topic: str) -> str:
    return f"comments:{topic}"


def comment_insights(since: datetime | None, until: datetime | None) -> list[CommentInsight]:
    where = [Comment.sentiment.is_not(None), Comment.sentiment != "", Comment.status != CommentStatus.rejected]
    if since is not None:
        where.append(Comment.created_at >= since)
    if until is not None:
        where.append(Comment.created_at < until)
    rows = db.session.execute(
        select(
            Comment.id,
            Comment.topic,
            Comment.created_at,
            Comment.language,
            Comment.sentiment,
            Comment.suggested_themes,
            Comment.status,
            Comment.redacted_text,
        )
        .where(*where)
        .order_by(Comment.created_at, Comment.id)
    ).all()
    confirmed: dict[int, list[str]] = defaultdict(list)
    if rows:
        chosen = select(Comment.id).where(*where)
        coded = (
            select(comment_themes.c.comment_id, Theme.slug)
            .join(Theme, Theme.id == comment_themes.c.theme_id)
            .where(comment_themes.c.comment_id.in_(chosen))
            .order_by(Theme.slug)
        )
        for comment_id, slug in db.session.execute(coded):
            confirmed[comment_id].append(slug)
    return [
        CommentInsight(
            activity_id=activity_id(row.topic.value),
            submitted_at=row.created_at,
            language=row.language or UNDETERMINED,
            sentiment=row.sentiment,
            themes=tuple(confirmed.get(row.id) or row.suggested_themes or ()),
            quote=_quote(row.status, row.redacted_text),
        )
        for row in rows
    ]


def _quote(status: CommentStatus, redacted: str | None) -> str | None:
    if status is not CommentStatus.published:
        return None
    return (redacted or "").strip() or None


def _title(status: CommentStatus, count: int):
    if status is CommentStatus.new:
        return lazy_ngettext(
            "%(num)d new comment waiting for moderation", "%(num)d new comments waiting for moderation", count
        )
    return lazy_ngettext("%(num)d comment in moderation", "%(num)d comments in moderation", count)


def due_items(today: date) -> Iterator[DueItem]:
    """Comments waiting for a moderator, one line per state (so a digest stays short however many wait)."""
    rows = db.session.execute(
        select(Comment.status, func.count(Comment.id), func.min(Comment.created_at))
        .where(Comment.status.in_(OPEN_STATUSES), Comment.erased_at.is_(None))
        .group_by(Comment.status)
    ).all()
    waiting = {status: (count, oldest) for status, count, oldest in rows}
    for status in OPEN_STATUSES:
        if status in waiting:
            count, oldest = waiting[status]
            yield DueItem(
                kind="moderation",
                title=_title(status, count),
                due_on=oldest.date() if oldest else None,
                roles=("moderator",),
                path=f"/staff/feedback/?status={status.value}",
            )


def register() -> None:
    register_comment_source(SOURCE, comment_insights)
    register_due_source(SOURCE, due_items)
