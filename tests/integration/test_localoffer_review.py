"""Reviewing Local Offer changes: nobody who wrote part of a change publishes it (issue 15 #11), a refusal is an
error, the readable diff, restoring an earlier version, and imports that used to end in a 500 (issue 16)."""

from __future__ import annotations

import copy
import io
import json

from engage.extensions import db
from engage.localoffer import models as m
from engage.localoffer import service as ops
from engage.localoffer.demo import demo_documents
from tests.conftest import AuthActions
from tests.integration.localoffer_helpers import form_fields


def _signed_in(app, role="moderator"):
    client = app.test_client()
    user = AuthActions(client).login(role)
    return client, user


def _published(app) -> m.Service:
    doc = demo_documents(1)[0]
    ops.import_data([doc], True, None)
    return db.session.get(m.Service, doc["id"])


def _edit(client, service_id, **changes):
    fields = form_fields(client.get(f"/staff/local-offer/services/{service_id}/edit").text)
    fields.update({k: [v] for k, v in changes.items()})
    response = client.post(f"/staff/local-offer/services/{service_id}/edit", data=fields, follow_redirects=True)
    assert response.status_code == 200 and "Saved." in response.text


def test_given_a_drafts_and_b_edits_when_a_publishes_then_refused_as_an_error(app):
    service = _published(app)
    a, _ = _signed_in(app)
    b, _ = _signed_in(app)
    c, _ = _signed_in(app)
    _edit(a, service.id, description="A's new description.")
    _edit(b, service.id, fees="B's small fix.")
    b.post(f"/staff/local-offer/services/{service.id}/submit")

    refused = a.post(f"/staff/local-offer/services/{service.id}/publish")
    assert refused.status_code == 409
    assert "govuk-error-summary" in refused.text and "someone else must check and publish it" in refused.text
    assert "govuk-notification-banner--success" not in refused.text
    assert b.post(f"/staff/local-offer/services/{service.id}/publish").status_code == 409
    db.session.expire_all()
    assert service.description != "A's new description."

    assert c.post(f"/staff/local-offer/services/{service.id}/publish").status_code == 302
    db.session.expire_all()
    assert service.description == "A's new description." and service.fees == "B's small fix."


def test_given_an_upload_then_the_person_who_uploaded_it_cannot_publish_it_alone(app):
    service = _published(app)
    uploader, person = _signed_in(app)
    changed = copy.deepcopy(demo_documents(1))
    changed[0]["name"] = "Renamed by a file"
    upload = (io.BytesIO(json.dumps(changed).encode()), "services.json")
    response = uploader.post("/staff/local-offer/import", data={"file": upload}, content_type="multipart/form-data")
    assert response.status_code == 200
    assert service.revisions[0].actor_id == person.id
    uploader.post(f"/staff/local-offer/services/{service.id}/submit")
    assert uploader.post(f"/staff/local-offer/services/{service.id}/publish").status_code == 409
    other, _ = _signed_in(app)
    assert other.post(f"/staff/local-offer/services/{service.id}/publish").status_code == 302
    db.session.expire_all()
    assert service.name == "Renamed by a file"


def test_given_a_command_line_import_then_it_names_its_person_who_cannot_publish_it(app, runner, auth, tmp_path):
    service = _published(app)
    changed = copy.deepcopy(demo_documents(1))
    changed[0]["name"] = "Renamed from the terminal"
    path = tmp_path / "change.json"
    path.write_text(json.dumps(changed))
    assert runner.invoke(args=["localoffer", "import", str(path)]).exit_code != 0  # who is it?
    person = auth.create("moderator")
    assert runner.invoke(args=["localoffer", "import", "--as", person.email, str(path)]).exit_code == 0
    db.session.expire_all()
    assert ops.contributors(service) == {person.id}
    ops.submit_for_review(service, person)
    try:
        ops.publish(service, person)
        raise AssertionError("the importer published alone")
    except ops.WorkflowError:
        db.session.rollback()


