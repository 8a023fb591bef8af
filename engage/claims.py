"""Claims: how a cron run (or a web request) takes one piece of work so that no other run does it too.

A claim is a lease written by a conditional UPDATE that only matches rows nobody holds (or whose holder's lease has
run out), committed at once and checked by its row count. This works the same on SQLite and PostgreSQL, on one
machine or several, and no transaction stays open while the email is sent. A run that dies while holding a claim
(its machine lost, say) leaves a lease that ends after CRON_CLAIM_MINUTES; the next run of any machine takes over.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import Update

from engage.clock import utcnow
from engage.extensions import db


def lease_end(now: datetime | None = None) -> datetime:
    """When a claim taken now stops protecting its work."""
    return (now or utcnow()) + timedelta(minutes=current_app.config["CRON_CLAIM_MINUTES"])


def claim(statement: Update) -> bool:
    """Run a conditional UPDATE that takes one row, commit it, and say whether this run got it.

    The statement's WHERE must only match a row that is still owed and unclaimed (or whose claim expired): of two
    runs at once, the database lets exactly one match it."""
    result = db.session.execute(statement.execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount == 1
