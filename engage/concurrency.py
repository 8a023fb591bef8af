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

import datetime
import enum
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update

from engage.audit import AuditEvent
from engage.auth.models import User
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


# ------------------------------------------------------------- forms drawn from an older version


def _plain(value: Any) -> Any:
    """A form value as a comparable plain value: text trimmed with \\n line ends, lists sorted, dates as ISO."""
    if isinstance(value, (list, tuple, set)):
        return sorted(str(_plain(v)) for v in value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, str):
        return (value or "").replace("\r\n", "\n").strip()
    return value


def fingerprint(value: Any) -> str:
    """A short digest of what a form field showed, carried in the page (`shown-<field>`) so a refused save can
    tell the fields this person changed from the ones someone else changed."""
    return hashlib.sha256(json.dumps(_plain(value), default=str).encode()).hexdigest()[:16]


@dataclass
class Refusal:
    """A refused save, for the page: what others did since (what, who, when), the fields only they changed (now
    showing theirs) and the fields both changed (keeping what this person typed)."""

    done: list[tuple[str, str | None, datetime.datetime]]
    theirs: list[str] = field(default_factory=list)
    both: list[str] = field(default_factory=list)


def merge(shown: Mapping[str, str], current: Mapping, typed: Mapping, names) -> tuple[dict, list[str], list[str]]:
    """(form data merged, fields only they changed, fields both changed). `shown`: the posted fingerprints."""
    merged, theirs, both = dict(typed), [], []
    for name in names:
        seen = shown.get(name)
        if seen is None or fingerprint(current.get(name)) == seen:
            continue  # unchanged by anyone else: what was typed stands
        if fingerprint(typed.get(name)) == seen:
            merged[name] = current.get(name)
            theirs.append(name)
        elif fingerprint(typed.get(name)) != fingerprint(current.get(name)):
            both.append(name)
    return merged, theirs, both


def done_since(object_type: str, object_id: int, labels: Mapping[str, Any], seen: int):
    """What staff did to a record after version `seen` ((what, who, when), oldest first), from the audit events
    that carry the version their save made."""
    rows = db.session.execute(
        select(AuditEvent, User.email)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.object_type == object_type, AuditEvent.object_id == str(object_id))
        .where(AuditEvent.action.in_(labels), AuditEvent.detail["version"].as_integer() > seen)
        .order_by(AuditEvent.id)
    ).all()
    return [(str(labels[event.action]), who, event.occurred_at) for event, who in rows]
