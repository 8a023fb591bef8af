"""The consultations revision adds its tables beside a database that already holds comments, and comes off cleanly."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from engage.extensions import db

BEFORE = "5c2e8a7f1b90"  # Local Offer review history
CONSULTATION_TABLES = {
    "consultations", "consultation_documents", "consultation_actions", "consultation_action_updates",
    "consultation_document_versions", "consultation_stage_changes",
    "consultation_followers", "consultation_notifications",
}  # fmt: skip


def _comment_count() -> int:
    with db.engine.connect() as connection:
        return connection.scalar(text("SELECT count(*) FROM feedback_comments"))


def test_given_comments_when_upgraded_then_they_stay_and_consultations_can_be_stored_and_removed(migrating_app):
    upgrade(revision=BEFORE)
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO feedback_comments (topic, about, text, publish_consent, status,"
                                " analysis_status, content_hash, created_at, updated_at, flags, suggested_themes,"
                                " personal_details, explanation, redaction_adjusted, safeguarding_flagged,"
                                " safeguarding_alert_attempts, safeguarding_alert_suppressed, out_of_date) VALUES"
                                " ('consultation', '/consultations/x', 'More clubs', 'anonymous', 'new', 'done', 'h',"
                                " '2026-01-02 00:00:00', '2026-01-02 00:00:00', '[]', '[]', '[]', '[]', 0, 0, 0, 0,"
                                " 0)"))  # fmt: skip
    upgrade()
    assert set(inspect(db.engine).get_table_names()) >= CONSULTATION_TABLES
    assert _comment_count() == 1
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO consultations (slug, title, summary, body, audience, opens_at, closes_at,"
                                " promised_formats, survey_ids, we_asked, you_said, we_did, agenda_set_by,"
                                " decided_where, created_at, updated_at)"
                                " VALUES ('x', 'X', 'S', '', 'everyone', '2027-01-01 00:00:00', '2027-02-01 00:00:00',"
                                " '[]', '[]', '', '', '', '', '', '2026-12-07 00:00:00',"
                                " '2026-12-07 00:00:00')"))  # fmt: skip
    downgrade(revision=BEFORE)
    assert not CONSULTATION_TABLES & set(inspect(db.engine).get_table_names())
    assert _comment_count() == 1


def test_followers_kept_through_the_hear_back_revision_are_followers_not_commenters(migrating_app):
    upgrade(revision="5c2e8f1a7b34")
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO consultations (slug, title, summary, body, audience, opens_at, closes_at,"
                                " promised_formats, survey_ids, we_asked, you_said, we_did, agenda_set_by,"
                                " decided_where, created_at, updated_at)"
                                " VALUES ('x', 'X', 'S', '', 'everyone', '2027-01-01 00:00:00', '2027-02-01 00:00:00',"
                                " '[]', '[]', '', '', '', '', '', '2026-12-07 00:00:00',"
                                " '2026-12-07 00:00:00')"))  # fmt: skip
        connection.execute(text("INSERT INTO consultation_followers (consultation_id, email, language,"
                                " created_at) SELECT id, 'a@example.org', 'en', '2026-12-07 00:00:00'"
                                " FROM consultations"))  # fmt: skip
    upgrade(revision="5c2e9b3d7e21")
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM consultation_followers WHERE NOT hear_back")) == 1
    downgrade(revision="5c2e8f1a7b34")
    columns = {c["name"] for c in inspect(db.engine).get_columns("consultation_followers")}
    assert "hear_back" not in columns
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM consultation_followers")) == 1
