"""Digest subscriptions and the record of every delivery (so a period is never sent twice)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.auth.models import User
from engage.clock import utcnow
from engage.extensions import db


class Frequency(enum.Enum):
    weekly = "weekly"
    monthly = "monthly"


class Channel(enum.Enum):
    email = "email"
    webhook = "webhook"


class DeliveryStatus(enum.Enum):
    sent = "sent"
    #: tried and failed; tried again on a later run after `next_attempt_at`, up to DIGEST_MAX_ATTEMPTS
    failed = "failed"
    #: failed DIGEST_MAX_ATTEMPTS times: reported, not tried again
    abandoned = "abandoned"


#: Every section a digest can have, in the order it shows them.
SECTIONS = ("themes", "sentiment", "reach", "under_reached", "actions", "moderation", "reviews")


class Subscription(db.Model):
    """One staff member's digest: how often, which sections, and where to send it."""

    __tablename__ = "digest_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    frequency: Mapped[Frequency] = mapped_column(Enum(Frequency, native_enum=False, length=10))
    #: section ids from SECTIONS
    sections: Mapped[list[str]] = mapped_column(JSON, default=lambda: list(SECTIONS))
    email: Mapped[bool] = mapped_column(default=True)
    #: an http(s) URL that receives the digest as a JSON POST (e.g. a Teams incoming webhook)
    webhook_url: Mapped[str | None] = mapped_column(String(500))
    #: False after the person unsubscribes (from the link in an email, or their settings page)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship()

    def channels(self) -> list[Channel]:
        return [c for c, on in ((Channel.email, self.email), (Channel.webhook, bool(self.webhook_url))) if on]


class DigestDelivery(db.Model):
    """One digest for one period through one channel: at most one per subscriber, period and channel."""

    __tablename__ = "digest_deliveries"
    __table_args__ = (UniqueConstraint("user_id", "period_key", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: "2026-W47" (weekly) or "2026-11" (monthly)
    period_key: Mapped[str] = mapped_column(String(10))
    channel: Mapped[Channel] = mapped_column(Enum(Channel, native_enum=False, length=10))
    status: Mapped[DeliveryStatus] = mapped_column(Enum(DeliveryStatus, native_enum=False, length=10), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    #: the last failure, as a short technical message (never the digest's content)
    last_error: Mapped[str | None] = mapped_column(String(500))
    next_attempt_at: Mapped[datetime | None]
    #: While a run sends it, the moment that run's claim lapses (engage.claims): no other run sends it meanwhile.
    #: A first delivery is claimed by inserting it as `failed` with no attempts yet.
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: small facts about the delivery (e.g. the HTTP status a webhook answered)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
