"""Staff pages: moderators build a consultation through the forms; the rules refuse with a message and keep
nothing; every change is audited."""

import io
import re

from sqlalchemy import select

from engage.audit import AuditEvent
from engage.consultations import service
from engage.consultations.models import Consultation, DocumentVersion
from engage.extensions import db
from engage.feedback import service as feedback
from engage.feedback.models import Topic
from tests.integration import consultation_helpers as h
from tests.integration.consultation_helpers import DAY

FORM = {
    "title": "Short breaks 2027",
    "slug": "short-breaks-2027",
    "summary": "How short breaks should work next year.",
    "body": "## What we propose\n\nMore **after-school** clubs.",
    "audience": "parents_carers",
    "opens_on": ["10", "1", "2027"],
    "closes_on": ["20", "2", "2027"],
    "outcome_on": ["", "", ""],
    "promised_formats": ["easy_read"],
}


def _create(client, **changes):
    return client.post("/staff/consultations/new", data=FORM | changes)


def test_given_a_moderator_when_they_create_a_consultation_then_it_is_saved_hidden_and_audited(client, auth):
    auth.login("moderator")
    assert client.get("/staff/consultations/new").status_code == 200
    response = _create(client)
    assert response.status_code == 302
    consultation = db.session.scalar(select(Consultation))
    assert consultation.published_at is None and consultation.promised_formats == ["easy_read"]
    assert client.get("/consultations/short-breaks-2027").status_code == 404
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "consultations.create"))
    assert client.get(f"/staff/consultations/{consultation.id}").status_code == 200


def test_a_closing_date_before_the_opening_date_is_a_message_on_the_field(client, auth):
    auth.login("moderator")
    response = _create(client, closes_on=["1", "1", "2027"])
    assert response.status_code == 200
    assert "The closing date must be after the opening date." in response.text
    assert db.session.scalar(select(Consultation)) is None


def test_publishing_with_a_promised_format_missing_is_refused_naming_it_until_it_is_uploaded(client, auth):
    auth.login("moderator")
    _create(client)
    consultation = db.session.scalar(select(Consultation))
    response = client.post(f"/staff/consultations/{consultation.id}/publish")
    assert response.status_code == 400 and "Easy read" in response.text
    assert db.session.get(Consultation, consultation.id).published_at is None

    client.post(f"/staff/consultations/{consultation.id}/documents", data={"title": "Proposals"})
    document_id = db.session.get(Consultation, consultation.id).documents[0].id
    upload = f"/staff/consultations/{consultation.id}/documents/{document_id}/versions"
    fake = client.post(upload, data={"format": "easy_read", "file": (io.BytesIO(b"<html>x</html>"), "easy.pdf")})
    assert fake.status_code == 400 and "PDF" in fake.text
    assert db.session.scalar(select(DocumentVersion)) is None
    real = client.post(upload, data={"format": "easy_read", "file": (io.BytesIO(h.odt()), "easy-read.odt")})
    assert real.status_code == 302
    assert client.post(f"/staff/consultations/{consultation.id}/publish").status_code == 302
    db.session.expire_all()
    assert db.session.get(Consultation, consultation.id).published_at is not None


def test_the_outcome_form_refuses_before_the_close_and_publishes_after(client, auth):
    auth.login("moderator")
    open_one = h.make("open-one")
    closed = h.make("closed-one", opens=-20 * DAY, closes=-DAY)
    outcome = {"we_asked": "What next?", "you_said": "More clubs", "we_did": "Two clubs"}
    refused = client.post(f"/staff/consultations/{open_one.id}/outcome", data=outcome)
    assert refused.status_code == 400 and "only after the consultation has closed" in refused.text
    assert client.post(f"/staff/consultations/{closed.id}/outcome", data=outcome).status_code == 302
    assert "Two clubs" in client.get("/consultations/closed-one").text


def test_leaders_read_but_cannot_change(client, auth):
    consultation = h.make("short-breaks")
    auth.login("leader")
    page = client.get(f"/staff/consultations/{consultation.id}")
    assert page.status_code == 200 and "Edit details and dates" not in page.text
    assert client.post(f"/staff/consultations/{consultation.id}/documents", data={"title": "x"}).status_code == 403


def _token(client, path: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def test_a_document_bigger_than_other_forms_may_be_but_within_its_own_limit_uploads_with_csrf_on(app, client, auth):
    auth.login("moderator")
    app.config.update(WTF_CSRF_ENABLED=True, MAX_CONTENT_LENGTH=1_000_000, CONSULTATION_DOCUMENT_MAX_BYTES=3_000_000)
    consultation = h.make("big-papers")
    document_id = service.add_document(consultation, "Proposals").id
    page = f"/staff/consultations/{consultation.id}"
    upload = f"{page}/documents/{document_id}/versions"
    big = h.pdf() + b"%" * 2_000_000
    response = client.post(
        upload, data={"csrf_token": _token(client, page), "format": "standard", "file": (io.BytesIO(big), "big.pdf")}
    )
    assert response.status_code == 302
    too_big = h.pdf() + b"%" * 3_200_000
    response = client.post(
        upload, data={"csrf_token": _token(client, page), "format": "standard", "file": (io.BytesIO(too_big), "x.pdf")}
    )
    assert response.status_code == 413
    assert [v.size for v in db.session.scalars(select(DocumentVersion))] == [len(big)]


def test_the_staff_page_says_what_was_heard_with_small_numbers_hidden(client, auth):
    consultation = h.make("short-breaks")
    for n in range(3):
        feedback.submit_comment(topic=Topic.consultation, text=f"Comment {n} on clubs", publish_consent="private",
                                about="/consultations/short-breaks")  # fmt: skip
    auth.login("leader")
    page = client.get(f"/staff/consultations/{consultation.id}").text
    assert "What we heard" in page and "fewer than 5" in page


def test_the_edit_form_starts_from_what_is_saved_and_saves_changes(client, auth):
    auth.login("admin")
    _create(client)
    consultation = db.session.scalar(select(Consultation))
    form = client.get(f"/staff/consultations/{consultation.id}/edit").text
    assert 'value="Short breaks 2027"' in form and 'value="20"' in form  # the last day, as entered
    response = client.post(f"/staff/consultations/{consultation.id}/edit", data=FORM | {"summary": "Changed."})
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Consultation, consultation.id)
    assert saved.summary == "Changed." and saved.closes_at == consultation.closes_at
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(consultation.id))))
    assert "consultations.update" in actions


def test_promising_a_format_a_published_consultation_lacks_is_refused_beside_the_promises_and_nothing_is_saved(
    client, auth
):
    consultation = h.make("short-breaks", title="Short breaks 2027")
    auth.login("moderator")
    data = FORM | {"slug": "short-breaks", "promised_formats": ["easy_read", "bsl_video"]}
    response = client.post(f"/staff/consultations/{consultation.id}/edit", data=data)
    assert response.status_code == 200
    error = re.search(r'id="promised_formats-error"[^>]*>(.*?)</p>', response.text, re.S)
    assert error and "Easy read" in error.group(1) and "British Sign Language" in error.group(1)
    assert 'id="slug-error"' not in response.text
    db.session.expire_all()
    assert db.session.get(Consultation, consultation.id).promised_formats == []
