"""Families' comments, the themes moderators code them with, and the state of their moderation.

No IP address or user agent is ever stored with a comment (the rate limiter keys on the address in memory only).
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Enum, ForeignKey, Index, LargeBinary, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.clock import utcnow
from engage.extensions import db


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20)


class Topic(enum.Enum):
    service = "service"
    local_offer = "local_offer"
    consultation = "consultation"
    general = "general"
    #: A free-text answer in a survey response (never offered on the comment form).
    survey = "survey"


class CommentStatus(enum.Enum):
    #: Waiting for a moderator.
    new = "new"
    #: A moderator has started (redaction, themes or translation changed).
    in_review = "in_review"
    #: Shown publicly (redacted) with the area's response.
    published = "published"
    #: Not published, with a reason (spam, offensive, not about SEND services...).
    rejected = "rejected"
    #: About one family's own case: passed to a service, never published.
    individual_case = "individual_case"
    #: A survey answer with nothing for a moderator to do (no concern, in English): kept private with its
    #: response, counted in reports, out of the open queue.
    filed = "filed"


OPEN_STATUSES = (CommentStatus.new, CommentStatus.in_review)


class PublishConsent(enum.Enum):
    #: The family agreed that the comment may be published without their name.
    anonymous = "anonymous"
    #: The family asked for it not to be published.
    private = "private"


class Regulation56(enum.Enum):
    """Regulation 56(1) of the SEND Regulations 2014: what a comment on the Local Offer is about."""

    #: (a) the content of the Local Offer, its quality and gaps in provision
    content = "a"
    #: (b) the accessibility of the information in the Local Offer
    accessibility = "b"
    #: (c) how the Local Offer was developed or reviewed
    development = "c"


class RejectionCategory(enum.Enum):
    """Why a comment was left out; counted (never quoted) on "You said, we did" (regulation 56(4))."""

    vexatious = "vexatious"
    offensive = "offensive"
    spam = "spam"
    #: not about SEND services or the Local Offer
    not_relevant = "not_relevant"
    other = "other"


class AnalysisStatus(enum.Enum):
    pending = "pending"
    done = "done"
    failed = "failed"


comment_themes = Table(
    "feedback_comment_themes",
    db.Model.metadata,
    Column("comment_id", ForeignKey("feedback_comments.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("feedback_themes.id", ondelete="CASCADE"), primary_key=True),
)


class Theme(db.Model):
    """A theme moderators code comments with; seeded from the insight taxonomy, then theirs to change."""

    __tablename__ = "feedback_themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable id shared with the insight taxonomy and trained models (e.g. "waiting").
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    #: A retired theme is kept for old comments but offered no more.
    retired: Mapped[bool] = mapped_column(default=False)
    #: Set when merged: the theme that now stands for this one.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("feedback_themes.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    merged_into: Mapped[Theme | None] = relationship(remote_side=[id])

    @property
    def active(self) -> bool:
        return not self.retired and self.merged_into_id is None


class Comment(db.Model):
    __tablename__ = "feedback_comments"
    #: covers the counts reports make per topic, sentiment and language in a period (engage.feedback.reach_sources)
    __table_args__ = (Index("ix_feedback_comments_report", "topic", "sentiment", "status", "language", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic: Mapped[Topic] = mapped_column(_enum(Topic, "feedback_topic"), index=True)
    #: What it is about: a service slug, a consultation id or the page path it was sent from.
    about: Mapped[str | None] = mapped_column(String(300))
    #: For a survey answer: the response it belongs to (deleted with it) and the question it answers.
    survey_response_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), index=True
    )
    survey_question: Mapped[str | None] = mapped_column(String(64))
    #: The family's own words. Moderators only: never shown to leaders, never in an email.
    text: Mapped[str] = mapped_column(Text)
    #: The text with personal details replaced; what leaders, exports and the public may see.
    redacted_text: Mapped[str | None] = mapped_column(Text)
    #: True once a moderator has edited the redaction, so re-analysis leaves it alone.
    redaction_adjusted: Mapped[bool] = mapped_column(default=False)
    #: A moderator's English translation of a comment in another language.
    english_translation: Mapped[str | None] = mapped_column(Text)
    #: ISO 639-1 code detected by the insight engine.
    language: Mapped[str | None] = mapped_column(String(8), index=True)
    #: positive, neutral, mixed or negative; empty when not analysable.
    sentiment: Mapped[str | None] = mapped_column(String(10), index=True)
    #: In [-1, 1].
    sentiment_score: Mapped[float | None]
    #: A moderator's correction of the sentiment (then `sentiment` holds theirs and dashboards count it; re-analysis
    #: keeps it). `sentiment_engine` keeps what the engine said, so retraining can learn from the difference.
    sentiment_corrected_at: Mapped[datetime | None]
    sentiment_corrected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sentiment_engine: Mapped[str | None] = mapped_column(String(10))
    #: Insight flags such as "safeguarding", "personal-details", "needs-translation".
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Theme slugs the insight engine suggested.
    suggested_themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Where personal details sit in `text`: [{"kind", "start", "end"}].
    personal_details: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    #: Why the engine said what it said (short evidence strings, moderators only).
    explanation: Mapped[list[str]] = mapped_column(JSON, default=list)
    analysis_status: Mapped[AnalysisStatus] = mapped_column(
        _enum(AnalysisStatus, "feedback_analysis_status"), default=AnalysisStatus.pending, index=True
    )
    #: The insight engine's ANALYSIS_VERSION that produced the stored analysis.
    analysis_version: Mapped[int | None]
    status: Mapped[CommentStatus] = mapped_column(
        _enum(CommentStatus, "feedback_status"), default=CommentStatus.new, index=True
    )
    publish_consent: Mapped[PublishConsent] = mapped_column(_enum(PublishConsent, "feedback_publish_consent"))
    #: Optional contact details, deleted after FEEDBACK_CONTACT_RETENTION_DAYS.
    contact_name: Mapped[str | None] = mapped_column(String(200))
    #: Stored lower-cased, so subject access requests find it.
    contact_email: Mapped[str | None] = mapped_column(String(254), index=True)
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    #: When contact details were removed (retention or erasure).
    contact_purged_at: Mapped[datetime | None]
    #: The area's response, published with the redacted text.
    response: Mapped[str | None] = mapped_column(Text)
    #: For a Local Offer comment: what the area intends to do, published beside the response.
    intended_action: Mapped[str | None] = mapped_column(Text)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    rejection_category: Mapped[RejectionCategory | None] = mapped_column(
        _enum(RejectionCategory, "feedback_rejection_category")
    )
    #: For a Local Offer comment: the moderator's regulation 56(1) code.
    regulation_56: Mapped[Regulation56 | None] = mapped_column(
        _enum(Regulation56, "feedback_regulation_56"), index=True
    )
    #: From a Local Offer page: the family's answer to "Is this page useful?" (None: not answered).
    page_useful: Mapped[bool | None]
    #: From a Local Offer page: the family says something on it is out of date.
    out_of_date: Mapped[bool] = mapped_column(default=False)
    #: For an individual case: the service it was passed to.
    passed_to: Mapped[str | None] = mapped_column(String(200))
    #: Raised by the insight engine or by a moderator; never published automatically.
    safeguarding_flagged: Mapped[bool] = mapped_column(default=False, index=True)
    safeguarding_alert_sent_at: Mapped[datetime | None]
    safeguarding_alert_attempts: Mapped[int] = mapped_column(default=0)
    #: While an alert is being sent, the moment the sender's claim lapses (engage.claims): nobody else sends it.
    safeguarding_alert_claimed_until: Mapped[datetime | None]
    #: Not emailed on purpose: an engine upgrade raised the flag on a closed or older comment (the flag stays).
    safeguarding_alert_suppressed: Mapped[bool] = mapped_column(default=False)
    #: What was done about the concern, recorded by a moderator.
    safeguarding_action: Mapped[str | None] = mapped_column(Text)
    safeguarding_action_at: Mapped[datetime | None]
    safeguarding_action_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: How urgent the concern is (engage.insight.safeguarding_severity: 3 risk to life, 2 harm, 1 a worry), from
    #: the kinds the engine found; the safeguarding queue reads the highest first.
    safeguarding_severity: Mapped[int] = mapped_column(default=0, server_default="0")
    #: "Not a safeguarding concern": a moderator lowered the flag, with a reason. Kept so the safeguarding model
    #: can learn from it (feedback.queries.safeguarding_decisions); the engine never raises it again by itself.
    safeguarding_dismissed_at: Mapped[datetime | None]
    safeguarding_dismissed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    safeguarding_dismissal_reason: Mapped[str | None] = mapped_column(Text)
    #: SHA-256 of the normalised text, to drop a repeated submission within a day.
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    #: Moved on by every moderator's save (engage.concurrency): a page drawn from an older version cannot save.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    published_at: Mapped[datetime | None]
    #: When the text was erased at the family's request (the row stays for counts).
    erased_at: Mapped[datetime | None]

    themes: Mapped[list[Theme]] = relationship(secondary=comment_themes, order_by=Theme.name)
    replies: Mapped[list[CommentReply]] = relationship(
        order_by="CommentReply.sent_at", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_email or self.contact_phone)

    @property
    def open_concern(self) -> bool:
        """A safeguarding concern nobody has acted on or dismissed yet."""
        return self.safeguarding_flagged and not self.safeguarding_action

    @property
    def leader_flags(self) -> list[str]:
        """The engine's flags as leaders and exports see them: a dismissed concern is not one."""
        others = [flag for flag in self.flags or [] if flag != "safeguarding"]
        return ["safeguarding", *others] if self.safeguarding_flagged else others

    @property
    def alert_pending(self) -> bool:
        return (
            self.safeguarding_flagged
            and self.safeguarding_alert_sent_at is None
            and not self.safeguarding_alert_suppressed
        )


class TrainedModel(db.Model):
    """A theme model retrained from moderators' codes, kept in the database so every machine uses the same one.

    Stored in the insight engine's own files (model.json and weights.npz, never pickle), checked on loading.
    """

    __tablename__ = "feedback_trained_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Changes with every retraining: workers compare it to know when to load the new model.
    token: Mapped[str] = mapped_column(String(32), unique=True)
    #: How many coded comments it learned from.
    rows: Mapped[int]
    model_json: Mapped[str] = mapped_column(Text)
    weights: Mapped[bytes] = mapped_column(LargeBinary)


class CommentReply(db.Model):
    """A moderator's email to the family, kept with the comment (personal data: it goes with the contact details,
    by retention or erasure, and is in a subject access export)."""

    __tablename__ = "feedback_comment_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("feedback_comments.id", ondelete="CASCADE"), index=True)
    #: What the moderator wrote (the email also says which comment it answers, never quoting it).
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
