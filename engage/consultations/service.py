"""Everything that changes a consultation: create, edit, publish, outcome, documents (each staff change audited).

Views, the CLI, the demo loader and tests all call these functions.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from engage.audit import record_audit
from engage.clock import utcnow
from engage.consultations import files
from engage.consultations.errors import (
    ConsultationError,
    MissingFormatError,
    OutcomeTooEarlyError,
    StageDateError,
    UploadError,
)
from engage.consultations.formats import promise_label
from engage.consultations.models import (
    Consultation,
    Document,
    DocumentFormat,
    DocumentVersion,
    Involvement,
    StageChange,
)
from engage.consultations.stages import stage_at
from engage.extensions import db

#: The fields staff edit on the consultation form.
FIELDS = (
    "slug", "title", "summary", "body", "audience", "opens_at", "closes_at", "outcome_expected_at",
    "promised_formats", "survey_ids",
)  # fmt: skip


def check_dates(opens_at: datetime, closes_at: datetime, outcome_expected_at: datetime | None) -> None:
    """Each stage starts after the one before, or a StageDateError names the stage at fault."""
    if closes_at <= opens_at:
        raise StageDateError(_("The closing date must be after the opening date."), "closes_at")
    if outcome_expected_at is not None and outcome_expected_at < closes_at:
        raise StageDateError(_("The outcome date must be on or after the closing date."), "outcome_expected_at")


def _apply(consultation: Consultation, values: dict) -> None:
    check_dates(
        values.get("opens_at", consultation.opens_at),
        values.get("closes_at", consultation.closes_at),
        values.get("outcome_expected_at", consultation.outcome_expected_at),
    )
    if consultation.published_at is not None and values.get("slug", consultation.slug) != consultation.slug:
        # comments are attached to the page's address, and followers' emails link to it
        raise ConsultationError(_("The web address cannot change once the consultation is published."))
    for name in FIELDS:
        if name in values:
            setattr(consultation, name, values[name])
    if consultation.published_at is not None:
        _check_promises(consultation)


def _commit_or_slug_taken() -> None:
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise ConsultationError(_("Another consultation already uses that web address.")) from error


def create(**values) -> Consultation:
    """A new consultation, hidden from the public until it is published."""
    consultation = Consultation(promised_formats=[], survey_ids=[])
    _apply(consultation, values)
    db.session.add(consultation)
    db.session.flush()
    record_audit("consultations.create", "consultation", consultation.id, commit=False)
    _commit_or_slug_taken()
    return consultation


def update(consultation: Consultation, **values) -> None:
    """Change what staff edit; nothing is saved when a date or promise rule is broken."""
    try:
        _apply(consultation, values)
    except ConsultationError:
        db.session.rollback()
        raise
    record_audit("consultations.update", "consultation", consultation.id, commit=False, version=consultation.version)
    _commit_or_slug_taken()


def missing_formats(consultation: Consultation) -> list[str]:
    """Promised formats that no document version provides yet (promise keys, in the promised order)."""
    present = {version.promise_key for document in consultation.documents for version in document.versions}
    return [key for key in consultation.promised_formats if key not in present]


def _check_promises(consultation: Consultation) -> None:
    missing = missing_formats(consultation)
    if missing:
        names = ", ".join(promise_label(key) for key in missing)
        raise MissingFormatError(
            _("Families were promised formats that are not here yet: %(names)s. Add them first.", names=names),
            missing,
        )


def publish(consultation: Consultation) -> None:
    """Show it to the public (it opens on its date) once every promised format is there."""
    _check_promises(consultation)
    consultation.published_at = consultation.published_at or utcnow()
    record_audit("consultations.publish", "consultation", consultation.id, commit=False)
    db.session.commit()
    record_stage(consultation)


def publish_outcome(consultation: Consultation, *, we_asked: str, you_said: str, we_did: str) -> None:
    """Publish "we asked, you said, we did"; never before the consultation has closed."""
    now = utcnow()
    if consultation.published_at is None or now < consultation.closes_at:
        raise OutcomeTooEarlyError(_("The outcome can be published only after the consultation has closed."))
    consultation.we_asked, consultation.you_said, consultation.we_did = we_asked, you_said, we_did
    consultation.outcome_published_at = consultation.outcome_published_at or now
    record_audit("consultations.outcome", "consultation", consultation.id, commit=False)
    db.session.commit()
    record_stage(consultation)


def record_stage(consultation: Consultation, now: datetime | None = None) -> StageChange | None:
    """Record the stage a published consultation is in now, once; None when it was recorded already."""
    if consultation.published_at is None:
        return None
    stage = stage_at(consultation, now or utcnow())
    exists = select(StageChange.id).where(StageChange.consultation_id == consultation.id, StageChange.stage == stage)
    if db.session.scalar(exists) is not None:
        return None
    change = StageChange(consultation_id=consultation.id, stage=stage, recorded_at=now or utcnow())
    db.session.add(change)
    try:
        db.session.commit()
    except IntegrityError:  # another run recorded it a moment ago
        db.session.rollback()
        return None
    return change


def record_coproduction(
    consultation: Consultation,
    *,
    involvement: Involvement,
    agenda_set_by: str = "",
    pcf_representatives: int | None = None,
    young_people_shaping: int | None = None,
    decided_where: str = "",
) -> None:
    """How far families shaped this consultation (the Think Local Act Personal ladder), for inspection evidence."""
    consultation.involvement = involvement
    consultation.agenda_set_by = agenda_set_by.strip()
    consultation.pcf_representatives = pcf_representatives
    consultation.young_people_shaping = young_people_shaping
    consultation.decided_where = decided_where.strip()
    record_audit("consultations.coproduction", "consultation", consultation.id, commit=False, level=involvement.value)
    db.session.commit()


# --------------------------------------------------------------------------- documents


def add_document(consultation: Consultation, title: str) -> Document:
    document = Document(consultation=consultation, title=title, position=len(consultation.documents))
    db.session.add(document)
    db.session.flush()
    record_audit("consultations.document.add", "consultation_document", document.id, commit=False)
    db.session.commit()
    return document


def upload_version(
    document: Document, *, format: DocumentFormat, data: bytes, filename: str, language: str | None = None
) -> DocumentVersion:
    """Store a PDF, DOCX or ODT (judged by content) within the size limit; anything else stores nothing."""
    limit = current_app.config["CONSULTATION_DOCUMENT_MAX_BYTES"]
    if len(data) > limit:
        raise UploadError(_("The file is bigger than %(size)s MB.", size=round(limit / 1_000_000, 1)))
    kind = files.detect_kind(data)
    if kind is None:
        raise UploadError(_("The file must be a PDF, a Word document (DOCX) or an OpenDocument text (ODT)."))
    if format == DocumentFormat.bsl_video:
        raise UploadError(_("A BSL version is a link to a video, not a file."))
    version = DocumentVersion(
        document=document,
        format=format,
        language=language if format == DocumentFormat.translation else None,
        kind=kind,
        filename=files.safe_filename(filename, kind),
        size=len(data),
        content=data,
    )
    return _save_version(version)


def link_video(document: Document, url: str) -> DocumentVersion:
    """A BSL version: an https link to a video."""
    if not url.strip().lower().startswith("https://"):
        raise UploadError(_("The video link must start with https://"))
    return _save_version(DocumentVersion(document=document, format=DocumentFormat.bsl_video, url=url.strip()))


def _save_version(version: DocumentVersion) -> DocumentVersion:
    db.session.add(version)
    db.session.flush()
    record_audit(
        "consultations.document.version", "consultation_document_version", version.id, commit=False,
        format=version.promise_key,
    )  # fmt: skip
    db.session.commit()
    return version


def remove_version(version: DocumentVersion) -> None:
    """Remove a version, unless it is the last one keeping a promise on a published consultation."""
    consultation = version.document.consultation
    db.session.delete(version)
    db.session.flush()
    db.session.expire(version.document, ["versions"])
    if consultation.published_at is not None:
        try:
            _check_promises(consultation)
        except MissingFormatError:
            db.session.rollback()
            raise
    record_audit("consultations.document.remove", "consultation_document_version", version.id, commit=False)
    db.session.commit()
