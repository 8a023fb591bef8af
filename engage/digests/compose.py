"""Compose a digest: plain data for one subscriber and one period, from the registered sources, role-scoped and
through disclosure control. Rendering (language, HTML/text) is separate (render.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from engage.reach import sources
from engage.reach.disclosure import Count
from engage.reach.periods import Period
from engage.reach.sources import CommentTally
from engage.reports.insight import tally_theme_table
from engage.reports.service import Filters, build_dashboard

#: Which sections each role may receive. Leaders never see what waits behind the moderation boundary.
ROLE_SECTIONS = {
    "moderator": {"themes", "sentiment", "reach", "under_reached", "actions", "moderation", "reviews"},
    "leader": {"themes", "sentiment", "reach", "under_reached", "actions"},
    "admin": {"reviews"},
}
MAX_ITEMS = 10


def allowed_sections(role: str, chosen: list[str]) -> list[str]:
    return [s for s in chosen if s in ROLE_SECTIONS.get(role, set())]


def compose(role: str, sections: list[str], period: Period, today: date, cache: dict | None = None) -> dict[str, Any]:
    """The digest for a member of staff with `role` who chose `sections`. A run passes one `cache`, so the
    numbers for a period are counted once however many people subscribe."""
    wanted = allowed_sections(role, sections)
    cache = {} if cache is None else cache
    if period.key not in cache:
        cache[period.key] = (build_dashboard(Filters(period=period), today), _sentiment_totals(period))
    board, sentiment = cache[period.key]
    digest: dict[str, Any] = {"period": period, "sections": wanted, "role": role}
    if "themes" in wanted or "sentiment" in wanted:
        digest["themes"] = board.themes[:MAX_ITEMS]
        digest["quotes"] = board.quotes[:3] if "themes" in wanted else []
    if "sentiment" in wanted:
        digest["sentiment"] = sentiment
    if "reach" in wanted:
        digest["respondents"] = board.reach.respondents
        digest["previous_respondents"] = board.previous_respondents
        digest["comments"] = board.comments
        digest["activities"] = board.activities[:MAX_ITEMS]
    if "under_reached" in wanted:
        digest["under_reached"] = board.reach.under_reached()
    due = [item for item in sources.due_items(today) if role in item.roles]
    for section, kind in (("actions", "action"), ("moderation", "moderation"), ("reviews", "review")):
        if section in wanted:
            digest[section] = [item for item in due if item.kind == kind][: MAX_ITEMS * 2]
    return digest


def _sentiment_totals(period: Period) -> dict[str, Count] | None:
    """Positive/neutral/mixed/negative across all comments, as one protected line; None below 10 comments."""
    counted = sources.comment_tally(period.start, period.end)
    everything = CommentTally()
    for (activity, language, sentiment), n in counted.comments.items():
        everything.mentions[activity, language, sentiment, "all"] += n
    rows = tally_theme_table(everything)
    return (rows[0].sentiment or None) if rows else None
