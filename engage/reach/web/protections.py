"""Protected reach tables kept in the database, so a report view never solves at request time.

Protecting a period's tables (engage.reach.disclosure.protect_joint) takes seconds; reading them takes
milliseconds. As statistical offices do with tau-Argus or sdcTable, each period's table set is protected once
per version of its data and the result is published to every reader: here, a `ReachProtection` row keyed by the
period and a fingerprint of every number the tables publish (engage.reach.report.fingerprint), which every worker
and machine reads. New answers, a new activity or a new title change the fingerprint, so nothing stored is ever
served as if it matched newer data; the baseline is applied after protection and needs no new solve.

`flask --app wsgi reports precompute` (cron, every few minutes) protects the periods the filters offer whose data
changed. A view serves the stored protection matching today's data; while a newer version is being protected it
serves the period's latest stored one, saying when it was counted; only a period nobody protected yet (an old
week typed into the address) is solved on request, once, and stored for everyone.

Two runs at once do each solve once: a run claims a (period, fingerprint) by inserting its row first (the unique
key refuses the second insert); a claim left unfinished for `CLAIM_MINUTES` is taken over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from engage.clock import utcnow
from engage.extensions import db
from engage.reach import sources
from engage.reach.periods import Period, recent
from engage.reach.report import ProtectedTables, fingerprint, protect_tally
from engage.reach.sources import ParticipationTally
from engage.reach.web.models import ReachProtection

#: A claim older than this is taken to be from a run that died.
CLAIM_MINUTES = 15
#: Stored protections kept per period (the newest ones), so an older one can be served while a new one is solved.
KEEP = 2


@dataclass(frozen=True)
class Served:
    tables: ProtectedTables
    #: when the tables served were counted, if newer answers have arrived since (None: they are current)
    counted_at: datetime | None = None


def protected_tables(period: Period) -> Served:
    """The period's protected tables: the stored ones matching its data, else its latest stored ones (with the
    time they were counted), else solved now and stored."""
    tally = sources.participation_tally(period.start, period.end)
    key = fingerprint(tally)
    if (tables := _stored(period.key, key)) is not None:
        return Served(tables)
    latest = _latest(period.key)
    return latest if latest is not None else Served(_solve(period.key, key, tally))


def latest_tables(period: Period) -> Served:
    """The period's latest stored protection, without counting its answers again (a comparison figure, such as
    the previous period's, may be a few minutes old); counted and solved only when none is stored."""
    latest = _latest(period.key)
    return latest if latest is not None else protected_tables(period)


def current_tables(period: Period) -> ProtectedTables:
    """The period's protected tables for today's data, solving now if nobody has (exports from the command line)."""
    tally = sources.participation_tally(period.start, period.end)
    key = fingerprint(tally)
    stored = _stored(period.key, key)
    return stored if stored is not None else _solve(period.key, key, tally)


def precompute(periods: list[Period]) -> dict[str, str]:
    """Protect each period whose data changed since it was last protected: period key -> "stored" (solved now),
    "current" (nothing new) or "claimed" (another run is solving it)."""
    outcome = {}
    for period in periods:
        tally = sources.participation_tally(period.start, period.end)
        key = fingerprint(tally)
        if _stored(period.key, key) is not None:
            outcome[period.key] = "current"
        elif _claim(period.key, key):
            _finish(period.key, key, protect_tally(tally))
            outcome[period.key] = "stored"
        else:
            outcome[period.key] = "claimed"
    return outcome


def periods_to_warm(today: date) -> list[Period]:
    """The periods the report filters offer, and the period before each (the dashboard compares with it)."""
    offered = recent(today)
    wanted = {p.key: p for p in offered}
    for period in offered:
        if (previous := period.previous()) is not None:
            wanted.setdefault(previous.key, previous)
    return list(wanted.values())


def _latest(period_key: str) -> Served | None:
    latest = db.session.execute(
        select(ReachProtection.tables, ReachProtection.computed_at)
        .where(ReachProtection.period_key == period_key, ReachProtection.tables.is_not(None))
        .order_by(ReachProtection.computed_at.desc(), ReachProtection.id.desc())
        .limit(1)
    ).first()
    return None if latest is None else Served(ProtectedTables.from_json(latest.tables), latest.computed_at)


def _stored(period_key: str, key: str) -> ProtectedTables | None:
    data = db.session.scalar(
        select(ReachProtection.tables).where(
            ReachProtection.period_key == period_key, ReachProtection.fingerprint == key
        )
    )
    return None if data is None else ProtectedTables.from_json(data)


def _solve(period_key: str, key: str, tally: ParticipationTally) -> ProtectedTables:
    """Solve now; store the result when this request wins the claim (else another is storing the same result)."""
    claimed = _claim(period_key, key)
    tables = protect_tally(tally)
    if claimed:
        _finish(period_key, key, tables)
    return tables


def _claim(period_key: str, key: str) -> bool:
    """Insert the claim row; False when another run holds a live claim or has stored the result already."""
    stale = utcnow() - timedelta(minutes=CLAIM_MINUTES)
    db.session.execute(
        delete(ReachProtection).where(
            ReachProtection.period_key == period_key,
            ReachProtection.fingerprint == key,
            ReachProtection.tables.is_(None),
            ReachProtection.claimed_at < stale,
        )
    )
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(ReachProtection).values(period_key=period_key, fingerprint=key, claimed_at=utcnow())
    statement = statement.on_conflict_do_nothing(index_elements=["period_key", "fingerprint"])
    # RETURNING gives the new row's id, or nothing when the unique key refused it (rowcount is not reliable for
    # an ORM-enabled insert on every driver)
    inserted = db.session.execute(statement.returning(ReachProtection.id)).first()
    db.session.commit()
    return inserted is not None


def _finish(period_key: str, key: str, tables: ProtectedTables) -> None:
    """Store the solved tables in the claimed row, and drop the period's older protections beyond `KEEP`."""
    db.session.execute(
        update(ReachProtection)
        .where(ReachProtection.period_key == period_key, ReachProtection.fingerprint == key)
        .values(tables=tables.to_json(), computed_at=utcnow())
    )
    kept = select(ReachProtection.id).where(
        ReachProtection.period_key == period_key, ReachProtection.tables.is_not(None)
    )
    newest = db.session.scalars(kept.order_by(ReachProtection.computed_at.desc()).limit(KEEP)).all()
    db.session.execute(
        delete(ReachProtection).where(
            ReachProtection.period_key == period_key,
            ReachProtection.tables.is_not(None),
            ReachProtection.id.not_in(newest),
        )
    )
    db.session.commit()
