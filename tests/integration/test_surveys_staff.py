"""Staff: starts, completions and drop-off with small numbers suppressed; responses; exports; checks."""

import csv
import io
import zipfile
from datetime import datetime

import pytest
from sqlalchemy import select

from engage.extensions import db
from engage.surveys import service
from tests.integration.surveys_helpers import Respondent, answer_basic, use_test_surveys

SUBMITTED = datetime(2026, 11, 22, 9, 30)


@pytest.fixture
def answered(app):
    """Three responses (a count that must show as "fewer than 5") and one unfinished draft, on a pinned clock."""
    app.config["CLOCK_PINNED_AT"] = SUBMITTED
    use_test_surveys(app)
    for comment in ("Good", "Ring 07700 900123", "=HYPERLINK(1)"):
        person = Respondent(app.test_client(), "test-basic")
        answer_basic(person, comment=comment[:20])
        person.submit()
    unfinished = Respondent(app.test_client(), "test-basic")
    unfinished.start()
    unfinished.answer("first", colour="red")
    return app


def test_given_an_anonymous_visitor_then_staff_survey_pages_redirect_to_sign_in(answered, client):
    for path in ("/staff/surveys", "/staff/surveys/test-basic", "/staff/surveys/test-basic/export.csv"):
        assert client.get(path).status_code == 302


def test_given_an_admin_then_responses_are_readable_with_free_text_redacted_and_audited(answered, client, auth):
    admin = auth.login(role="admin")
    page = client.get("/staff/surveys/test-basic/responses")
    assert page.status_code == 200 and "Ring [phone]" in page.text and "07700 900123" not in page.text
    exported = client.get("/staff/surveys/test-basic/export.csv")
    assert exported.status_code == 200 and b"07700 900123" not in exported.data
    from engage.audit import AuditEvent

    audited = db.session.execute(select(AuditEvent.action, AuditEvent.actor_id, AuditEvent.object_id)).all()
    assert ("survey.responses.view", admin.id, "test-basic") in audited
    assert ("survey.responses.export", admin.id, "test-basic") in audited


def test_given_a_moderator_then_starts_completions_and_drop_off_show_with_small_numbers_suppressed(
    answered, client, auth
):
    auth.login(role="moderator")
    listing = client.get("/staff/surveys")
    assert listing.status_code == 200 and "Basic test survey" in listing.text
    detail = client.get("/staff/surveys/test-basic")
    assert "fewer than 5" in detail.text
    assert ">3<" not in detail.text and ">4<" not in detail.text


def test_given_a_moderator_then_free_text_is_shown_in_full_and_the_view_is_audited(answered, client, auth):
    auth.login(role="moderator")
    assert "07700 900123" in client.get("/staff/surveys/test-basic/responses").text
    from engage.audit import AuditEvent

    assert "survey.responses.view" in db.session.scalars(select(AuditEvent.action)).all()


def test_given_a_leader_then_individual_responses_are_refused_audited_and_the_counts_offered(answered, client, auth):
    """Issue 15, defect 5: 392 of 405 demo rows are unique on ward, ethnicity, age band and need."""
    leader = auth.login(role="leader")
    page = client.get("/staff/surveys/test-basic/responses")
    assert page.status_code == 403 and "Individual responses are for moderators" in page.text
    assert "/staff/surveys/test-basic/answer-counts.csv" in page.text and "Ring" not in page.text
    for path in ("/staff/surveys/test-basic/export.csv", "/staff/surveys/test-basic/export.ods"):
        refused = client.get(path)
        assert refused.status_code == 403 and b"Ring" not in refused.data
    from engage.audit import AuditEvent

    denied = db.session.scalars(select(AuditEvent).filter_by(action="access.denied", actor_id=leader.id)).all()
    assert {e.detail["path"] for e in denied} == {
        "/staff/surveys/test-basic/responses",
        "/staff/surveys/test-basic/export.csv",
        "/staff/surveys/test-basic/export.ods",
    }


