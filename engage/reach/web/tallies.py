"""Comment tallies kept in the database per period, filters and version of the comments.

Counting a period's comments, their themes and sentiment takes a few hundred milliseconds on a busy area, and a
report view needs up to three tallies. Each is stored under its period, filters and the comment sources' cheap
version (engage.reach.sources.comment_version: counts, largest ids, latest changes), so every worker reads what
one counted. When a source cannot give a version (a test's in-memory source), comments are counted each time.
"""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from engage.extensions import db
from engage.reach import sources
from engage.reach.periods import Period
from engage.reach.sources import CommentFilters, CommentTally
from engage.reach.web.models import ReportTally

KIND = "comments"


def comment_tally(period: Period, filters: CommentFilters | None = None) -> CommentTally:
    """The comments of `period` that `filters` keep, counted once per version of the comments."""
    filters = filters or CommentFilters()
    version = sources.comment_version()
    if version is None:
        return sources.comment_tally(period.start, period.end, filters)
    digest = hashlib.sha256(json.dumps(version, default=str).encode()).hexdigest()
    chosen = f"activity={filters.activity or ''}|language={filters.language or ''}|theme={filters.theme or ''}"[:300]
    where = (ReportTally.kind == KIND, ReportTally.period_key == period.key, ReportTally.filters_key == chosen)
    data = db.session.scalar(select(ReportTally.data).where(*where, ReportTally.version == digest))
    if data is not None:
        return CommentTally.from_json(data)
    tally = sources.comment_tally(period.start, period.end, filters)
    _store(period.key, chosen, digest, tally)
    db.session.execute(delete(ReportTally).where(*where, ReportTally.version != digest))
    db.session.commit()
    return tally


def _store(period_key: str, chosen: str, digest: str, tally: CommentTally) -> None:
    """Insert unless another worker just did (the unique key keeps one row per version)."""
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    values = {"kind": KIND, "period_key": period_key, "filters_key": chosen, "version": digest}
    statement = dialect.insert(ReportTally).values(**values, data=tally.to_json())
    unique = ["kind", "period_key", "filters_key", "version"]
    db.session.execute(statement.on_conflict_do_nothing(index_elements=unique))


def warm(periods: list[Period]) -> None:
    """Count the unfiltered comments of each period (cron, after the reach tables): the tallies a report opens on."""
    for period in periods:
        comment_tally(period)
