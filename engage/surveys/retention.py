"""Retention of submitted survey responses: `flask --app wsgi surveys purge-responses`, daily from cron.

Each survey keeps its responses for ``retention_days`` from its definition (SURVEY_RESPONSE_RETENTION_DAYS when it
names none, 730 by default), counted from submission. Past that, the response goes with everything that is
still one person's: its answers, its reach rows (ward, ethnicity, age band, need) and the comments made from its
free text. What stays:

- what was published: a comment from a response that moderators redacted and published stays, unlinked from the
  response (other features keep what they published through ``on_purge`` hooks);
- what was aggregated: counts already sent in digests, written to exported files or recorded in the audit log;
  the live dashboards count only what is still held, so a period older than the retention shows no responses;
- the submitted draft rows, which hold no answers (starts and drop-off counts);
- for now, a response whose free text holds an open safeguarding concern (flagged, no action recorded, not
  dismissed): it is kept through ``on_hold`` hooks until a moderator deals with it, then goes on the next run.

Running it twice changes nothing more, and two runs at once do the work once: each takes the purge lock first
(PostgreSQL: an advisory lock; SQLite: the write lock), so the second finds nothing left to delete.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import Select, delete, select, text

from engage.audit import record_audit
from engage.clock import utcnow
from engage.extensions import db
from engage.surveys import service
from engage.surveys.models import SurveyReachAnswer, SurveyResponse

#: Called inside the purge's transaction with a SELECT of the ids of the responses about to be deleted.
PurgeHook = Callable[[Select], None]
_purge_hooks: list[PurgeHook] = []
#: Returns a SELECT of the ids of responses that must be kept past their retention for now (an open safeguarding
#: concern in their free text, say); they are purged on the first run after the hold is lifted.
HoldHook = Callable[[], Select]
_hold_hooks: list[HoldHook] = []
#: pg_advisory_xact_lock's key: any fixed number that no other job uses ("engage surveys purge").
_LOCK_KEY = 0x656E_7370
#: Bulk statements leave the session's objects alone.
BULK = {"execution_options": {"synchronize_session": False}}


def on_purge(hook: PurgeHook) -> None:
    """Register ``hook`` (once: an app factory may run several times in one process)."""
    if hook not in _purge_hooks:
        _purge_hooks.append(hook)


def on_hold(hook: HoldHook) -> None:
    """Register ``hook`` (once), a source of responses to keep for now."""
    if hook not in _hold_hooks:
        _hold_hooks.append(hook)


def retention_days(survey_id: str) -> int:
    """The survey's own retention, else the setting's."""
    survey = service.registry().get(survey_id)
    if survey is not None and survey.retention_days:
        return survey.retention_days
    return int(current_app.config["SURVEY_RESPONSE_RETENTION_DAYS"])


def purge_responses(now: datetime | None = None, *, actor_id: int | None = None) -> dict[str, int]:
    """Delete responses past their survey's retention; {survey id: responses deleted} for those with any."""
    now = now or utcnow()
    db.session.commit()  # the lock must be the transaction's first statement
    _take_lock()
    purged = {}
    for survey_id in db.session.scalars(select(SurveyResponse.survey_id).distinct()).all():
        count = _purge_survey(survey_id, now - timedelta(days=retention_days(survey_id)))
        if count:
            purged[survey_id] = count
    if purged:
        record_audit("survey.responses.purge", "survey", None, actor_id=actor_id, commit=False, deleted=purged)
    db.session.commit()
    return purged


def _take_lock() -> None:
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    else:
        # SQLite: a write (that changes nothing) takes the database's write lock now, before anything is read, so
        # a second run waits for the first to commit instead of failing to upgrade a stale read
        connection.execute(delete(SurveyResponse).where(SurveyResponse.id < 0))


def _purge_survey(survey_id: str, cutoff: datetime) -> int:
    past = (SurveyResponse.survey_id == survey_id, SurveyResponse.submitted_at < cutoff)
    held = [SurveyResponse.id.not_in(hook()) for hook in _hold_hooks]
    due = select(SurveyResponse.id).where(*past, *held)
    for hook in _purge_hooks:
        hook(due)
    db.session.execute(delete(SurveyReachAnswer).where(SurveyReachAnswer.response_id.in_(due)), **BULK)
    result = db.session.execute(delete(SurveyResponse).where(*past, *held), **BULK)
    return result.rowcount
