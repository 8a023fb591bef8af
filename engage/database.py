"""Database tuning that depends on the engine: SQLite needs a few pragmas to behave like a server."""

from __future__ import annotations

import select
import time

from flask import Flask
from sqlalchemy import event
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
