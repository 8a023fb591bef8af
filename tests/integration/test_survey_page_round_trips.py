"""Given a family part-way through a survey, when they open a question page and save an answer, then each touches
the database with one statement that is its own transaction, and the save opts out of waiting for the disk inside
that one statement: on PostgreSQL every BEGIN, COMMIT, ROLLBACK or SET is a round trip to the server of its own
(three for a page view and five for an answer before), which is what kept the pages slower there than on SQLite."""

from __future__ import annotations

from sqlalchemy import event, text

from engage.database import update_without_waiting_for_disk
from engage.extensions import db
from engage.surveys.models import SurveyDraft
from tests.integration.surveys_helpers import Respondent, token_in, use_test_surveys


def draft_statements(client, method: str, path: str, data=None) -> list[tuple[str, str]]:
    """(statement, isolation level) of each statement the request sends about drafts or durability settings."""
    seen: list[tuple[str, str]] = []

    def note(connection, _cursor, statement, _parameters, _context, _many) -> None:
        if "survey_draft" in statement or "synchronous" in statement.lower():
            seen.append((statement, connection.get_execution_options().get("isolation_level", "")))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        response = client.open(path, method=method, data=data)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert response.status_code in (200, 302), response.status_code
    return seen


def test_given_a_draft_when_a_page_is_viewed_and_answered_then_each_is_one_statement_outside_a_transaction(app, client):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    person.start()
    page = client.get("/surveys/test-basic/page/first")
    csrf = token_in(page.text)
    db.session.remove()  # the test's own session holds no transaction the requests could wait on

    viewed = draft_statements(client, "GET", "/surveys/test-basic/page/first")
    answer = {"csrf_token": csrf, "colour": "red", "comment": "ok", "action": "continue"}
    saved = draft_statements(client, "POST", "/surveys/test-basic/page/first", answer)

    assert [isolation for _, isolation in viewed] == ["AUTOCOMMIT"]
    assert viewed[0][0].lstrip().upper().startswith("SELECT")
    writes = [(statement, isolation) for statement, isolation in saved if "survey_draft" in statement]
    assert [statement.lstrip().split()[0].upper() for statement, _ in writes] == ["SELECT", "UPDATE"]
    assert {isolation for _, isolation in writes} == {"AUTOCOMMIT"}
    if db.engine.dialect.name == "postgresql":
        assert len(saved) == 2  # no SET LOCAL of its own: the UPDATE makes the setting
        assert "set_config" in writes[1][0]
    # and the answer is stored
    draft = db.session.scalar(db.select(SurveyDraft))
    assert draft.answers == {"colour": "red", "comment": "ok"} and draft.completed_pages == ["first"]


def test_a_relaxed_single_update_stores_the_row_and_later_transactions_wait_for_the_disk_again(app):
    use_test_surveys(app)
    client = app.test_client()
    Respondent(client, "test-basic").start()
    draft_id = db.session.scalar(db.select(SurveyDraft.id))
    db.session.remove()
    settings: list[str] = []

    def note(connection, _cursor, statement, _parameters, _context, _many) -> None:
        settings.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        matched = update_without_waiting_for_disk(
            db.update(SurveyDraft).where(SurveyDraft.id == draft_id).values(last_page="first")
        )
    finally:
        event.remove(db.engine, "before_cursor_execute", note)

    assert matched == 1
    assert db.session.scalar(db.select(SurveyDraft.last_page)) == "first"
    if db.engine.dialect.name == "postgresql":
        assert len(settings) == 1 and "set_config" in settings[0]
        assert db.session.scalar(text("SHOW synchronous_commit")) == "on"
    else:
        assert settings[0] == "PRAGMA synchronous=NORMAL"
        assert str(db.session.scalar(text("PRAGMA synchronous"))) == "2"  # FULL again for everyone else