def test_given_a_proposed_change_then_the_reviewer_reads_it_in_words_with_the_words_marked(app):
    service = _published(app)
    a, _ = _signed_in(app)
    _edit(a, service.id, opening_times="", contact_phone="01632 960999", languages="English, Polish")
    page = a.get(f"/staff/local-offer/services/{service.id}").text
    assert "Opening times" in page and "Saturday " in page and "Term time only.</del>" in page
    assert "British Sign Language</del>" in page and "<strong>removed</strong>" in page
    assert '<span class="govuk-visually-hidden">removed: </span>' in page
    assert '<span class="govuk-visually-hidden">added: </span>960999</ins>' in page
    for noise in ("taxonomy_term", "[1]", service.id.split("-")[0] + "-", "schedules", "contacts"):
        assert noise not in page.split("Proposed change")[1].split("History and earlier")[0], noise


def test_given_an_earlier_version_when_restored_then_it_is_a_proposed_change_for_someone_else(app):
    service = _published(app)
    original = service.description
    a, _ = _signed_in(app)
    b, _ = _signed_in(app)
    _edit(a, service.id, description="A worse description.")
    a.post(f"/staff/local-offer/services/{service.id}/submit")
    b.post(f"/staff/local-offer/services/{service.id}/publish")
    db.session.expire_all()
    assert service.description == "A worse description."
    history = b.get(f"/staff/local-offer/services/{service.id}/history")
    assert history.status_code == 200 and "Restore version 1" in history.text and "<del>" in history.text

    assert b.post(f"/staff/local-offer/services/{service.id}/versions/1/restore").status_code == 302
    db.session.expire_all()
    assert service.description == "A worse description." and service.pending_state == m.ChangeState.IN_REVIEW
    assert b.post(f"/staff/local-offer/services/{service.id}/publish").status_code == 409
    assert a.post(f"/staff/local-offer/services/{service.id}/publish").status_code == 302
    db.session.expire_all()
    assert service.description == original and service.schedules and service.contacts[0].email


def test_given_a_repeated_contact_id_then_a_named_error_and_never_a_500(app):
    uploader, _ = _signed_in(app)
    docs = demo_documents(2)
    docs[0]["contacts"].append({**docs[0]["contacts"][0], "name": "Second desk"})
    docs[1]["contacts"][0]["id"] = docs[0]["contacts"][0]["id"]
    upload = (io.BytesIO(json.dumps(docs).encode()), "services.json")
    response = uploader.post("/staff/local-offer/import", data={"file": upload}, content_type="multipart/form-data")
    assert response.status_code == 400 and "contacts[1].id" in response.text and "is used twice" in response.text
    assert db.session.query(m.Service).count() == 0

    ops.import_data(demo_documents(1), True, None)
    other = demo_documents(2)[1:]
    other[0]["contacts"][0]["id"] = demo_documents(1)[0]["contacts"][0]["id"]
    upload = (io.BytesIO(json.dumps(other).encode()), "services.json")
    response = uploader.post("/staff/local-offer/import", data={"file": upload}, content_type="multipart/form-data")
    assert response.status_code == 400 and "already belongs to another service" in response.text


def test_given_an_organisation_already_held_under_another_id_then_the_import_matches_it(app):
    ops.import_data(demo_documents(1), True, None)
    twin = demo_documents(2)[1]
    twin["organization"] = {**demo_documents(1)[0]["organization"], "id": "0b6a1a4e-2f1c-4c86-9d7e-3b1f0e6c2a11"}
    twin["organization"]["name"] = " " + twin["organization"]["name"].upper() + " "
    result = ops.import_data([twin], False, None)
    assert result.ok and any("matches the organisation" in str(w) for w in result.warnings)
    assert db.session.query(m.Organization).count() == 1


def test_given_parts_the_form_does_not_edit_then_the_edit_page_lists_them_as_kept(app):
    service = _published(app)
    a, _ = _signed_in(app)
    page = a.get(f"/staff/local-offer/services/{service.id}/edit").text
    assert "What else this entry holds (kept as it is when you save)" in page
    assert "Saturday 13:30–16:00, Term time only." in page and "contact@example-borough-dysl.example.org" in page
    assert "Per session, free per session" in page  # the cost detail
