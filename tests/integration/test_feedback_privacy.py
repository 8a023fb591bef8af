"""What leaders may see, retention of contact details, subject access and erasure."""

import csv
import io
import json
import zipfile
from datetime import timedelta

from sqlalchemy import func, select

from engage.audit import AuditEvent
from engage.extensions import db
from engage.feedback import service
from engage.feedback.models import Comment

RAW = "Our caseworker Mrs Patel on 07700 900123 was brilliant with the annual review."
CONTACT = {"contact_name": "Asha Khan", "contact_email": "Asha.Khan@Example.com", "contact_phone": "07700 900999"}


def _comment(text=RAW, **kwargs) -> Comment:
    return service.submit_comment(topic="service", text=text, publish_consent="anonymous", **(CONTACT | kwargs))


def _audited(action: str) -> bool:
    return db.session.scalar(select(AuditEvent).where(AuditEvent.action == action)) is not None


def _assert_leader_safe(content: str) -> None:
    for secret in ("07700 900123", "Asha", "asha.khan@example.com", "07700 900999", "Patel"):
        assert secret not in content
    assert "[phone]" in content


def test_leader_export_csv_has_only_redacted_text_and_no_contact_details(client, auth):
    _comment()
    auth.login("leader")
    response = client.get("/staff/feedback/export?format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows[0]["Language"] == "English" and rows[0]["Topic"].startswith("A service (for example")
    assert rows[0]["Status"] in {"New", "In review"} and rows[0]["Sentiment"] in {"Positive", "Neutral", "Mixed"}
    assert not {"Contact name", "Email", "Phone", "Comment"} & set(rows[0])
    _assert_leader_safe(response.text)
    assert _audited("feedback.export")
    coded = client.get("/staff/feedback/export?format=csv&columns=codes")
    assert "feedback-comments-codes.csv" in coded.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(coded.text)))
    assert rows[0]["language"] == "en" and rows[0]["topic"] == "service" and rows[0]["sentiment"]
    assert not {"contact_name", "contact_email", "contact_phone", "text"} & set(rows[0])
    _assert_leader_safe(coded.text)


def test_leader_export_ods_is_a_real_spreadsheet_without_contact_details(client, auth):
    _comment()
    auth.login("leader")
    response = client.get("/staff/feedback/export?format=ods")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    content = archive.read("content.xml").decode("utf-8")
    assert "Comment (redacted)" in content and content.count("<table:table ") == 1
    _assert_leader_safe(content)


def test_csv_export_neutralises_spreadsheet_formulas(client, auth):
    _comment('=HYPERLINK("http://evil.example","click") please fix the bus', **{"contact_email": ""})
    auth.login("leader")
    text = client.get("/staff/feedback/export?format=csv").text
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text and ',"=HYPERLINK' not in text


def test_cli_export_csv_and_ods(runner, tmp_path):
    _comment()
    result = runner.invoke(args=["feedback", "export", "--format", "csv"])
    assert result.exit_code == 0 and "Comment (redacted)" in result.output
    coded = runner.invoke(args=["feedback", "export", "--format", "csv", "--codes"])
    assert coded.exit_code == 0 and "redacted_text" in coded.output
    _assert_leader_safe(result.output)
    target = tmp_path / "comments.ods"
    assert runner.invoke(args=["feedback", "export", "--format", "ods", "-o", str(target)]).exit_code == 0
    assert zipfile.is_zipfile(target)


def test_leaders_read_only_list_shows_redacted_text_only(client, auth):
    _comment()
    auth.login("leader")
    page = client.get("/staff/feedback/comments").text
    assert "[phone]" in page
    _assert_leader_safe(page)


def test_purge_removes_contact_details_past_retention_and_a_second_run_changes_nothing(app, runner):
    old, recent = _comment(), _comment("A different recent comment about the bus.")
    old.created_at -= timedelta(days=app.config["FEEDBACK_CONTACT_RETENTION_DAYS"] + 1)
    db.session.commit()
    first = runner.invoke(args=["feedback", "purge"])
    assert first.exit_code == 0 and "from 1 comments" in first.output
    db.session.refresh(old)
    db.session.refresh(recent)
    assert (old.contact_name, old.contact_email, old.contact_phone) == (None, None, None)
    assert old.contact_purged_at is not None and old.text == RAW
    assert recent.contact_email == "asha.khan@example.com"
    snapshot = [tuple(row) for row in db.session.execute(select(Comment.__table__).order_by(Comment.id))]
    second = runner.invoke(args=["feedback", "purge"])
    assert "from 0 comments" in second.output
    db.session.expire_all()
    assert snapshot == [tuple(row) for row in db.session.execute(select(Comment.__table__).order_by(Comment.id))]


def test_subject_access_finds_everything_for_an_email_and_exports_it_in_one_step(client, auth):
    mine = _comment()
    _comment("Someone else's comment about transport.", contact_email="other@example.com")
    auth.login("moderator")
    page = client.post("/staff/feedback/subject-access", data={"find-email": "ASHA.KHAN@example.com"}).text
    assert RAW in page and "Someone else" not in page
    assert _audited("feedback.subject.find")
    exported = client.post(
        "/staff/feedback/subject-access/export", data={"export-email": "asha.khan@example.com", "export-format": "json"}
    )
    data = json.loads(exported.text)
    assert [c["id"] for c in data["comments"]] == [mine.id]
    assert data["comments"][0]["text"] == RAW and data["comments"][0]["contact_phone"] == "07700 900999"
    as_csv = client.post(
        "/staff/feedback/subject-access/export", data={"export-email": "asha.khan@example.com", "export-format": "csv"}
    )
    assert as_csv.mimetype == "text/csv" and RAW in as_csv.text
    assert _audited("feedback.subject.export")


def test_erase_by_deleting_removes_the_comments_from_the_next_export(client, auth):
    _comment()
    auth.login("moderator")
    data = {"erase-email": "asha.khan@example.com", "erase-mode": "delete", "erase-confirm": "y"}
    assert client.post("/staff/feedback/subject-access/erase", data=data).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Comment)) == 0
    assert "[phone]" not in client.get("/staff/feedback/export?format=csv").text
    assert _audited("feedback.subject.erase")


def test_erase_by_anonymising_keeps_only_the_redacted_text(client, auth):
    comment = _comment()
    auth.login("moderator")
    data = {"erase-email": "asha.khan@example.com", "erase-mode": "anonymise", "erase-confirm": "y"}
    client.post("/staff/feedback/subject-access/erase", data=data)
    db.session.refresh(comment)
    assert comment.text == "" and comment.contact_email is None and comment.erased_at is not None
    assert "[phone]" in comment.redacted_text
    assert client.get(f"/staff/feedback/{comment.id}").status_code == 404


def test_erase_needs_confirmation(client, auth):
    _comment()
    auth.login("moderator")
    response = client.post(
        "/staff/feedback/subject-access/erase", data={"erase-email": "asha.khan@example.com", "erase-mode": "delete"}
    )
    assert response.status_code == 400 and "Confirm you have checked the request" in response.text
    assert db.session.scalar(select(func.count()).select_from(Comment)) == 1
