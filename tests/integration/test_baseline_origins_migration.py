"""The baseline origins migration stores, for baselines already imported, the origin the old number comparison
gave (so reach pages say what they said before), and downgrades cleanly."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from engage.extensions import db

BEFORE, AFTER = "3e8d5b1c9f60", "5c2e7a9d4b13"


def test_given_baselines_when_upgraded_then_copied_dimensions_point_at_their_origin(migrating_app):
    upgrade(revision=BEFORE)
    with db.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO population_baselines (id, source, as_of, imported_at, confirmed_at) VALUES"
            " (1, 'Census 2025', '2025-01-16', '2025-02-01', '2025-02-01'),"
            " (2, 'Our wards', '2025-03-01', '2025-03-02', '2025-03-02'),"
            " (3, 'A preview', '2025-04-01', '2025-04-02', NULL)"
        )
        connection.exec_driver_sql(
            "INSERT INTO population_baseline_rows (baseline_id, dimension, population_group, count) VALUES"
            " (1, 'ehcp', 'yes', 420), (1, 'ehcp', 'no', 1180), (1, 'ward', 'abbey', 50),"
            " (2, 'ehcp', 'yes', 420), (2, 'ehcp', 'no', 1180), (2, 'ward', 'abbey', 70),"
            " (3, 'ward', 'abbey', 90)"
        )
    upgrade(revision=AFTER)
    with db.engine.connect() as connection:
        origins = {
            (baseline, dimension): origin
            for baseline, dimension, origin in connection.execute(
                text("SELECT DISTINCT baseline_id, dimension, origin_id FROM population_baseline_rows")
            )
        }
    assert origins == {
        (1, "ehcp"): None,
        (1, "ward"): None,
        (2, "ehcp"): 1,
        (2, "ward"): None,
        (3, "ward"): None,
    }
    columns = {c["name"] for c in inspect(db.engine).get_columns("population_baselines")}
    assert "dataset" in columns

    downgrade(revision=BEFORE)
    assert "origin_id" not in {c["name"] for c in inspect(db.engine).get_columns("population_baseline_rows")}
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM population_baseline_rows")).scalar() == 7
