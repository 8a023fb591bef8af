"""The surveys migration upgrades a database that already has data, and downgrades cleanly."""

import secrets

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from engage import create_app
from engage.extensions import db

BEFORE = "c05d3dadb0ca"  # staff accounts, sessions and audit log


def test_given_a_database_with_staff_data_when_upgraded_then_survey_tables_exist_and_data_is_kept(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "ENGAGE_ENV": "testing",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrate.sqlite'}",
        }
    )
    with app.app_context():
        upgrade(revision=BEFORE)
        db.session.execute(
            text("INSERT INTO audit_events (occurred_at, action, detail) VALUES ('2026-01-01', 'x', '{}')")
        )
        db.session.commit()
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"survey_draft", "survey_response", "survey_version"} <= tables
        assert db.session.execute(text("SELECT count(*) FROM audit_events")).scalar() == 1
        db.session.execute(
            text(
                "INSERT INTO survey_response (submission_token, reference, survey_id, survey_version, answers,"
                " language, submitted_at) VALUES ('t', 'ABCD-2345', 's', 1, '{}', 'en', '2026-01-01')"
            )
        )
        db.session.commit()
        downgrade(revision=BEFORE)
        assert "survey_response" not in set(inspect(db.engine).get_table_names())
        db.session.remove()
        db.engine.dispose()
