"""Consultations: their stages and dates, accessible documents, outcome, followers and the emails owed to them.

No IP address or user agent is stored; a follower is an email address and a language, nothing else.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Column, Enum, ForeignKey, LargeBinary, String, Table, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.clock import utcnow
from engage.extensions import db
from engage.feedback.models import Comment, Theme


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20)


class Audience(enum.Enum):
    parents_carers = "parents_carers"
    young_people = "young_people"
    #: for parents, carers and young people alike
    everyone = "everyone"


class Stage(enum.Enum):
    """Where a consultation is, computed from its dates by the clock (never flipped by hand)."""

    upcoming = "upcoming"
    open = "open"
    closed = "closed"
    outcome_published = "outcome_published"


class Involvement(enum.Enum):
    """How far families shaped the work: the Think Local Act Personal ladder of co-production."""

    informing = "informing"
    consulting = "consulting"
    engaging = "engaging"
    co_designing = "co_designing"
    co_producing = "co_producing"


class DocumentFormat(enum.Enum):
    standard = "standard"
    easy_read = "easy_read"
    large_print = "large_print"
    #: a link to a British Sign Language video (never an upload)
    bsl_video = "bsl_video"
    #: the standard document in another configured language (the version's `language`)
    translation = "translation"


class Consultation(db.Model):
    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the public address: /consultations/<slug>
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    #: Markdown, rendered through the project's sanitiser (engage.localoffer.render.markdown_html)
    body: Mapped[str] = mapped_column(Text, default="")
    #: Moved on by every staff edit (engage.concurrency): an edit form drawn from an older version cannot save.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    audience: Mapped[Audience] = mapped_column(_enum(Audience, "consultation_audience"), index=True)
    #: The stage dates (naive UTC); each after the one before (service.check_dates).
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    #: when the area expects to publish the outcome (a promise shown to families)
    outcome_expected_at: Mapped[datetime | None]
    #: Shown to the public only once staff publish it, which needs every promised format (service.publish).
    published_at: Mapped[datetime | None]
    #: Formats promised to families, e.g. ["easy_read", "bsl_video", "translation:ur"].
    promised_formats: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Survey ids (engage.surveys registry) answered as part of this consultation.
    survey_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: "We asked, you said, we did" (Markdown); public once outcome_published_at is set.
    we_asked: Mapped[str] = mapped_column(Text, default="")
    you_said: Mapped[str] = mapped_column(Text, default="")
    we_did: Mapped[str] = mapped_column(Text, default="")
    outcome_published_at: Mapped[datetime | None]
    #: The co-production record, evidence an area SEND inspection asks for (staff only).
    involvement: Mapped[Involvement | None] = mapped_column(_enum(Involvement, "consultation_involvement"))
    #: who set the agenda, e.g. "the Parent Carer Forum with the council"
    agenda_set_by: Mapped[str] = mapped_column(String(200), default="")
    #: how many Parent Carer Forum representatives and young people took part in shaping it
    pcf_representatives: Mapped[int | None]
    young_people_shaping: Mapped[int | None]
    #: where the decision was taken, e.g. "SEND Partnership Board, 12 March 2027"
    decided_where: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    documents: Mapped[list[Document]] = relationship(
        back_populates="consultation", cascade="all, delete-orphan", order_by="Document.position, Document.id"
    )


class Document(db.Model):
    """One document (a consultation paper, a draft strategy) in as many versions as families need."""

    __tablename__ = "consultation_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)

    consultation: Mapped[Consultation] = relationship(back_populates="documents")
    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentVersion.id"
    )


class DocumentVersion(db.Model):
    """A file (PDF, DOCX or ODT, checked by content) or, for BSL, a link to a video.

    Files live in the database, so every application server serves the same bytes and backups hold them.
    """

    __tablename__ = "consultation_document_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("consultation_documents.id", ondelete="CASCADE"), index=True)
    format: Mapped[DocumentFormat] = mapped_column(_enum(DocumentFormat, "consultation_document_format"))
    #: the language of a translation (a configured language code); None for the others
    language: Mapped[str | None] = mapped_column(String(8))
    #: "pdf", "docx" or "odt", as found in the content; None for a video link
    kind: Mapped[str | None] = mapped_column(String(8))
    #: the name offered on download (made safe on upload)
    filename: Mapped[str | None] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(default=0)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    #: a BSL video's https address
    url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship(back_populates="versions")

    @property
    def promise_key(self) -> str:
        """The key this version fulfils in Consultation.promised_formats."""
        if self.format == DocumentFormat.translation:
            return f"translation:{self.language}"
        return self.format.value


class StageChange(db.Model):
    """A stage a consultation reached, recorded once (the unique pair) so followers are told once."""

    __tablename__ = "consultation_stage_changes"
    __table_args__ = (UniqueConstraint("consultation_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id", ondelete="CASCADE"), index=True)
    stage: Mapped[Stage] = mapped_column(_enum(Stage, "consultation_stage"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: set once a notification row exists for every follower confirmed before `recorded_at`
    fanned_out_at: Mapped[datetime | None]


class Follower(db.Model):
    """An email address following one consultation: pending until confirmed (double opt-in); deleted when the
    person unfollows, or when kept longer than FEEDBACK_CONTACT_RETENTION_DAYS (engage.consultations.privacy).

    A commenter who asked to hear back is one too (`hear_back`): active at once, since they typed the address with
    their own comment, and told only of the outcome and of linked actions' new statuses, not of every stage."""

    __tablename__ = "consultation_followers"
    __table_args__ = (UniqueConstraint("consultation_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id", ondelete="CASCADE"), index=True)
    #: stored lower-cased, so subject access requests find it
    email: Mapped[str] = mapped_column(String(254), index=True)
    #: the interface language they followed in: their emails are written in it
    language: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    #: a commenter who asked to hear back (not a follower who confirmed by email)
    hear_back: Mapped[bool] = mapped_column(default=False, server_default=false())

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None


