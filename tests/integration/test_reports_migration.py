"""The stored-protections migration upgrades a database that already holds a baseline: the baseline stays
current (taken as confirmed when it was imported), protections can be stored, and it downgrades cleanly."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from engage.extensions import db
from engage.reach.web import service

PREVIOUS = "d2711e180aff"  # consultations
PROTECTIONS = "5c2e8a7d4f10"


def test_given_a_baseline_when_upgraded_then_it_stays_current_and_protections_can_be_stored(migrating_app):
    upgrade(revision=PREVIOUS)
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO population_baselines (source, as_of, imported_at) "
            "VALUES ('Census', '2026-01-15', '2026-02-01 09:00:00')"
        ))  # fmt: skip
        connection.execute(text(
            "INSERT INTO population_baseline_rows (baseline_id, dimension, population_group, count) "
            "VALUES (1, 'ward', 'abbey', 720)"
        ))  # fmt: skip
    upgrade(revision=PROTECTIONS)
    upgrade()  # the models describe the newest schema (later migrations add baseline columns), so read them there
    current = service.current_baseline()
    assert current.source == "Census" and str(current.confirmed_at) == "2026-02-01 09:00:00"
    assert current.counts() == {"ward": {"abbey": 720}}
    db.session.remove()
    downgrade(revision=PROTECTIONS)
    with db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO reach_protections (period_key, fingerprint, tables, claimed_at) "
            "VALUES ('2026-11', 'abc', '{}', '2026-11-18 12:00:00')"
        ))  # fmt: skip
    db.session.remove()
    downgrade(revision=PREVIOUS)
    assert "reach_protections" not in set(inspect(db.engine).get_table_names())
    columns = {c["name"] for c in inspect(db.engine).get_columns("population_baselines")}
    assert "confirmed_at" not in columns
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM population_baseline_rows")) == 1
