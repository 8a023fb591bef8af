"""Digest operations: subscriptions, signed unsubscribe links, and the run that sends each period once."""

from __future__ import annotations

import logging
import smtplib
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from engage.audit import record_audit
from engage.auth.models import User
from engage.claims import claim, lease_end
from engage.clock import utcnow
from engage.digests.compose import compose
from engage.digests.models import (
    SECTIONS,
    Channel,
    DeliveryStatus,
    DigestDelivery,
    Frequency,
    Subscription,
)
from engage.digests.render import Rendered, render_digest, webhook_payload
from engage.digests.webhook import WebhookError, post_json
from engage.extensions import db
from engage.mail import send_email
from engage.reach.periods import Period, last_complete, parse_period

log = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "engage.digests.unsubscribe"
PERIOD_KIND = {Frequency.weekly: "week", Frequency.monthly: "month"}


# Subscriptions -------------------------------------------------------------------------------------------------


def subscription_for(user: User) -> Subscription | None:
    return db.session.scalar(select(Subscription).where(Subscription.user_id == user.id))


def save_subscription(
    user: User, *, frequency: str, sections: list[str], email: bool, webhook_url: str | None, active: bool = True
) -> Subscription:
    subscription = subscription_for(user) or Subscription(user_id=user.id)
    subscription.frequency = Frequency(frequency)
    subscription.sections = [s for s in SECTIONS if s in sections]
    subscription.email = email
    subscription.webhook_url = webhook_url or None
    subscription.active = active
    db.session.add(subscription)
    db.session.flush()
    record_audit(
        "digests.subscription.save",
        "digest_subscription",
        subscription.id,
        commit=False,
        frequency=frequency,
        email=email,
        webhook=bool(webhook_url),
        active=active,
    )
    db.session.commit()
    return subscription


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(subscription: Subscription) -> str:
    return _serializer().dumps({"s": subscription.id, "u": subscription.user_id})


