"""Protected reach tables kept in the database, so a report view never solves at request time.

Protecting a period's tables (engage.reach.disclosure.protect_joint) takes seconds; reading them takes
milliseconds. As statistical offices do with tau-Argus or sdcTable, each period's table set is protected once
per version of its data and the result is published to every reader: here, a `ReachProtection` row keyed by the
period and a fingerprint of every number the tables publish (engage.reach.report.fingerprint), which every worker
and machine reads. New answers, a new activity or a new title change the fingerprint, so nothing stored is ever
served as if it matched newer data; the baseline is applied after protection and needs no new solve.

`flask --app wsgi reports precompute` (cron, every few minutes) and `demo load` protect every period a leader can
open whose data changed (engage.reports.service.protect_offered_periods). A view serves the stored protection
matching today's data; while a newer version is being protected it serves the period's latest stored one, saying
when it was counted. A period nobody protected yet (an old week typed into the address) is solved once, in a thread
beside the request, and stored for everyone: the view waits for it at most `REPORTS_SOLVE_WAIT_SECONDS` (5 s; a
month of the demo takes under a second of CPU to solve, a busy week a few), then says the period is being counted.

Two runs at once do each solve once: a run claims a (period, fingerprint) by inserting its row first (the unique
key refuses the second insert); a claim left unfinished for `CLAIM_MINUTES` is taken over.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from engage.clock import utcnow
from engage.extensions import db
from engage.reach import report, sources
from engage.reach.periods import Period, recent
from engage.reach.report import ProtectedTables, fingerprint, protect_tally
from engage.reach.sources import ParticipationTally
from engage.reach.web.models import ReachProtection

#: A claim older than this is taken to be from a run that died.
CLAIM_MINUTES = 15
#: Stored protections kept per period (the newest ones), so an older one can be served while a new one is solved.
KEEP = 2
#: How long a view waits for a period's first solve before saying it is being counted (REPORTS_SOLVE_WAIT_SECONDS).
WAIT_SECONDS = 5.0
#: How often a view waiting for another run's solve looks for its result.
POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Served:
    tables: ProtectedTables
    #: when the tables served were counted, if newer answers have arrived since (None: they are current)
    counted_at: datetime | None = None
    #: True when nothing is stored for the period yet and its first solve is still running: `tables` are empty
    counting: bool = False


def protected_tables(period: Period, *, wait: bool = True) -> Served:
    """The period's protected tables: the stored ones matching its data, else its latest stored ones (with the
    time they were counted), else solved now and stored.

    Whether stored tables match is asked cheaply first: if every source's version (a count and a largest id) is
    the one recorded when the tables were last found current, nothing is counted. Otherwise the period's answers
    are counted and fingerprinted, and matching tables get the new version recorded. A first solve is waited for
    `REPORTS_SOLVE_WAIT_SECONDS` (not at all when `wait` is False), then served as being counted."""
    version = _data_version()
    if version is not None and (tables := _stored_for_version(period.key, version)) is not None:
        return Served(tables)
    tally = sources.participation_tally(period.start, period.end)
    key = fingerprint(tally)
    if (tables := _stored(period.key, key)) is not None:
        _record_version(period.key, key, version)
        return Served(tables)
    latest = _latest(period.key)
    return latest if latest is not None else _solve_beside(period.key, key, tally, wait=wait)


def latest_tables(period: Period) -> Served:
    """The period's latest stored protection, without counting its answers again (a comparison figure, such as
    the previous period's, may be a few minutes old); when none is stored, its solve is started beside the request
    and not waited for (a comparison is not worth a second wait)."""
    latest = _latest(period.key)
    return latest if latest is not None else protected_tables(period, wait=False)


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
    # taken before counting: answers arriving during the run make the next view count again, never the reverse
    version = _data_version()
    for period in periods:
        tally = sources.participation_tally(period.start, period.end)
        key = fingerprint(tally)
        if _stored(period.key, key) is not None:
            _record_version(period.key, key, version)
            outcome[period.key] = "current"
        elif _claim(period.key, key):
            _finish(period.key, key, protect_tally(tally), version)
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


def _data_version() -> str | None:
    version = sources.participation_version()
    return None if version is None else hashlib.sha256(json.dumps(version, default=str).encode()).hexdigest()


def _stored_for_version(period_key: str, version: str) -> ProtectedTables | None:
    data = db.session.scalar(
        select(ReachProtection.tables)
        .where(
            ReachProtection.period_key == period_key,
            ReachProtection.data_version == version,
            ReachProtection.tables.is_not(None),
        )
        .order_by(ReachProtection.computed_at.desc())
        .limit(1)
    )
    return None if data is None else ProtectedTables.from_json(data)


def _record_version(period_key: str, key: str, version: str | None) -> None:
    if version is None:
        return
    db.session.execute(
        update(ReachProtection)
        .where(ReachProtection.period_key == period_key, ReachProtection.fingerprint == key)
        .values(data_version=version)
    )
    db.session.commit()


def _stored(period_key: str, key: str) -> ProtectedTables | None:
    data = db.session.scalar(
        select(ReachProtection.tables).where(
            ReachProtection.period_key == period_key, ReachProtection.fingerprint == key
        )
    )
    return None if data is None else ProtectedTables.from_json(data)


def _solve_beside(period_key: str, key: str, tally: ParticipationTally, *, wait: bool = True) -> Served:
    """Solve in a thread of its own and wait for it a bounded time: the result is stored whether or not the view
    waited long enough to show it. When another run holds the claim, wait for its result the same time."""
    wait = float(current_app.config.get("REPORTS_SOLVE_WAIT_SECONDS", WAIT_SECONDS)) if wait else 0.0
    if _claim(period_key, key):
        version = _data_version()
        app = current_app._get_current_object()
        solved: list[ProtectedTables] = []

        def solve() -> None:
            tables = protect_tally(tally)
            with app.app_context():
                _finish(period_key, key, tables, version)
                db.session.remove()
            solved.append(tables)

        thread = threading.Thread(target=solve, name=f"protect-{period_key}", daemon=True)
        thread.start()
        _running[:] = [*(t for t in _running if t.is_alive()), thread]
        if wait:
            thread.join(wait)
        if solved:
            return Served(solved[0])
    else:
        deadline = time.monotonic() + wait
        while (tables := _stored(period_key, key)) is None and time.monotonic() < deadline:
            db.session.rollback()  # see other runs' commits
            time.sleep(POLL_SECONDS)
        if tables is not None:
            return Served(tables)
    return Served(_empty(), counting=True)


def _empty() -> ProtectedTables:
    """Tables with nobody in them, for a period still being counted (views show none of their figures); nothing to
    solve, so not counted as a solve."""
    return report.protect_tally(ParticipationTally())


#: Solves started beside a request (tests wait for them with `wait_for_solves`).
_running: list[threading.Thread] = []


def wait_for_solves() -> None:
    while _running:
        _running.pop().join()


def _solve(period_key: str, key: str, tally: ParticipationTally) -> ProtectedTables:
    """Solve now; store the result when this request wins the claim (else another is storing the same result)."""
    version = _data_version()
    claimed = _claim(period_key, key)
    tables = protect_tally(tally)
    if claimed:
        _finish(period_key, key, tables, version)
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


def _finish(period_key: str, key: str, tables: ProtectedTables, version: str | None) -> None:
    """Store the solved tables in the claimed row, and drop the period's older protections beyond `KEEP`."""
    db.session.execute(
        update(ReachProtection)
        .where(ReachProtection.period_key == period_key, ReachProtection.fingerprint == key)
        .values(tables=tables.to_json(), computed_at=utcnow(), data_version=version)
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
