"""What feedback gives reports and digests (engage.reach.sources), without crossing the moderation boundary.

- Comment counts: analysed comments sent in the period, except rejected ones (spam, abuse, not about SEND),
  counted in SQL per topic, language and sentiment, with their theme mentions. Comments the engine could not
  give a sentiment are left out. Themes are the ones a moderator confirmed; while none is confirmed, the
  engine's suggestions stand in, so new comments count in the themes straight away. Quotes are the redacted
  text, and only of a published comment; the family's own words, any translation and contact details never
  leave this module.
- Due items: one per moderation state (new, in review) with how many comments wait in it, for moderators, dated
  the day the longest-waiting one arrived.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime

from flask_babel import lazy_ngettext
from sqlalchemy import and_, func, or_, select, true

from engage.extensions import db
from engage.feedback.models import OPEN_STATUSES, Comment, CommentStatus, Theme, Topic, comment_themes
from engage.reach.sources import (
    QUOTE_LIMIT,
    CommentFilters,
    CommentInsight,
    CommentTally,
    DueItem,
    register_comment_counter,
    register_comment_version,
    register_due_source,
    register_theme_names,
)

SOURCE = "feedback"
UNDETERMINED = "und"  #: ISO 639 "undetermined", for a comment whose language was not detected


def activity_id(topic: str) -> str:
    return f"comments:{topic}"


def _topic(activity: str) -> Topic | None:
    kind, _, topic = activity.partition(":")
    return next((t for t in Topic if t.value == topic), None) if kind == "comments" else None


def _suggested(column):
    """The engine's suggested theme ids as a table (one row each) for a FROM list; JSON functions differ."""
    name = "json_array_elements_text" if db.engine.dialect.name == "postgresql" else "json_each"
    return getattr(func, name)(column).table_valued("value").alias("suggested")


def _conditions(since, until, filters: CommentFilters) -> list | None:
    """WHERE conditions for the comments reports count that `filters` keep; None when they keep none."""
    where = [Comment.sentiment.is_not(None), Comment.sentiment != "", Comment.status != CommentStatus.rejected]
    where += [Comment.created_at >= since] if since is not None else []
    where += [Comment.created_at < until] if until is not None else []
    if filters.activity:
        topic = _topic(filters.activity)
        if topic is None:
            return None
        where.append(Comment.topic == topic)
    if filters.language:
        where.append(_language() == filters.language)
    if filters.theme:
        # the themes that count: a moderator's when there are any, else the engine's suggestions
        confirmed = (
            select(comment_themes.c.comment_id).where(comment_themes.c.comment_id == Comment.id).correlate(Comment)
        )
        chosen = confirmed.join(Theme, Theme.id == comment_themes.c.theme_id).where(Theme.slug == filters.theme)
        suggested = _suggested(Comment.suggested_themes)
        suggests = select(suggested.c.value).where(suggested.c.value == filters.theme).correlate(Comment)
        where.append(or_(chosen.exists(), and_(~confirmed.exists(), suggests.exists())))
    return where


def _people():
    """Count people, not rows: one survey response's several free-text answers count once (in each cell), so a
    single respondent cannot lift a count past disclosure control's thresholds."""
    return func.count(func.distinct(func.coalesce(Comment.survey_response_id, -Comment.id)))


def _language():
    return func.coalesce(Comment.language, UNDETERMINED)


def count_comments(
    since: datetime | None, until: datetime | None, filters: CommentFilters, tally: CommentTally
) -> None:
    """Comments per topic, language and sentiment, their theme mentions and their newest published quotes, for
    analysed comments sent in [since, until) except rejected ones (spam, abuse, not about SEND), counted in SQL.
    Themes are the ones a moderator confirmed; while none is confirmed, the engine's suggestions stand in, so
    new comments count in the themes straight away."""
    where = _conditions(since, until, filters)
    if where is None:
        return
    key = (Comment.topic, _language(), Comment.sentiment)
    for topic, language, sentiment, count in db.session.execute(select(*key, _people()).where(*where).group_by(*key)):
        tally.comments[activity_id(topic.value), language, sentiment] += count
    coded = (
        select(*key, Theme.slug, _people())
        .join(comment_themes, comment_themes.c.comment_id == Comment.id)
        .join(Theme, Theme.id == comment_themes.c.theme_id)
        .where(*where)
        .group_by(*key, Theme.slug)
    )
    confirmed = select(comment_themes.c.comment_id).where(comment_themes.c.comment_id == Comment.id)
    suggested = _suggested(Comment.suggested_themes)
    engine = (
        select(*key, suggested.c.value, _people())
        .select_from(Comment)
        .join(suggested, true())
        .where(*where, ~confirmed.exists())
        .group_by(*key, suggested.c.value)
    )
    for query in (coded, engine):
        for topic, language, sentiment, theme, count in db.session.execute(query):
            tally.mentions[activity_id(topic.value), language, sentiment, theme] += count
    tally.quotes += _quotes(where)


def _quotes(where: list) -> list[CommentInsight]:
    """The newest published comments with a redacted text: the only words that leave this module."""
    rows = db.session.execute(
        select(Comment.id, Comment.topic, Comment.created_at, _language(), Comment.sentiment)
        .add_columns(Comment.suggested_themes, Comment.redacted_text)
        .where(*where, Comment.status == CommentStatus.published, Comment.redacted_text.is_not(None))
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(QUOTE_LIMIT)
    ).all()
    confirmed: dict[int, list[str]] = defaultdict(list)
    coded = (
        select(comment_themes.c.comment_id, Theme.slug)
        .join(Theme, Theme.id == comment_themes.c.theme_id)
        .where(comment_themes.c.comment_id.in_([row.id for row in rows] or [-1]))
        .order_by(Theme.slug)
    )
    for comment_id, slug in db.session.execute(coded):
        confirmed[comment_id].append(slug)
    return [
        CommentInsight(
            activity_id=activity_id(row.topic.value),
            submitted_at=row.created_at,
            language=row[3],
            sentiment=row.sentiment,
            themes=tuple(confirmed.get(row.id) or row.suggested_themes or ()),
            quote=quote,
        )
        for row in rows
        if (quote := _quote(CommentStatus.published, row.redacted_text))
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


def theme_names() -> dict[str, str]:
    """Theme id -> the name moderators gave it (the shipped name until they rename it)."""
    return {slug: name for slug, name in db.session.execute(select(Theme.slug, Theme.name))}


def comment_version() -> list:
    """Changes whenever what `count_comments` counts might: a comment added, erased or changed (its `updated_at`),
    a moderator's theme codes (a checksum of the links, which change without touching the comment row)."""
    comments = db.session.execute(select(func.count(), func.max(Comment.id), func.max(Comment.updated_at))).one()
    checksum = func.coalesce(func.sum(comment_themes.c.comment_id * 7919 + comment_themes.c.theme_id), 0)
    codes = db.session.execute(select(func.count(), checksum).select_from(comment_themes)).one()
    themes = db.session.execute(select(func.count(), func.max(Theme.id))).one()
    return [*comments, *codes, *themes]


def register() -> None:
    register_comment_counter(SOURCE, count_comments)
    register_comment_version(SOURCE, comment_version)
    register_theme_names(SOURCE, theme_names)
    register_due_source(SOURCE, due_items)
