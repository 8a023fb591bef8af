"""The feedback migration upgrades a database that already has staff in it, and downgrades cleanly."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from engage.extensions import db

#: The revision feedback follows (surveys, which follows the foundation); the lead re-chains on merge.
PREVIOUS = "3e4e2110729f"
FEEDBACK = "884b18e22afd"


def test_given_a_database_with_staff_when_upgraded_then_feedback_tables_work_and_staff_are_kept(migrating_app):
    upgrade(revision=PREVIOUS)
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO users (email, role, last_totp_step, active, language, created_at) "
            "VALUES ('m@example-borough.invalid', 'moderator', 0, 1, 'en', '2026-11-22 10:00:00')"
        ))  # fmt: skip
    upgrade(revision=FEEDBACK)
    tables = set(inspect(db.engine).get_table_names())
    assert {"feedback_comments", "feedback_themes", "feedback_comment_themes"} <= tables
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO feedback_comments (topic, text, redaction_adjusted, flags, suggested_themes, personal_details,"
            " explanation, analysis_status, status, publish_consent, safeguarding_flagged, safeguarding_alert_attempts,"
            " content_hash, created_at, updated_at, safeguarding_action_by_id) VALUES ('general', 'hello', 0, '[]',"
            " '[]', '[]', '[]', 'pending', 'new', 'private', 0, 0, 'x', '2026-11-22', '2026-11-22', 1)"
        ))  # fmt: skip
        assert connection.scalar(text("SELECT count(*) FROM users")) == 1
    downgrade(revision=PREVIOUS)
    assert "feedback_comments" not in set(inspect(db.engine).get_table_names())
    assert "users" in set(inspect(db.engine).get_table_names())
