"""Issue 16, deliverable 6: the audit log is paginated, filterable by person, action and date range, exportable as
CSV and OpenDocument (formula-injection safe), and every event reads in words, in the reader's language."""

from __future__ import annotations

import io
from datetime import datetime

from odf.opendocument import load
from odf.table import TableRow
from sqlalchemy import select, update

from engage.audit import AuditEvent, record_audit
from engage.extensions import db
from engage.localoffer import models as m
from engage.localoffer import service as ops
from engage.localoffer.demo import demo_documents
from tests.conftest import AuthActions


def _service_named(name: str) -> m.Service:
    doc = demo_documents(1)[0]
    doc["name"] = name
    ops.import_data([doc], True, None)
    return db.session.get(m.Service, doc["id"])


def _admin(app):
    client = app.test_client()
    return client, AuthActions(client).login("admin")


def test_events_read_in_words_with_the_records_name_not_codes(app):
    service = _service_named("Sunflower Playgroup")
    client, _admin_user = _admin(app)
    moderator = AuthActions(app.test_client()).login("moderator")
    record_audit("localoffer.service.published", "lo_service", service.id, actor_id=moderator.id)
    page = client.get("/staff/audit").text
    assert "Published the service &#39;Sunflower Playgroup&#39;" in page
    assert moderator.email in page
    table = page.split("<table")[1]
    assert "localoffer.service.published" not in table and "lo_service" not in table
    assert "Signed in" in page


def test_words_are_translated(app):
    service = _service_named("Sunflower Playgroup")
    client, _user = _admin(app)
    record_audit("localoffer.service.published", "lo_service", service.id)
    english = client.get("/staff/audit").text
    polish = client.get("/pl/staff/audit").text
    sentence = "Published the service &#39;Sunflower Playgroup&#39;"
    assert sentence in english
    assert "Sunflower Playgroup" in polish and sentence not in polish


def test_the_log_is_paginated_and_the_filters_are_kept_across_pages(app):
    client, admin = _admin(app)
    for n in range(120):
        record_audit("feedback.comment.view", "comment", n + 1, actor_id=admin.id, commit=False)
    db.session.commit()
    first = client.get("/staff/audit?action=feedback.comment.view").text
    assert "Showing 1 to 50 of 120" in first
    assert 'href="/staff/audit?action=feedback.comment.view&amp;page=2"' in first
    third = client.get("/staff/audit?action=feedback.comment.view&page=3").text
    assert "Showing 101 to 120 of 120" in third and "Read comment 1</td>" in third
    assert "Signed in" not in third.split("<table")[1]  # the filter still holds on page 3


def test_filters_by_person_action_and_dates(app):
    client, admin = _admin(app)
    other = AuthActions(app.test_client()).login("moderator")
    record_audit("feedback.retrain", "model", 1, actor_id=other.id)
    by_other = client.get(f"/staff/audit?person={other.id}").text
    assert "Retrained the comment analysis" in by_other and admin.email not in by_other.split("<table")[1]
    by_action = client.get("/staff/audit?action=auth.login").text
    assert "Retrained" not in by_action.split("<table")[1] and "Signed in" in by_action

    old = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "feedback.retrain"))
    db.session.execute(
        update(AuditEvent).where(AuditEvent.id == old.id).values(occurred_at=datetime(2026, 3, 1, 23, 30))
    )
    db.session.commit()
    # 23:30 UTC on 1 March is still 1 March in London (GMT); the range is in London days, both ends included
    march = client.get("/staff/audit?since=2026-03-01&until=2026-03-01").text
    assert "Retrained" in march and "1 event" in march
    assert "Retrained" not in client.get("/staff/audit?since=2026-03-02").text.split("<table")[-1]
    refused = client.get("/staff/audit?since=2026-03-05&until=2026-03-01")
    assert refused.status_code == 400 and "The end date must be the same as or after the start date" in refused.text
    assert client.get("/staff/audit?since=yesterday").status_code == 400


def test_summer_days_are_london_days(app):
    client, admin = _admin(app)
    record_audit("feedback.retrain", "model", 1, actor_id=admin.id)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "feedback.retrain"))
    # 23:30 UTC on 9 July is 00:30 on 10 July in London (BST)
    event.occurred_at = datetime(2026, 7, 9, 23, 30)
    db.session.commit()
    assert "Retrained" in client.get("/staff/audit?since=2026-07-10&until=2026-07-10").text
    page = client.get("/staff/audit?since=2026-07-10&until=2026-07-10").text
    assert "10 July 2026 at 00:30" in page


def test_exports_are_in_words_filtered_defused_and_audited(app):
    service = _service_named('=HYPERLINK("http://evil.example")')
    client, admin = _admin(app)
    record_audit("localoffer.service.published", "lo_service", service.id, actor_id=admin.id)
    record_audit("feedback.retrain", "model", 1, actor_id=admin.id)

    csv = client.get("/staff/audit/export.csv?action=localoffer.service.published")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    lines = csv.text.strip().splitlines()
    assert lines[0] == "When (UK time),Who,What happened"
    assert len(lines) == 2 and "Published the service '=HYPERLINK" in lines[1]
    assert "Retrained" not in csv.text and "localoffer.service" not in csv.text

    ods = client.get("/staff/audit/export.ods")
    assert ods.status_code == 200 and ods.mimetype == "application/vnd.oasis.opendocument.spreadsheet"
    rows = load(io.BytesIO(ods.data)).spreadsheet.getElementsByType(TableRow)
    texts = [str(row) for row in rows]
    assert any("Retrained the comment analysis" in text for text in texts)

    exports = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "audit.export")).all()
    assert [e.detail["format"] for e in exports] == ["csv", "ods"]
    assert "Exported the audit log" in client.get("/staff/audit").text


def test_a_cell_that_starts_like_a_formula_is_defused_in_the_csv(app):
    client, admin = _admin(app)
    evil = AuthActions(app.test_client()).create("moderator", email="=cmd@example.invalid")
    record_audit("auth.password.change", "user", evil.id, actor_id=evil.id)
    text = client.get(f"/staff/audit/export.csv?person={evil.id}").text
    assert "'=cmd@example.invalid" in text


def test_only_administrators_read_or_export_the_log(app):
    for role in ("moderator", "leader"):
        client = app.test_client()
        AuthActions(client).login(role)
        assert client.get("/staff/audit").status_code == 403
        assert client.get("/staff/audit/export.csv").status_code == 403
    client, _admin_user = _admin(app)
    assert client.get("/staff/audit/export.pdf").status_code == 404


def test_an_unknown_code_still_reads_as_a_sentence(app):
    client, admin = _admin(app)
    record_audit("something.new", None, None, actor_id=admin.id)
    assert "Did something recorded as something.new" in client.get("/staff/audit").text


def test_reading_a_page_of_events_takes_a_fixed_number_of_queries(app):
    from sqlalchemy import event as sa_event

    client, admin = _admin(app)
    services = [_service_named(f"Service {n}") for n in range(3)]
    for n in range(50):
        record_audit("localoffer.service.published", "lo_service", services[n % 3].id, actor_id=admin.id, commit=False)
        record_audit("feedback.comment.view", "comment", n, actor_id=admin.id, commit=False)
    db.session.commit()
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get("/staff/audit").status_code == 200
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", count)
    assert len(seen) <= 12, seen
