"""Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL, and keep data."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, inspect, text

from engage import create_app
from engage.extensions import db
from tests.conftest import config_for_tests


@pytest.fixture
def empty_app(tmp_path, smtp_controller):
    app = create_app(config_for_tests(tmp_path, smtp_controller.port))
    with app.app_context():
        reflected = MetaData()
        reflected.reflect(db.engine)
        reflected.drop_all(db.engine)
        yield app
        db.session.remove()
        reflected = MetaData()
        reflected.reflect(db.engine)
        reflected.drop_all(db.engine)
        db.engine.dispose()


def test_upgrading_an_empty_database_gives_the_models_schema(empty_app):
    upgrade()
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == [], "a model changed without a migration: run `flask --app wsgi db migrate`"


def test_downgrade_then_upgrade_round_trips_with_data_in_place(empty_app):
    upgrade()
    db.session.execute(
        text(
            "INSERT INTO users (email, role, last_totp_step, active, language, created_at) "
            "VALUES ('a@example.org', 'admin', 0, true, 'en', CURRENT_TIMESTAMP)"
        )
    )
    db.session.commit()
    downgrade(revision="base")
    assert "users" not in inspect(db.engine).get_table_names()
    upgrade()
    assert "users" in inspect(db.engine).get_table_names()
