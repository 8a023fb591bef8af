"""Given a save that opts out of waiting for the disk, when it commits, then the row is stored and the next
transaction on any connection waits for the disk again (SQLite: synchronous=FULL; PostgreSQL:
synchronous_commit on)."""

from sqlalchemy import event, text

from engage.audit import AuditEvent
from engage.database import commit_without_waiting_for_disk
from engage.extensions import db


def durability_setting() -> str:
    if db.engine.dialect.name == "sqlite":
        return str(db.session.execute(text("PRAGMA synchronous")).scalar())
    return db.session.execute(text("SHOW synchronous_commit")).scalar()


def test_a_relaxed_commit_stores_the_row_and_the_next_transaction_waits_for_the_disk_again(app):
    waits = durability_setting()
    assert waits in {"2", "on"}  # FULL / on: the default for every other write

    db.session.add(AuditEvent(action="durability.test"))
    commit_without_waiting_for_disk()
    db.session.remove()

    assert db.session.scalar(text("SELECT count(*) FROM audit_events WHERE action = 'durability.test'")) == 1
    assert durability_setting() == waits


def test_the_commit_itself_runs_without_waiting_for_the_disk(app):
    waits = durability_setting()
    seen = []

    def note_setting(session):
        seen.append(durability_setting())

    event.listen(db.session, "before_commit", note_setting)
    try:
        db.session.add(AuditEvent(action="durability.test"))
        commit_without_waiting_for_disk()
    finally:
        event.remove(db.session, "before_commit", note_setting)
    assert seen and seen[0] in {"1", "off"}  # NORMAL / off while this one commit happens
    db.session.remove()
    assert durability_setting() == waits
