"""Reads for the public and staff pages (no writes here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from engage.consultations.models import Audience, Consultation, DocumentVersion, Stage
from engage.consultations.stages import LIST_ORDER, stage_at
from engage.extensions import db
from engage.feedback.models import OPEN_STATUSES, Comment, CommentStatus, Topic
from engage.surveys.models import SurveyResponse


@dataclass(frozen=True)
class Listed:
    consultation: Consultation
    stage: Stage


def public_list(now: datetime, audience: Audience | None = None) -> list[Listed]:
    """Published consultations, open ones first (closing soonest first), then upcoming, then finished."""
    query = select(Consultation).where(Consultation.published_at.is_not(None))
    if audience is not None:
        query = query.where(Consultation.audience.in_((audience, Audience.everyone)))
    rows = [Listed(c, stage_at(c, now)) for c in db.session.scalars(query)]
    return sorted(rows, key=lambda row: (LIST_ORDER[row.stage], _order_date(row)))


def _order_date(row: Listed) -> float:
    consultation = row.consultation
    if row.stage == Stage.open:
        return consultation.closes_at.timestamp()
    if row.stage == Stage.upcoming:
        return consultation.opens_at.timestamp()
    return -consultation.closes_at.timestamp()  # the most recently finished first


def published_by_slug(slug: str) -> Consultation | None:
    query = select(Consultation).where(Consultation.slug == slug[:80], Consultation.published_at.is_not(None))
    return db.session.scalar(query)


def all_for_staff() -> list[Consultation]:
    return list(db.session.scalars(select(Consultation).order_by(Consultation.opens_at.desc())))


def version_with_content(version_id: int, consultation: Consultation) -> DocumentVersion | None:
    """A file version of this consultation's documents, content loaded; None for another's or a link."""
    version = db.session.get(DocumentVersion, version_id)
    if version is None or version.document.consultation_id != consultation.id or version.content is None:
        return None
    return version


def coproduction_list(since: datetime | None, until: datetime | None) -> list[Consultation]:
    """Consultations running at any time in [since, until), the earliest first."""
    query = select(Consultation).order_by(Consultation.opens_at, Consultation.id)
    if since is not None:
        query = query.where(Consultation.closes_at > since)
    if until is not None:
        query = query.where(Consultation.opens_at < until)
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class Responses:
    """What a consultation heard, for its staff page (counts leave through disclosure control in the template)."""

    comments: int
    comments_waiting: int
    #: (survey id, responses submitted while the consultation was open)
    surveys: list[tuple[str, int]]


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def responses(consultation: Consultation) -> Responses:
    kept = [
        Comment.topic == Topic.consultation,
        Comment.about == f"/consultations/{consultation.slug}",
        Comment.status != CommentStatus.rejected,
    ]
    window = [
        SurveyResponse.submitted_at >= consultation.opens_at,
        SurveyResponse.submitted_at < consultation.closes_at,
    ]
    surveys = [
        (sid, _count(SurveyResponse, SurveyResponse.survey_id == sid, *window)) for sid in consultation.survey_ids
    ]
    return Responses(_count(Comment, *kept), _count(Comment, *kept, Comment.status.in_(OPEN_STATUSES)), surveys)
