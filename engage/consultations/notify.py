"""Telling followers (and commenters who asked to hear back) that a consultation moved on (or that an action linked
to it changed status), exactly once, however many runs of the cron overlap.

1. Each published consultation's current stage is recorded once (a unique row per consultation and stage).
2. Each new stage change gets one notification row per follower confirmed before it (a unique pair, inserted
   with ON CONFLICT DO NOTHING, so two runs add each row once).
3. Each notification is claimed by a conditional UPDATE before it is sent: only the run whose UPDATE changed
   the row sends it. A claim older than CLAIM_TIMEOUT (a run that died) may be taken again.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from engage import claims, mail
from engage.clock import utcnow
from engage.consultations import emails, service
from engage.consultations.models import ActionUpdate, Consultation, Follower, Notification, Stage, StageChange
from engage.extensions import db

log = logging.getLogger(__name__)
CLAIM_TIMEOUT = timedelta(minutes=30)
MAX_ATTEMPTS = 5
#: Families are told when a consultation opens, closes and publishes its outcome (not when it is announced).
NEWS = (Stage.open, Stage.closed, Stage.outcome_published)


@dataclass(frozen=True)
class RunResult:
    recorded: int
    sent: int
    failed: int


def run(now: datetime | None = None) -> RunResult:
    """Record stage changes, queue followers' emails and send them; safe to run at the same time as itself."""
    now = now or utcnow()
    published = db.session.scalars(select(Consultation).where(Consultation.published_at.is_not(None))).all()
    recorded = sum(service.record_stage(c, now) is not None for c in published)
    fan_out(now)
    sent, failed = send_pending(now)
    return RunResult(recorded, sent, failed)


def _insert_ignoring_duplicates(key: str):
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(Notification).on_conflict_do_nothing(index_elements=["follower_id", key])


def _followers(consultation_id: int, before: datetime, *, hear_back: bool = True) -> list[int]:
    """Followers still following who confirmed before `before` (no news from before they joined); with
    `hear_back`, commenters who asked to hear back too."""
    where = [Follower.consultation_id == consultation_id, Follower.confirmed_at <= before]
    if not hear_back:
        where.append(Follower.hear_back.is_(False))
    return db.session.scalars(select(Follower.id).where(*where)).all()


def _queue(key: str, event_id: int, followers: list[int]) -> None:
    rows = [{"follower_id": f, key: event_id, "attempts": 0} for f in followers]
    if rows:
        db.session.execute(_insert_ignoring_duplicates(key), rows)


def fan_out(now: datetime) -> None:
    """One notification per follower per stage change, and per action update that changed a linked action's status."""
    for change in db.session.scalars(select(StageChange).where(StageChange.fanned_out_at.is_(None))).all():
        if change.stage in NEWS:
            # commenters who asked to hear back are told of the outcome, not of every stage
            everyone = change.stage == Stage.outcome_published
            _queue(
                "stage_change_id", change.id, _followers(change.consultation_id, change.recorded_at, hear_back=everyone)
            )
        change.fanned_out_at = now
        db.session.commit()
    for posted in db.session.scalars(select(ActionUpdate).where(ActionUpdate.fanned_out_at.is_(None))).all():
        consultation_id = posted.action.consultation_id
        if consultation_id is not None and posted.status != posted.previous_status:
            _queue("action_update_id", posted.id, _followers(consultation_id, posted.posted_at))
        posted.fanned_out_at = now
        db.session.commit()


def _claimable(now: datetime):
    """Not yet claimed, or claimed by a run that died more than CLAIM_TIMEOUT ago."""
    return or_(Notification.claimed_at.is_(None), Notification.claimed_at < now - CLAIM_TIMEOUT)


def _claim(notification_id: int, now: datetime) -> bool:
    """Mark the notification as being sent by this run; False when another run holds it or sent it."""
    return claims.claim(
        update(Notification)
        .where(Notification.id == notification_id, Notification.sent_at.is_(None), _claimable(now))
        .values(claimed_at=now, attempts=Notification.attempts + 1)
    )


def send_pending(now: datetime) -> tuple[int, int]:
    """Send every unclaimed notification once; a refused email is released for the next run."""
    pending = db.session.scalars(
        select(Notification.id).where(
            Notification.sent_at.is_(None),
            Notification.attempts < MAX_ATTEMPTS,
            _claimable(now),
        )
    ).all()
    sent = failed = 0
    for notification_id in pending:
        if not _claim(notification_id, now):
            continue
        if _deliver(db.session.get(Notification, notification_id), now):
            sent += 1
        else:
            failed += 1
    return sent, failed


def _deliver(notification: Notification, now: datetime) -> bool:
    follower = notification.follower
    if follower.active:
        consultation = db.session.get(Consultation, follower.consultation_id)
        if notification.stage_change is not None:
            message = emails.stage_news(follower, consultation, notification.stage_change.stage)
        else:
            message = emails.action_news(follower, consultation, notification.action_update)
        try:
            mail.send_email(follower.email, message.subject, message.text, message.html, headers=message.headers)
        except (smtplib.SMTPException, OSError):
            log.warning("Consultation notification %s not sent; the next run tries again", notification.id)
            notification.claimed_at = None
            db.session.commit()
            return False
    notification.sent_at = now  # also closes one for a follower who stopped following meanwhile
    db.session.commit()
    return True