def test_given_a_leader_then_the_survey_page_and_answer_counts_show_aggregates_only(answered, client, auth):
    auth.login(role="leader")
    detail = client.get("/staff/surveys/test-basic")
    assert detail.status_code == 200 and "Which colour?" in detail.text and "fewer than 5" in detail.text
    assert "/responses" not in detail.text and "export.csv" not in detail.text
    counts = client.get("/staff/surveys/test-basic/answer-counts.csv")
    assert counts.status_code == 200 and "attachment" in counts.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(counts.data.decode("utf-8-sig"))))
    assert rows[0] == ["Question", "Answer", "People"] and ["Which colour?", "Blue", "<5"] in rows
    assert "Ring" not in counts.data.decode("utf-8-sig")
    ods = client.get("/staff/surveys/test-basic/answer-counts.ods")
    assert zipfile.ZipFile(io.BytesIO(ods.data)).read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    from engage.audit import AuditEvent

    assert (
        db.session.scalars(select(AuditEvent.action).filter_by(action="survey.summary.export")).all()
        == ["survey.summary.export"] * 2
    )


def _csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_given_a_moderator_when_exporting_csv_then_headers_are_question_texts_and_answers_are_words(
    answered, client, auth
):
    auth.login(role="moderator")
    rows = _csv_rows(client.get("/staff/surveys/test-basic/export.csv"))
    assert rows[0] == [
        "Reference",
        "Survey version",
        "Submitted (UK time)",
        "Language",
        "Channel",
        "Which colour?",
        "Any comment?",
        "How many children?",
        "When was the last review?",
        "How good was it? (1 = Very poor, 5 = Very good)",
    ]
    assert len(rows) == 4
    first = rows[1]
    # submitted at 09:30 UTC on 22 November, which is 09:30 in London (GMT)
    assert first[1:5] == ["1", "22 November 2026 at 09:30", "English", "Direct (no outreach link)"]
    assert first[5:6] + first[7:] == ["Blue", "2", "27 March 2026", "4"]
    assert {r[6] for r in rows[1:]} == {"Good", "Ring 07700 900123", "'=HYPERLINK(1)"}
    assert (
        "test-basic-responses.csv" in client.get("/staff/surveys/test-basic/export.csv").headers["Content-Disposition"]
    )


def test_given_a_moderator_when_exporting_with_codes_then_columns_are_stable_for_scripts(answered, client, auth):
    auth.login(role="moderator")
    exported = client.get("/staff/surveys/test-basic/export.csv?columns=codes")
    rows = _csv_rows(exported)
    assert "test-basic-responses-codes.csv" in exported.headers["Content-Disposition"]
    assert rows[0] == [
        "reference",
        "survey_version",
        "submitted_at",
        "language",
        "src",
        "colour",
        "comment",
        "children",
        "last_review",
        "rating",
    ]
    assert len(rows) == 4
    assert rows[1][3:6] + rows[1][7:] == ["en", "", "blue", "2", "2026-03-27", "4"]
    assert {r[6] for r in rows[1:]} == {"Good", "Ring 07700 900123", "'=HYPERLINK(1)"}


def test_given_a_moderator_when_exporting_then_formulas_are_defused_and_the_export_is_audited(answered, client, auth):
    auth.login(role="moderator")
    rows = list(csv.reader(io.StringIO(client.get("/staff/surveys/test-basic/export.csv").data.decode("utf-8-sig"))))
    assert "'=HYPERLINK(1)" in {r[6] for r in rows[1:]}
    from engage.audit import AuditEvent

    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "survey.responses.export" in actions


