"""One notion of now: naive UTC datetimes, the only kind Engage stores.

An application may pin its clock with the setting ``CLOCK_PINNED_AT`` (a naive UTC datetime): inside that
application's context, ``utcnow()`` answers that moment. The browser tests pin their live server so that the
demo's data (which stops on 20 November 2026) and every "current period" agree on whatever day they run; the
pin belongs to one application, so other tests in the same process keep the real clock.
"""

from datetime import UTC, datetime

from flask import current_app, has_app_context


def utcnow() -> datetime:
    """The current time in UTC, without tzinfo (SQLite cannot keep it; we always mean UTC)."""
    if has_app_context():
        pinned = current_app.config.get("CLOCK_PINNED_AT")
        if pinned is not None:
            return pinned
    return datetime.now(UTC).replace(tzinfo=None)
