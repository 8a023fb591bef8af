"""Consultation rules: stage dates in order, outcome only after closing, promised formats before publishing."""

import pytest
from sqlalchemy import select

from engage.audit import AuditEvent
from engage.clock import utcnow
from engage.consultations import service
from engage.consultations.errors import (
    ConsultationError,
    MissingFormatError,
    OutcomeTooEarlyError,
    StageDateError,
    UploadError,
)
from engage.consultations.models import Consultation, DocumentFormat, DocumentVersion, Stage, StageChange
from engage.extensions import db
from tests.integration import consultation_helpers as h
from tests.integration.consultation_helpers import DAY


def test_given_a_closing_date_before_the_opening_date_then_a_named_error_and_nothing_is_saved(app):
    with pytest.raises(StageDateError) as error:
        h.make(opens=5 * DAY, closes=2 * DAY)
    assert error.value.field == "closes_at"
    assert db.session.scalar(select(Consultation.id)) is None


def test_given_an_outcome_date_before_the_close_then_a_named_error(app):
    now = utcnow()
    with pytest.raises(StageDateError) as error:
        h.make(outcome_expected_at=now + 3 * DAY, closes=10 * DAY)
    assert error.value.field == "outcome_expected_at"


def test_editing_dates_out_of_order_changes_nothing(app):
    consultation = h.make()
    closes = consultation.closes_at
    with pytest.raises(StageDateError):
        service.update(consultation, opens_at=closes + DAY, closes_at=closes)
    db.session.expire_all()
    assert db.session.get(Consultation, consultation.id).closes_at == closes


def test_the_outcome_cannot_be_published_before_the_consultation_closes(app):
    consultation = h.make(opens=-DAY, closes=DAY)
    with pytest.raises(OutcomeTooEarlyError):
        service.publish_outcome(consultation, we_asked="a", you_said="b", we_did="c")
    assert db.session.get(Consultation, consultation.id).outcome_published_at is None


def test_publishing_the_outcome_after_the_close_moves_the_stage_and_records_it_once(app):
    consultation = h.make(opens=-10 * DAY, closes=-DAY)
    service.publish_outcome(consultation, we_asked="What next?", you_said="More clubs", we_did="Two more clubs")
    stages = db.session.scalars(select(StageChange.stage).where(StageChange.consultation_id == consultation.id))
    assert set(stages) == {Stage.closed, Stage.outcome_published}
    assert service.record_stage(consultation) is None  # already recorded: nothing twice


def test_a_promised_format_that_is_missing_blocks_publishing_and_names_it(app):
    consultation = h.make(publish=False, promised_formats=["easy_read", "translation:ur"])
    with pytest.raises(MissingFormatError) as error:
        service.publish(consultation)
    assert "Easy read" in str(error.value) and "اردو" in str(error.value)
    assert error.value.missing == ["easy_read", "translation:ur"]
    assert consultation.published_at is None

    document = service.add_document(consultation, "Our proposals")
    service.upload_version(document, format=DocumentFormat.easy_read, data=h.pdf(), filename="easy.pdf")
    with pytest.raises(MissingFormatError) as error:
        service.publish(consultation)
    assert error.value.missing == ["translation:ur"]
    service.upload_version(
        document, format=DocumentFormat.translation, language="ur", data=h.odt(), filename="urdu.odt"
    )
    service.publish(consultation)
    assert consultation.published_at is not None


def test_the_last_version_keeping_a_promise_cannot_be_removed_once_published(app):
    consultation = h.make(publish=False, promised_formats=["large_print"])
    document = service.add_document(consultation, "Our proposals")
    version = service.upload_version(document, format=DocumentFormat.large_print, data=h.pdf(), filename="lp.pdf")
    service.publish(consultation)
    with pytest.raises(MissingFormatError):
        service.remove_version(version)
    db.session.expire_all()
    assert len(db.session.get(Consultation, consultation.id).documents[0].versions) == 1


def test_every_change_is_audited(app):
    consultation = h.make()
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(consultation.id))))
    assert {"consultations.create", "consultations.publish"} <= actions


@pytest.mark.parametrize(
    "data", [b"<html>not a pdf</html>", h.plain_zip(), b"%PDF-" + b"x" * 2000], ids=["html", "zip", "too-big"]
)
def test_an_upload_that_is_not_a_document_or_too_big_is_refused_and_nothing_is_stored(app, data):
    app.config["CONSULTATION_DOCUMENT_MAX_BYTES"] = 1000
    consultation = h.make()
    document = service.add_document(consultation, "Proposals")
    with pytest.raises(UploadError):
        service.upload_version(document, format=DocumentFormat.standard, data=data, filename="proposals.pdf")
    assert db.session.scalar(select(DocumentVersion.id)) is None


def test_the_web_address_is_fixed_once_published(app):
    consultation = h.make("short-breaks")
    with pytest.raises(ConsultationError):
        service.update(consultation, slug="renamed")
    assert db.session.get(Consultation, consultation.id).slug == "short-breaks"
