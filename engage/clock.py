"""One notion of now: naive UTC datetimes, the only kind Engage stores."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time in UTC, without tzinfo (SQLite cannot keep it; we always mean UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)
