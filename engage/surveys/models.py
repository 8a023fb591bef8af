"""Survey drafts, responses and the stored definition of every version answered.

No IP address, user agent or contact detail is stored with a draft or a response.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.clock import utcnow
from engage.extensions import db


class DraftState(enum.Enum):
    ACTIVE = "active"
    SUBMITTED = "submitted"  #: answers moved to a SurveyResponse; kept for start/drop-off counts
    EXPIRED = "expired"  #: purged: answers and resume code removed


class SurveyVersion(db.Model):
    """The resolved definition of a survey version, so drafts finish on the version they started."""

    __tablename__ = "survey_version"
    __table_args__ = (UniqueConstraint("survey_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int]
    #: JSON of the definition with standard questions inlined (Survey.snapshot)
    definition: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SurveyDraft(db.Model):
    """Answers saved page by page until the person submits."""

    __tablename__ = "survey_draft"
    __table_args__ = (
        Index("ix_survey_draft_survey_state", "survey_id", "state"),
        #: covers the drop-off funnel (starts, and where unfinished drafts stopped) without reading answers
        Index("ix_survey_draft_funnel", "survey_id", "state", "last_page", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: random key kept in the person's session cookie (same-phone resume)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    #: SHA-256 of the short "come back later" code; the code itself is never stored
    resume_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    survey_id: Mapped[str] = mapped_column(String(64))
    #: the definition version this draft started on and will finish on
    survey_version: Mapped[int]
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: ids of the pages saved so far, in the order saved
    completed_pages: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: the furthest page saved, for drop-off by page
    last_page: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8), default="en")
    #: outreach channel from ?src=, e.g. "school-newsletter"
    src: Mapped[str | None] = mapped_column(String(40))
    #: carried by the check-answers form; becomes SurveyResponse.submission_token
    submission_token: Mapped[str] = mapped_column(String(64), unique=True)
    state: Mapped[DraftState] = mapped_column(
        Enum(DraftState, native_enum=False, length=16, values_callable=lambda states: [s.value for s in states]),
        default=DraftState.ACTIVE,
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class SurveyResponse(db.Model):
    """One submitted response: exactly one per submission token."""

    __tablename__ = "survey_response"
    __table_args__ = (
        Index("ix_survey_response_survey", "survey_id", "submitted_at"),
        #: covers reach's count of people per survey and channel, in GROUP BY order with the period last, so the
        #: count streams through the index without visiting the wide rows or sorting
        Index("ix_survey_response_reach", "survey_id", "src", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: unique: a double tap or two simultaneous submissions store one response
    submission_token: Mapped[str] = mapped_column(String(64), unique=True)
    #: shown on the confirmation page, e.g. "K7M2-Q9XD"
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    survey_id: Mapped[str] = mapped_column(String(64))
    survey_version: Mapped[int]
    #: answers to the questions shown, keyed by question id ("<id>.other" for "please specify")
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: outreach channel from ?src=
    src: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)

    #: answers to the questions that feed reach, kept narrow so reach counts them in SQL (see below)
    reach_answers: Mapped[list[SurveyReachAnswer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True
    )


class SurveyReachAnswer(db.Model):
    """One answer of a response to a question marked `reach:` (ward, ethnicity, ...), copied out of the JSON
    answers when the response is stored. Reach counts people per group with one GROUP BY over this narrow,
    indexed table: extracting JSON from 100,000 responses per dashboard would take seconds."""

    __tablename__ = "survey_reach_answer"
    __table_args__ = (Index("ix_survey_reach_answer_count", "dimension", "survey_id", "src", "answer", "submitted_at"),)

    response_id: Mapped[int] = mapped_column(ForeignKey("survey_response.id", ondelete="CASCADE"), primary_key=True)
    #: the reach dimension id the question feeds
    dimension: Mapped[str] = mapped_column(String(32), primary_key=True)
    #: the option id chosen (reach normalises it to a group)
    answer: Mapped[str] = mapped_column(String(64))
    # Copies of the response's columns, so counting needs no join.
    survey_id: Mapped[str] = mapped_column(String(64))
    src: Mapped[str | None] = mapped_column(String(40))
    submitted_at: Mapped[datetime]

    response: Mapped[SurveyResponse] = relationship(back_populates="reach_answers")
