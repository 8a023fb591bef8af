"""Moderators curating the Local Offer: access by role, editing, second-person publishing, import, export."""

from __future__ import annotations

import io
import json

import pytest

from engage.audit import AuditEvent
from engage.extensions import db
from engage.localoffer import models as m
from engage.localoffer import service as ops
from engage.localoffer.demo import demo_documents
from engage.localoffer.taxonomy import category_term_id

STAFF_PAGES = [
    "/staff/local-offer/",
    "/staff/local-offer/due",
    "/staff/local-offer/coverage",
    "/staff/local-offer/import",
]


def _form(org_id: str, **changes) -> dict:
    data = {
        "organization_id": org_id,
        "name": "Riverside Stay and Play",
        "description": "Play sessions for **under fives** with SEND.",
        "status": "active",
        "categories": ["leisure"],
        "needs": ["ASD", "SLCN"],
        "minimum_age": "0",
        "maximum_age": "5",
        "cost": "free",
        "contact_name": "Play leader",
        "contact_phone": "01632 960000",
        "opening_times": "Tuesdays 10:00 to 11:30",
        "languages": "English, Polish",
        "location_name": "Riverside Family Hub",
        "address_1": "1 Mill Road",
        "town": "Riverside",
        "postcode": "EX7 2AB",
        "accessibility": "Step-free entrance\nHearing loop",
    }
    data.update(changes)
    return data


@pytest.fixture
def org(app):
    return ops.save_organization(None, {"name": "Riverside Play Trust", "description": "Play for all"}, None)


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_given_an_anonymous_visitor_when_opening_staff_pages_then_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_given_a_leader_when_opening_staff_pages_then_refused_and_audited(client, auth, path):
    auth.login("leader")
    assert client.get(path).status_code == 403
    assert db.session.query(AuditEvent).filter_by(action="access.denied").count() == 1


@pytest.mark.parametrize("role", ["moderator", "admin"])
@pytest.mark.parametrize("path", STAFF_PAGES)
def test_given_a_moderator_or_admin_then_staff_pages_open(client, auth, role, path):
    auth.login(role)
    assert client.get(path).status_code == 200


def test_given_a_new_service_when_the_same_moderator_tries_to_publish_then_refused_until_a_second_person(
    client, auth, org, app
):
    first = auth.login("moderator")
    response = client.post("/staff/local-offer/services/new", data=_form(org.id))
    assert response.status_code == 302
    service = db.session.query(m.Service).one()
    assert service.state == m.ServiceState.DRAFT and service.last_edited_by_id == first.id
    client.post(f"/staff/local-offer/services/{service.id}/submit")
    client.post(f"/staff/local-offer/services/{service.id}/publish")
    db.session.refresh(service)
    assert service.state == m.ServiceState.IN_REVIEW  # refused: same person

    auth.logout()
    auth.login("moderator")
    client.post(f"/staff/local-offer/services/{service.id}/publish")
    db.session.refresh(service)
    assert service.state == m.ServiceState.PUBLISHED
    assert client.get(f"/local-offer/services/{service.id}").status_code == 200
    assert service.review_due is None or service.review_due > service.created_at.date()


def test_given_a_published_service_when_edited_then_public_page_waits_for_the_second_person(client, auth, org):
    auth.login("moderator")
    client.post("/staff/local-offer/services/new", data=_form(org.id))
    service = db.session.query(m.Service).one()
    client.post(f"/staff/local-offer/services/{service.id}/submit")
    auth.logout()
    second = auth.login("moderator")
    client.post(f"/staff/local-offer/services/{service.id}/publish")

    client.post(
        f"/staff/local-offer/services/{service.id}/edit", data=_form(org.id, name="Riverside Stay, Play and Sing")
    )
    db.session.refresh(service)
    assert service.name == "Riverside Stay and Play" and service.pending_by_id == second.id
    assert "Riverside Stay and Play" in client.get(f"/local-offer/services/{service.id}").text
    detail = client.get(f"/staff/local-offer/services/{service.id}").text
    assert '<dt class="govuk-summary-list__key">Name</dt>' in detail and "<ins>" in detail
    assert "~ name:" not in detail  # words, not Open Referral paths

    client.post(f"/staff/local-offer/services/{service.id}/submit")
    auth.logout()
    auth.login("moderator")
    client.post(f"/staff/local-offer/services/{service.id}/publish")
    db.session.refresh(service)
    assert service.name == "Riverside Stay, Play and Sing" and service.pending_data is None
    actions = [r.action for r in service.revisions]
    assert actions[:3] == ["published", "submitted for review", "change proposed"]
    assert all(r.actor_name for r in service.revisions)


def test_given_the_two_person_setting_off_then_one_person_can_publish(app, client, auth, org):
    app.config["LOCAL_OFFER_TWO_PERSON_PUBLISH"] = False
    auth.login("moderator")
    client.post("/staff/local-offer/services/new", data=_form(org.id))
    service = db.session.query(m.Service).one()
    client.post(f"/staff/local-offer/services/{service.id}/submit")
    client.post(f"/staff/local-offer/services/{service.id}/publish")
    db.session.refresh(service)
    assert service.state == m.ServiceState.PUBLISHED


