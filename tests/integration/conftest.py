"""Fixtures shared by the integration tests (the general ones are in tests/conftest.py)."""

import pytest

from engage import create_app
from engage.extensions import db
from tests import conftest


@pytest.fixture
def migrating_app(tmp_path, smtp_controller):
    """An app on an empty SQLite file of its own, for tests that move data through Alembic revisions."""
    config = conftest.config_for_tests(tmp_path, smtp_controller.port)
    if not config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("migration data tests run on their own SQLite file (the PostgreSQL run checks the schema)")
    config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'migrate.sqlite'}"
    app = create_app(config)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
