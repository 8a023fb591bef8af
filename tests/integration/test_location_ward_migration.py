"""The ward migration, on SQLite and PostgreSQL: a location whose postcode is already imported gets its ward code;
downgrading drops the columns and the ward names table and keeps the location; upgrading again works."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import MetaData, inspect, text

from engage import create_app
from engage.extensions import db
from tests.conftest import config_for_tests

BEFORE = "5c2e7a9d4b13"  # baseline origins
WARDS = "5b2f8d4a7c31"


@pytest.fixture
def empty_app(tmp_path, smtp_controller):
    app = create_app(config_for_tests(tmp_path, smtp_controller.port))
    with app.app_context():
        _drop_everything()
        yield app
        db.session.remove()
        _drop_everything()
        db.engine.dispose()


def _drop_everything():
    reflected = MetaData()
    reflected.reflect(db.engine)
    reflected.drop_all(db.engine)


def _location_columns():
    return {column["name"] for column in inspect(db.engine).get_columns("lo_location")}


def test_given_located_services_when_upgraded_then_they_get_their_ward_and_the_downgrade_keeps_them(empty_app):
    upgrade(revision=BEFORE)
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO lo_postcode (postcode, district, latitude, longitude, la_code, ward_code)"
            " VALUES ('CV6 5AB', 'CV6', 52.426, -1.497, 'E08000026', 'E05001223')"
        ))  # fmt: skip
        connection.execute(text(
            "INSERT INTO lo_location (id, location_type, description, postal_code) VALUES"
            " ('loc-known', 'physical', '', 'cv6 5ab'), ('loc-unknown', 'physical', '', 'CV9 9ZZ'),"
            " ('loc-none', 'virtual', '', NULL)"
        ))  # fmt: skip
    upgrade(revision=WARDS)
    with db.engine.connect() as connection:
        wards = dict(connection.execute(text("SELECT id, ward_code FROM lo_location")).all())
    assert wards == {"loc-known": "E05001223", "loc-unknown": None, "loc-none": None}
    assert "lo_ward_name" in inspect(db.engine).get_table_names()

    downgrade(revision=BEFORE)
    assert not {"ward_code", "ward_name"} & _location_columns()
    assert "lo_ward_name" not in inspect(db.engine).get_table_names()
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM lo_location")) == 3
    upgrade(revision=WARDS)
    assert {"ward_code", "ward_name"} <= _location_columns()
