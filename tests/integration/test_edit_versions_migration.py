"""The edit versions migration gives comments, consultations and actions already stored version 1, and goes
back cleanly (the PostgreSQL run checks the schema against the models: tests/integration/test_migrations.py)."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from engage.extensions import db

PREVIOUS = "5b2f8d4a7c31"  # location ward
VERSIONS = "7c2f4a9e1d38"
TABLES = ("feedback_comments", "consultations", "consultation_actions")


def test_given_a_comment_and_an_action_when_upgraded_then_both_are_at_version_1_and_downgrade_keeps_them(
    migrating_app,
):
    upgrade(revision=PREVIOUS)
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO feedback_comments (topic, text, redaction_adjusted, flags, suggested_themes, personal_details,"
            " explanation, analysis_status, status, publish_consent, safeguarding_flagged, safeguarding_alert_attempts,"
            " safeguarding_alert_suppressed, safeguarding_severity, content_hash, created_at, updated_at) VALUES"
            " ('general', 'hello', 0, '[]', '[]', '[]', '[]', 'done', 'new', 'private', 0, 0, 0, 0, 'x',"
            " '2026-11-22', '2026-11-22')"
        ))  # fmt: skip
        connection.execute(text(
            "INSERT INTO consultation_actions (title, owner, status, reason, created_at)"
            " VALUES ('Easy-read letters', 'SEND team', 'planned', '', '2026-11-22')"
        ))  # fmt: skip
    upgrade(revision=VERSIONS)
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT version FROM feedback_comments")) == 1
        assert connection.scalar(text("SELECT version FROM consultation_actions")) == 1
    assert all("version" in {c["name"] for c in inspect(db.engine).get_columns(t)} for t in TABLES)
    downgrade(revision=PREVIOUS)
    assert not any("version" in {c["name"] for c in inspect(db.engine).get_columns(t)} for t in TABLES)
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM feedback_comments")) == 1
        assert connection.scalar(text("SELECT count(*) FROM consultation_actions")) == 1