class Notification(db.Model):
    """One email owed to one follower about one stage change or one action's new status; claimed in the database
    before it is sent. Exactly one of `stage_change_id` and `action_update_id` is set."""

    __tablename__ = "consultation_notifications"
    __table_args__ = (
        UniqueConstraint("follower_id", "stage_change_id", name="uq_consultation_notifications_stage_change"),
        UniqueConstraint("follower_id", "action_update_id", name="uq_consultation_notifications_action_update"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    follower_id: Mapped[int] = mapped_column(ForeignKey("consultation_followers.id", ondelete="CASCADE"), index=True)
    stage_change_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation_stage_changes.id", ondelete="CASCADE"), index=True
    )
    action_update_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation_action_updates.id", ondelete="CASCADE"), index=True
    )
    #: set by the run that will send it (a conditional UPDATE: only one run wins)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0)

    follower: Mapped[Follower] = relationship()
    stage_change: Mapped[StageChange | None] = relationship()
    action_update: Mapped[ActionUpdate | None] = relationship()


class ActionStatus(enum.Enum):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    #: decided against, with a public reason
    not_doing = "not_doing"


action_themes = Table(
    "consultation_action_themes",
    db.Model.metadata,
    Column("action_id", ForeignKey("consultation_actions.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("feedback_themes.id", ondelete="CASCADE"), primary_key=True),
)
action_comments = Table(
    "consultation_action_comments",
    db.Model.metadata,
    Column("action_id", ForeignKey("consultation_actions.id", ondelete="CASCADE"), primary_key=True),
    Column("comment_id", ForeignKey("feedback_comments.id", ondelete="CASCADE"), primary_key=True),
)


class Action(db.Model):
    """The "we did": something the partnership committed to because families spoke, tracked in public."""

    __tablename__ = "consultation_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    #: a team ("SEND transport team"), never a person's name: this is public
    owner: Mapped[str] = mapped_column(String(120))
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus, "consultation_action_status"), index=True)
    #: required for "not doing": why, in words families will read
    reason: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[date | None] = mapped_column(index=True)
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultations.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: Moved on by every update posted (engage.concurrency): an update form drawn from an older one cannot post.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    consultation: Mapped[Consultation | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(secondary=action_themes, order_by="Theme.name")
    comments: Mapped[list[Comment]] = relationship(secondary=action_comments)
    updates: Mapped[list[ActionUpdate]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="ActionUpdate.posted_at.desc()"
    )


class ActionUpdate(db.Model):
    """A dated public update on an action, with the status it left the action in."""

    __tablename__ = "consultation_action_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("consultation_actions.id", ondelete="CASCADE"), index=True)
    posted_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus, "consultation_action_status"))
    #: the status before this update: followers of the action's consultation are told when they differ
    previous_status: Mapped[ActionStatus | None] = mapped_column(_enum(ActionStatus, "consultation_action_status"))
    text: Mapped[str] = mapped_column(Text)
    #: set once a notification row exists for every follower owed one
    fanned_out_at: Mapped[datetime | None]

    action: Mapped[Action] = relationship(back_populates="updates")