def test_given_a_bad_link_when_saving_then_an_error_and_nothing_saved(client, auth, org):
    auth.login("moderator")
    response = client.post("/staff/local-offer/services/new", data=_form(org.id, url="javascript:alert(1)"))
    assert response.status_code == 200 and "http:// or https://" in response.text
    assert db.session.query(m.Service).count() == 0


def test_given_overdue_entries_then_the_due_list_shows_them(client, auth, app):
    ops.import_data(demo_documents(20), True, None)
    auth.login("moderator")
    page = client.get("/staff/local-offer/due").text
    assert "Overdue" in page


def test_given_a_category_with_no_entries_then_the_coverage_report_flags_it(client, auth, app):
    docs = [d for d in demo_documents(30) if d["attributes"][0]["taxonomy_term_id"] != category_term_id("social-care")]
    ops.import_data(docs, True, None)
    auth.login("moderator")
    page = client.get("/staff/local-offer/coverage").text
    assert page.count("No current entries") == 1


def test_given_a_file_with_problems_when_imported_then_nothing_is_imported_and_every_problem_listed(client, auth):
    auth.login("moderator")
    docs = demo_documents(3)
    docs[0]["status"] = "open"
    docs[2]["minimum_age"] = "three"
    upload = (io.BytesIO(json.dumps(docs).encode()), "services.json")
    response = client.post("/staff/local-offer/import", data={"file": upload}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Record 1" in response.text and "status" in response.text
    assert "Record 3" in response.text and "minimum_age" in response.text
    assert db.session.query(m.Service).count() == 0


def test_given_a_moderator_import_then_drafts_even_if_publish_is_ticked(client, auth):
    auth.login("moderator")
    upload = (io.BytesIO(json.dumps(demo_documents(2)).encode()), "services.json")
    client.post("/staff/local-offer/import", data={"file": upload, "publish": "y"}, content_type="multipart/form-data")
    assert {s.state for s in db.session.query(m.Service)} == {m.ServiceState.DRAFT}


def test_given_an_admin_import_with_publish_then_published(client, auth):
    auth.login("admin")
    upload = (io.BytesIO(json.dumps(demo_documents(2)).encode()), "services.json")
    client.post("/staff/local-offer/import", data={"file": upload, "publish": "y"}, content_type="multipart/form-data")
    assert {s.state for s in db.session.query(m.Service)} == {m.ServiceState.PUBLISHED}


def test_given_published_services_when_exported_then_json_and_csv_are_audited(client, auth):
    ops.import_data(demo_documents(3), True, None)
    auth.login("moderator")
    exported = client.get("/staff/local-offer/export.json")
    assert len(exported.json) == 3 and "attachment" in exported.headers["Content-Disposition"]
    csv_text = client.get("/staff/local-offer/export.csv").text
    assert csv_text.startswith("id,name,") and len(csv_text.strip().splitlines()) >= 4
    assert db.session.query(AuditEvent).filter_by(action="localoffer.export").count() == 2


def test_given_a_translation_when_saved_then_polish_readers_see_it(client, auth):
    ops.import_data(demo_documents(1), True, None)
    service = db.session.query(m.Service).one()
    auth.login("moderator")
    client.post(
        f"/staff/local-offer/services/{service.id}/translations",
        data={
            "language": "pl",
            "name": "Grupa wsparcia dla dzieci z dysleksją",
            "description": "Spotkania dla rodziców.",
        },
    )
    assert "Grupa wsparcia" in client.get(f"/pl/local-offer/services/{service.id}").text
    assert "Grupa wsparcia" not in client.get(f"/local-offer/services/{service.id}").text


def test_given_the_cli_when_importing_a_bad_file_then_nothing_and_every_problem_printed(runner, auth, tmp_path):
    docs = demo_documents(2)
    docs[1]["id"] = "42"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(docs))
    result = runner.invoke(args=["localoffer", "import", "--as", auth.create().email, str(path)])
    assert result.exit_code != 0 and "record 2 (42), id" in result.output
    assert db.session.query(m.Service).count() == 0


def test_given_the_cli_when_importing_twice_with_publish_then_updates_not_duplicates(runner, tmp_path):
    path = tmp_path / "ok.json"
    path.write_text(json.dumps({"contents": demo_documents(3)}))
    assert "3 new" in runner.invoke(args=["localoffer", "import", "--publish", str(path)]).output
    assert "3 updated" in runner.invoke(args=["localoffer", "import", "--publish", str(path)]).output
    assert db.session.query(m.Service).count() == 3


def test_given_the_cli_export_csv_when_imported_again_then_round_trips(runner, tmp_path):
    ops.import_data(demo_documents(3), True, None)
    out = tmp_path / "lo.csv"
    runner.invoke(args=["localoffer", "export", "--format", "csv", "--output", str(out)])
    result = runner.invoke(args=["localoffer", "import", "--publish", str(out)])
    assert "3 updated" in result.output, result.output
    service = db.session.query(m.Service).first()
    assert service.contacts and service.service_at_locations  # a CSV update keeps what it does not carry