def test_given_a_moderator_when_exporting_ods_then_a_spreadsheet_with_one_row_per_response(answered, client, auth):
    auth.login(role="moderator")
    exported = client.get("/staff/surveys/test-basic/export.ods")
    archive = zipfile.ZipFile(io.BytesIO(exported.data))
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    content = archive.read("content.xml")
    assert content.count(b"<table:table-row>") == 4 and content.count(b"<table:table ") == 1
    assert b"Which colour?" in content and b"22 November 2026 at 09:30" in content
    assert b'office:value-type="float" office:value="4"' in content  # the scale point stays a number


def test_the_export_command_writes_csv_with_a_column_per_question_in_words_or_with_codes(answered, runner, tmp_path):
    out = tmp_path / "basic.csv"
    result = runner.invoke(args=["surveys", "export", "test-basic", "--format", "csv", "--output", str(out)])
    assert result.exit_code == 0, result.output
    header = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert header[5:] == [
        "Which colour?",
        "Any comment?",
        "How many children?",
        "When was the last review?",
        "How good was it? (1 = Very poor, 5 = Very good)",
    ]
    coded = tmp_path / "basic-codes.csv"
    args = ["surveys", "export", "test-basic", "--codes", "--output", str(coded)]
    assert runner.invoke(args=args).exit_code == 0
    assert coded.read_text(encoding="utf-8-sig").splitlines()[0].endswith("colour,comment,children,last_review,rating")


def test_the_check_command_names_the_file_the_element_and_the_problem(app, runner):
    from tests.integration.surveys_helpers import TEST_SURVEYS

    bad = TEST_SURVEYS.parent / "surveys_bad"
    result = runner.invoke(args=["surveys", "check", "--dir", str(bad)])
    assert result.exit_code == 1
    assert "broken.yaml" in result.output and "question q2: needs at least two options" in result.output
    good = runner.invoke(args=["surveys", "check", "--dir", str(TEST_SURVEYS)])
    assert good.exit_code == 0 and "ok" in good.output


def test_the_site_refuses_a_bad_file_and_logs_why(app, caplog):
    from tests.integration.surveys_helpers import TEST_SURVEYS

    app.config["SURVEYS_DIR"] = str(TEST_SURVEYS.parent / "surveys_bad")
    app.logger.disabled = False  # alembic's fileConfig() in an earlier migration test disables existing loggers
    with caplog.at_level("ERROR"):
        registry = service.load_registry(app)
    assert registry.surveys == {}
    assert "Survey file refused" in caplog.text and "broken.yaml" in caplog.text


def test_given_a_moderator_then_answer_counts_hide_small_numbers_on_the_page_and_in_the_file(answered, client, auth):
    auth.login(role="moderator")
    detail = client.get("/staff/surveys/test-basic")
    assert "Which colour?" in detail.text and "fewer than 5" in detail.text
    exported = client.get("/staff/surveys/test-basic/answer-counts.csv")
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig"))))
    assert rows[0] == ["Question", "Answer", "People"]
    assert ["Which colour?", "Blue", "<5"] in rows and ["Which colour?", "Red", "0"] in rows
    assert ["How good was it? (1 = Very poor, 5 = Very good)", "4", "<5"] in rows
    assert not any(r[2] in {"1", "2", "3", "4"} for r in rows[1:])
    coded = client.get("/staff/surveys/test-basic/answer-counts.csv?columns=codes")
    rows = list(csv.reader(io.StringIO(coded.data.decode("utf-8-sig"))))
    assert rows[0] == ["question", "option", "people"]
    assert ["colour", "blue", "<5"] in rows and ["colour", "red", "0"] in rows
    assert "test-basic-answer-counts-codes.csv" in coded.headers["Content-Disposition"]


def test_the_export_command_writes_answer_counts_with_small_numbers_hidden(answered, runner):
    result = runner.invoke(args=["surveys", "export", "test-basic", "--summary"])
    assert result.exit_code == 0 and "Which colour?,Blue,<5" in result.output
    coded = runner.invoke(args=["surveys", "export", "test-basic", "--summary", "--codes"])
    assert coded.exit_code == 0 and "colour,blue,<5" in coded.output
