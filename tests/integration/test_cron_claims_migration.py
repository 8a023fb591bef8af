"""The cron claims migration upgrades a database holding a digest delivery and a comment owed an alert."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from engage.extensions import db

PREVIOUS = "9d4e7b1a2c60"
CLAIMS = "7c1a9e3b5d20"


def test_given_deliveries_and_owed_alerts_when_upgraded_then_they_are_kept_unclaimed(migrating_app):
    upgrade(revision=PREVIOUS)
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO users (id, email, role, last_totp_step, active, language, created_at) "
            "VALUES (1, 'm@example-borough.invalid', 'moderator', 0, 1, 'en', '2026-11-22 10:00:00')"
        ))  # fmt: skip
        connection.execute(text(
            "INSERT INTO digest_deliveries (user_id, period_key, channel, status, attempts, detail, created_at)"
            " VALUES (1, '2026-W47', 'email', 'failed', 2, '{}', '2026-11-23')"
        ))  # fmt: skip
        connection.execute(text(
            "INSERT INTO feedback_comments (topic, text, redaction_adjusted, flags, suggested_themes, personal_details,"
            " explanation, analysis_status, status, publish_consent, safeguarding_flagged, safeguarding_alert_attempts,"
            " safeguarding_alert_suppressed, content_hash, created_at, updated_at) VALUES ('general', 'hello', 0,"
            " '[]', '[]', '[]', '[]', 'done', 'new', 'private', 1, 3, 0, 'x', '2026-11-22', '2026-11-22')"
        ))  # fmt: skip
    upgrade(revision=CLAIMS)
    with db.engine.connect() as connection:
        delivery = connection.execute(text("SELECT attempts, claimed_until FROM digest_deliveries")).one()
        comment = connection.execute(
            text("SELECT safeguarding_alert_attempts, safeguarding_alert_claimed_until FROM feedback_comments")
        ).one()
    assert tuple(delivery) == (2, None) and tuple(comment) == (3, None)
    downgrade(revision=PREVIOUS)
    columns = {c["name"] for c in inspect(db.engine).get_columns("digest_deliveries")}
    assert "claimed_until" not in columns and "attempts" in columns
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM feedback_comments")) == 1