def subscription_from_token(token: str) -> Subscription | None:
    """The subscription a signed link names, or None when the link was altered or the subscription is gone."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    subscription = db.session.get(Subscription, data.get("s")) if isinstance(data, dict) else None
    return subscription if subscription and subscription.user_id == data.get("u") else None


def unsubscribe(subscription: Subscription) -> None:
    subscription.active = False
    record_audit(
        "digests.unsubscribe", "digest_subscription", subscription.id, actor_id=subscription.user_id, commit=False
    )
    db.session.commit()


# Sending -------------------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    email: str
    period_key: str
    channel: str
    #: "sent", "failed", "abandoned", "skipped" (already sent, or waiting for its retry time) or "would send"
    result: str
    error: str | None = None


@dataclass
class RunReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, result: str) -> int:
        return sum(1 for o in self.outcomes if o.result == result)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.result in ("failed", "abandoned")]


def send_digests(frequency: str | None = None, *, today: date | None = None, dry_run: bool = False) -> RunReport:
    """Send every due digest once: this run's period for each active subscriber (of `frequency`, or both), and
    earlier failures whose retry time has come. Each delivery is recorded; a second run sends nothing twice."""
    today = today or utcnow().date()
    report = RunReport()
    cache: dict = {}
    frequencies = [Frequency(frequency)] if frequency else list(Frequency)
    query = select(Subscription).join(Subscription.user).where(Subscription.active, User.active)
    for subscription in db.session.scalars(query.order_by(Subscription.id)).all():
        periods = _retry_periods(subscription)
        if subscription.frequency in frequencies:
            periods.add(last_complete(PERIOD_KIND[subscription.frequency], today).key)
        for key in sorted(periods):
            _send_period(subscription, parse_period(key), today, dry_run, report, cache)
    return report


def _retry_periods(subscription: Subscription) -> set[str]:
    rows = db.session.scalars(
        select(DigestDelivery.period_key).where(
            DigestDelivery.user_id == subscription.user_id, DigestDelivery.status == DeliveryStatus.failed
        )
    )
    return set(rows)


def _send_period(subscription, period: Period, today: date, dry_run: bool, report: RunReport, cache: dict) -> None:
    user = subscription.user
    due = [c for c in subscription.channels() if _due(user.id, period.key, c)]
    if not dry_run:  # of two runs at once, only one claims each delivery; the other reports it skipped
        due = [c for c in due if _claim(user.id, period.key, c)]
    skipped = [c for c in subscription.channels() if c not in due]
    report.outcomes += [Outcome(user.email, period.key, c.value, "skipped") for c in skipped]
    if not due:
        return
    digest = compose(user.role.value, subscription.sections, period, today, cache)
    rendered = render_digest(digest, user.language, unsubscribe_token(subscription))
    for channel in due:
        if dry_run:
            report.outcomes.append(Outcome(user.email, period.key, channel.value, "would send"))
            continue
        report.outcomes.append(_deliver(subscription, period.key, channel, digest, rendered))


def _delivery(user_id: int, period_key: str, channel: Channel) -> DigestDelivery | None:
    return db.session.scalar(
        select(DigestDelivery).where(
            DigestDelivery.user_id == user_id,
            DigestDelivery.period_key == period_key,
            DigestDelivery.channel == channel,
        )
    )


def _due(user_id: int, period_key: str, channel: Channel) -> bool:
    delivery = _delivery(user_id, period_key, channel)
    if delivery is None:
        return True
    if delivery.status is not DeliveryStatus.failed:
        return False
    return delivery.next_attempt_at is None or delivery.next_attempt_at <= utcnow()


def _claim(user_id: int, period_key: str, channel: Channel) -> bool:
    """Take one delivery for this run, committed before anything is sent (engage.claims).

    A first delivery is claimed by inserting its row: the unique constraint lets one of two runs do it, and the
    other falls through to the UPDATE below, which finds the row already held. A failed one (or one whose sender
    died) is claimed by a conditional UPDATE."""
    now = utcnow()
    db.session.commit()
    if _delivery(user_id, period_key, channel) is None:
        db.session.add(
            DigestDelivery(
                user_id=user_id,
                period_key=period_key,
                channel=channel,
                status=DeliveryStatus.failed,
                attempts=0,
                claimed_until=lease_end(now),
            )
        )
        try:
            db.session.commit()
            return True
        except IntegrityError:  # another run inserted it first
            db.session.rollback()
    retry_time = or_(DigestDelivery.next_attempt_at.is_(None), DigestDelivery.next_attempt_at <= now)
    unclaimed = or_(DigestDelivery.claimed_until.is_(None), DigestDelivery.claimed_until < now)
    return claim(
        update(DigestDelivery)
        .where(
            DigestDelivery.user_id == user_id,
            DigestDelivery.period_key == period_key,
            DigestDelivery.channel == channel,
            DigestDelivery.status == DeliveryStatus.failed,
            retry_time,
            unclaimed,
        )
        .values(claimed_until=lease_end(now))
    )


def _deliver(subscription, period_key, channel, digest, rendered: Rendered) -> Outcome:
    """Send one delivery this run has claimed, and record the outcome (which releases the claim)."""
    user = subscription.user
    delivery = _delivery(user.id, period_key, channel)
    error, detail = None, {}
    try:
        if channel is Channel.email:
            send_email(user.email, rendered.subject, rendered.text, rendered.html)
        else:
            detail["http_status"] = _post_with_retries(subscription.webhook_url, webhook_payload(digest, rendered))
    except (smtplib.SMTPException, OSError, WebhookError) as failure:
        error = _short(failure)
    _record(delivery, error, detail)
    if error:
        log.warning("Digest %s for user %s (%s) failed: %s", period_key, user.id, channel.value, error)
    return Outcome(user.email, period_key, channel.value, delivery.status.value, error)


def _post_with_retries(url: str, payload: dict) -> int:
    """Try a webhook a few times in this run, waiting longer each time (exponential backoff)."""
    config = current_app.config
    tries = 1 + config["DIGEST_WEBHOOK_RETRIES"]
    for attempt in range(tries):
        try:
            return post_json(
                url,
                payload,
                timeout=config["DIGEST_WEBHOOK_TIMEOUT"],
                allow_private=config["DIGEST_WEBHOOK_ALLOW_PRIVATE"],
            )
        except WebhookError:
            if attempt == tries - 1:
                raise
            time.sleep(config["DIGEST_WEBHOOK_RETRY_SECONDS"] * 2**attempt)
    raise AssertionError("unreachable")


def _record(delivery: DigestDelivery, error: str | None, detail: dict) -> None:
    now = utcnow()
    delivery.attempts += 1
    delivery.detail = detail
    delivery.claimed_until = None
    if error is None:
        delivery.status, delivery.sent_at, delivery.last_error, delivery.next_attempt_at = (
            DeliveryStatus.sent,
            now,
            None,
            None,
        )
    else:
        delivery.last_error = error
        maximum = current_app.config["DIGEST_MAX_ATTEMPTS"]
        delivery.status = DeliveryStatus.abandoned if delivery.attempts >= maximum else DeliveryStatus.failed
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
    db.session.add(delivery)
    db.session.commit()


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next run may try again: DIGEST_RETRY_MINUTES, doubling with each failure, at most a day."""
    minutes = current_app.config["DIGEST_RETRY_MINUTES"] * 2 ** max(attempts - 1, 0)
    return timedelta(minutes=min(minutes, 24 * 60))


def _short(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:500]


def deliveries_for(user: User, limit: int = 10) -> list[DigestDelivery]:
    query = select(DigestDelivery).where(DigestDelivery.user_id == user.id).order_by(DigestDelivery.id.desc())
    return list(db.session.scalars(query.limit(limit)))
