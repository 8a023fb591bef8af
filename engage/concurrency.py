"""Optimistic concurrency for staff edits: a record carries a version number, the form carries the number it
was drawn from, and a save moves the record to the next number only if nobody else did first.

The move is one conditional UPDATE (``version = version + 1 WHERE id = … AND version = seen``), run before the
save writes anything and committed with it. On PostgreSQL a second save at the same moment waits on the row
lock, then matches nothing; on SQLite writers take turns. Either way exactly one of two saves drawn from the
same version goes through, and the other writes nothing.

Why a counter bumped here rather than SQLAlchemy's ``version_id_col``: the mapper option puts the version check
in *every* ORM UPDATE of the row, so the hourly re-analysis or an alert sender touching a comment a moderator
has open would either fail with StaleDataError in cron or count as "another person's change". Only people's
saves should move the version; the counter is the same column a version_id_col would use, bumped only by them.
"""

from __future__ import annotations

from sqlalchemy import update

from engage.extensions import db


class StaleEditError(Exception):
    """Someone saved the record after the form was drawn: nothing was written."""

    def __init__(self, record_id, seen: int, current: int) -> None:
        super().__init__(f"{record_id}: drawn from version {seen}, now {current}")
        self.record_id, self.seen, self.current = record_id, seen, current


def seen_version(value: str | None) -> int | None:
    """The version a posted form was drawn from; None when the form carried none (then nothing is checked)."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def advance(record, seen: int | None) -> int:
    """Move ``record`` to its next version in the current transaction, or raise StaleEditError (nothing written).

    ``seen`` None (a script, a page from before versions) moves it without checking. Returns the new version.
    """
    model = type(record)
    statement = update(model).where(model.id == record.id).values(version=model.version + 1)
    if seen is not None:
        statement = statement.where(model.version == seen)
    result = db.session.execute(statement.execution_options(synchronize_session=False))
    db.session.refresh(record, ["version"])
    if result.rowcount != 1:
        raise StaleEditError(record.id, seen or 0, record.version)
    return record.version
