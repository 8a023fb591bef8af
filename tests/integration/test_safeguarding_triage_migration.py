"""The triage migration fills each stored comment's severity from its stored explanation, and keeps the engine's
sentiment beside any later correction."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from engage.extensions import db

PREVIOUS = "5c2e8a7d4f10"  # report protections and baseline states
TRIAGE = "5c2e8f1a7b34"  # 20261207_1745_safeguarding_triage_and_sentiment_corrections

_INSERT = text(
    "INSERT INTO feedback_comments (topic, text, redaction_adjusted, flags, suggested_themes, personal_details,"
    " explanation, analysis_status, status, publish_consent, safeguarding_flagged, safeguarding_alert_attempts,"
    " safeguarding_alert_suppressed, content_hash, created_at, updated_at, sentiment) VALUES ('general', :text, 0,"
    " '[]', '[]', '[]', :explanation, 'done', 'new', 'private', :flagged, 0, 0, 'x', '2026-11-22', '2026-11-22',"
    " 'negative')"
)


def test_given_stored_comments_when_upgraded_then_each_gets_its_severity_and_a_downgrade_removes_it(migrating_app):
    upgrade(revision=PREVIOUS)
    rows = {
        "he wants to die": ("[\"waiting: 'eight months'\", \"suicide: 'wants to die'\"]", 1),
        "stepdad hits him": ('["abuse: \'hits him\'", "possible-harm: model 0.91"]', 1),
        "waiting nine months": ('["possible-harm: model 0.62", "TextBlob polarity -0.10"]', 1),
        "raised by a moderator": ("[]", 1),
        "lovely ramp": ("[\"praise: 'lovely'\"]", 0),
    }
    with db.engine.begin() as connection:
        for words, (explanation, flagged) in rows.items():
            connection.execute(_INSERT, {"text": words, "explanation": explanation, "flagged": flagged})
    upgrade(revision=TRIAGE)
    with db.engine.begin() as connection:
        stored = dict(connection.execute(text("SELECT text, safeguarding_severity FROM feedback_comments")).all())
        engine_said = set(connection.scalars(text("SELECT sentiment_engine FROM feedback_comments")).all())
    assert engine_said == {"negative"}  # the engine's label, kept beside any later correction
    assert stored == {
        "he wants to die": 3,
        "stepdad hits him": 2,
        "waiting nine months": 1,
        "raised by a moderator": 2,
        "lovely ramp": 0,
    }
    downgrade(revision=PREVIOUS)
    columns = {c["name"] for c in inspect(db.engine).get_columns("feedback_comments")}
    assert not {"safeguarding_severity", "safeguarding_dismissed_at", "sentiment_engine"} & columns
