"""What "You said, we did" publishes (regulation 56(2)-(4) of the SEND Regulations 2014). No Flask here.

Published Local Offer comments from the feedback queue, grouped by the year they were received (newest first) and
by their regulation 56(1) code, with the area's response and intended action. Only the redacted text leaves:
never the family's own words, never contact details. For each year, how many comments were left out and why
(vexatious, an individual case...), as counts put through the disclosure module's public rounding, so a raw
number never reaches the page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engage.feedback.models import Comment, CommentStatus, PublishConsent, Regulation56, RejectionCategory, Topic
from engage.reach.disclosure import SMALL_LABEL, public_count

#: Reasons a comment was left out, in the order the page lists them.
LEFT_OUT_REASONS = ("individual_case", *(c.name for c in RejectionCategory))


@dataclass(frozen=True)
class Said:
    """One published comment as the public may see it."""

    redacted_text: str
    response: str
    intended_action: str | None


@dataclass
class Year:
    year: int
    #: (code or None for uncoded, comments), in the order (a), (b), (c), uncoded; empty groups left out
    groups: list[tuple[Regulation56 | None, list[Said]]] = field(default_factory=list)
    #: (reason, count as the public may see it: "fewer than 5" or rounded to the nearest 5)
    left_out: list[tuple[str, str]] = field(default_factory=list)


def _published(session: Session) -> list[Comment]:
    return list(
        session.scalars(
            sa.select(Comment)
            .where(
                Comment.topic == Topic.local_offer,
                Comment.status == CommentStatus.published,
                Comment.publish_consent == PublishConsent.anonymous,
                Comment.redacted_text.is_not(None),
            )
            .order_by(Comment.published_at.desc(), Comment.id.desc())
        )
    )


def _left_out(session: Session) -> dict[int, dict[str, int]]:
    """{year: {reason: number}} for Local Offer comments rejected or passed on as individual cases."""
    rows = session.execute(
        sa.select(Comment.created_at, Comment.status, Comment.rejection_category).where(
            Comment.topic == Topic.local_offer,
            Comment.status.in_((CommentStatus.rejected, CommentStatus.individual_case)),
        )
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for created_at, status, category in rows:
        if status == CommentStatus.individual_case:
            reason = "individual_case"
        else:
            reason = (category or RejectionCategory.other).name
        counts[created_at.year][reason] += 1
    return counts


def years(session: Session, small_label: str = SMALL_LABEL) -> list[Year]:
    """Every year with a published or left-out Local Offer comment, newest first."""
    said: dict[int, dict[Regulation56 | None, list[Said]]] = defaultdict(lambda: defaultdict(list))
    for c in _published(session):
        if (c.redacted_text or "").strip():
            said[c.created_at.year][c.regulation_56].append(Said(c.redacted_text, c.response or "", c.intended_action))
    left_out = _left_out(session)
    result = []
    for year in sorted(set(said) | set(left_out), reverse=True):
        groups = [(code, said[year][code]) for code in (*Regulation56, None) if said[year].get(code)]
        counts = left_out.get(year, {})
        shown = [(r, public_count(counts[r], label=small_label)) for r in LEFT_OUT_REASONS if counts.get(r)]
        result.append(Year(year, groups, shown))
    return result
