"""Database tuning that depends on the engine: SQLite needs a few pragmas to behave like a server."""

from __future__ import annotations

import functools
import select
import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from sqlalchemy import Connection, Update, event, func
from sqlalchemy.exc import DisconnectionError

from engage.extensions import db


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets gunicorn's workers read while one writes; foreign keys are off in SQLite unless asked for.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # every commit waits for the disk unless a save opts out
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_restore_durability(dbapi_connection, record) -> None:
    if record.info.pop(_RELAXED, False):
        dbapi_connection.execute("PRAGMA synchronous=FULL")


_RELAXED = "engage.relaxed_durability"


def commit_without_waiting_for_disk() -> None:
    """Commit the session now and let the write reach the disk a moment later.

    Only for saves a person could redo, such as one page of a survey draft: nothing is lost when the
    application or a worker crashes, but a power cut or operating-system crash in the following second may
    lose the last saves. Waiting for the disk on every page would cost most of a page save's time.
    The session's objects keep their values after the commit instead of being reloaded.
    Submissions, comments and staff changes keep ordinary commits, which wait for the disk.
    """
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")  # this transaction only
    elif connection.dialect.name == "sqlite":
        # In WAL mode, NORMAL syncs at checkpoints instead of at each commit; restored when the
        # connection goes back to the pool, so the next user of the connection waits for the disk again.
        connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
        connection.info[_RELAXED] = True
    # What was just written is what the objects hold: keep them as they are rather than reloading them
    # on the next read (these saves belong to one person, so nobody else changes them meanwhile).
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


@contextmanager
def single_statements() -> Iterator[Connection]:
    """A pooled connection outside the ORM session on which each statement is a transaction of its own.

    For the survey pages' one read and one write per request: on PostgreSQL a transaction costs a BEGIN before
    the statement and a COMMIT or ROLLBACK after it, each a round trip to the server (and on a busy machine a
    wait for its process), so a single statement this way is one round trip instead of three.
    Only for work that is one statement: two statements here see two different moments.
    """
    with db.engine.connect() as connection:
        yield connection.execution_options(isolation_level="AUTOCOMMIT")


def update_without_waiting_for_disk(statement: Update, parameters: dict | None = None) -> int:
    """Run one UPDATE as a transaction of its own, committed without waiting for the disk; the rows it matched.

    What commit_without_waiting_for_disk says holds here too (only for saves a person could redo). PostgreSQL: the
    setting is made by set_config(..., true) inside the UPDATE itself, so it lasts for this transaction only and
    costs no round trip of its own (`SET LOCAL` would be one, and needs a BEGIN first); the condition holds on
    every row the UPDATE matches, so every row it writes is written with the setting made.
    """
    with single_statements() as connection:
        if connection.dialect.name == "postgresql":
            statement = _relaxed_on_postgresql(statement)
        elif connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA synchronous=NORMAL")  # restored when the connection is returned
            connection.info[_RELAXED] = True
        return connection.execute(statement, parameters).rowcount


@functools.lru_cache(maxsize=64)
def _relaxed_on_postgresql(statement: Update) -> Update:
    """The UPDATE with the setting made in its own condition (kept per statement: callers pass prebuilt ones)."""
    return statement.where(func.set_config("synchronous_commit", "off", True) == "off")


_RETURNED = "engage.returned_at"


def server_has_spoken(dbapi_connection) -> bool:
    """Whether an idle connection has something to read: the server wrote to it unasked, which for a connection in
    the pool means it said goodbye (a restart or `pg_terminate_backend` sends a FATAL message and closes the
    socket). Asking the operating system costs no round trip; anything else a server sends unasked (a notice) only
    costs the ping that follows."""
    try:
        poller = select.poll()
        poller.register(dbapi_connection.fileno(), select.POLLIN)
        return bool(poller.poll(0))
    except (AttributeError, OSError, ValueError):  # no socket to look at (closed, or not a network driver): ping
        return True


def _ping_when_idle(engine, idle_seconds: float) -> None:
    """Test a pooled connection before use when the server has closed it or written to it, or when it has sat
    unused for `idle_seconds`.

    A server restart or failover ends each connection with a message and a close, which the socket shows at once:
    such a connection is replaced before the request uses it, without a round trip for the healthy ones (SQLAlchemy's
    pool_pre_ping sends one on every checkout, about a third of a survey page's database time). A connection
    dropped silently (a firewall forgetting it) shows nothing, so one unused for `idle_seconds` is tested anyway.
    """

    def returned(_dbapi_connection, record) -> None:
        record.info[_RETURNED] = time.monotonic()

    def checkout(dbapi_connection, record, _proxy) -> None:
        recently_used = time.monotonic() - record.info.get(_RETURNED, 0.0) < idle_seconds
        if recently_used and not server_has_spoken(dbapi_connection):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError("the pooled connection was dropped while idle") from error  # pool reconnects

    event.listen(engine, "connect", lambda connection, record: returned(connection, record))
    event.listen(engine, "checkin", returned)
    event.listen(engine, "checkout", checkout)


def init_app(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "checkin", _sqlite_restore_durability)
        elif not app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}).get("pool_pre_ping"):
            _ping_when_idle(engine, float(app.config.get("DATABASE_PING_IDLE_SECONDS", 5)))
