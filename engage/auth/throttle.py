"""Failed sign-ins limited per account, in the database: whichever worker or machine answers, the 6th failure
within a minute and the 101st within an hour are refused before the password or code is even checked.

An attempt is written and committed first, then all the account's attempts are counted. The k-th attempt to
commit sees at least k rows, so however many arrive at once, at most the allowed number go on to be checked.
A success removes its row (successes never count); a refused attempt removes its row too, so hammering a
locked account does not keep it locked for longer.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.exc import OperationalError

from engage.auth.models import SignInAttempt
from engage.clock import utcnow
from engage.extensions import db

#: (window, most failures allowed in it): the 6th within 60 s is refused; never more than 100 an hour.
LIMITS = ((timedelta(seconds=60), 5), (timedelta(hours=1), 100))
KEPT_FOR = timedelta(hours=1)


class TooManyAttemptsError(Exception):
    """This account has had too many failed attempts recently: try again later."""


def account_key(stage: str, account: str | int) -> str:
    return hashlib.sha256(f"{stage}:{account}".encode()).hexdigest()


def begin(key: str) -> int:
    """Record an attempt on this account and return its id; raises TooManyAttemptsError when over a limit."""
    now = utcnow()
    _purge(now)
    attempt = SignInAttempt(key_hash=key, attempted_at=now)
    db.session.add(attempt)
    db.session.commit()  # visible to every other worker before we count
    if any(_count(key, now - window) > allowed for window, allowed in LIMITS):
        forget(attempt.id)
        raise TooManyAttemptsError(key)
    return attempt.id


def _purge(now) -> None:
    """Drop attempts older than every window. Best effort: two workers purging the same rows at once may
    deadlock or wait on a lock; the loser leaves the rows to the winner (or the next attempt)."""
    try:
        db.session.execute(delete(SignInAttempt).where(SignInAttempt.attempted_at < now - KEPT_FOR))
        db.session.commit()
    except OperationalError:
        db.session.rollback()


def _count(key: str, since) -> int:
    query = select(func.count(SignInAttempt.id)).where(
        SignInAttempt.key_hash == key, SignInAttempt.attempted_at > since
    )
    return db.session.scalar(query) or 0


def forget(attempt_id: int) -> None:
    """The attempt succeeded (or was refused unchecked): it does not count as a failure."""
    db.session.execute(delete(SignInAttempt).where(SignInAttempt.id == attempt_id))
    db.session.commit()
