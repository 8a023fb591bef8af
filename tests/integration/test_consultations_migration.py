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
