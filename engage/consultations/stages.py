"""The stage clock: where a consultation is at a given moment, from its dates alone (plain Python, no Flask).

Stages are computed, never flipped by a job, so a page is right even when cron has not run; the cron only
records each change once so that followers can be told (engage.consultations.notify).
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from engage.consultations.models import Stage

#: Open ones first, then those coming, then finished ones (the public list's order).
LIST_ORDER = {Stage.open: 0, Stage.upcoming: 1, Stage.closed: 2, Stage.outcome_published: 3}


class Dated(Protocol):
    opens_at: datetime
    closes_at: datetime
    outcome_published_at: datetime | None


def stage_at(consultation: Dated, now: datetime) -> Stage:
    """upcoming before it opens, open until it closes, closed until the outcome is published."""
    if now < consultation.opens_at:
        return Stage.upcoming
    if now < consultation.closes_at:
        return Stage.open
    published = consultation.outcome_published_at
    if published is not None and published <= now:
        return Stage.outcome_published
    return Stage.closed
