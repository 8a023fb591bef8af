"""The "reach and digests" migration upgrades a database that already has staff in it, and downgrades cleanly;
the demo loaders for reach and digests are idempotent."""

from __future__ import annotations

import secrets

from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from engage import create_app

BEFORE, AFTER = "c05d3dadb0ca", "ec561e832ad0"


def test_given_a_database_with_staff_when_upgraded_then_the_new_tables_work(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrate.sqlite'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secrets.token_urlsafe(40)})
    with app.app_context():
        upgrade(revision=BEFORE)
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (email, role, last_totp_step, active, language, created_at) "
                    "VALUES ('a@example.invalid', 'leader', 0, 1, 'en', '2026-11-01')"
                )
            )
        upgrade(revision=AFTER)
        tables = set(inspect(engine).get_table_names())
        assert {
            "population_baselines",
            "population_baseline_rows",
            "digest_subscriptions",
            "digest_deliveries",
        } <= tables
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO digest_subscriptions (user_id, frequency, sections, email, active, created_at, "
                    "updated_at) VALUES (1, 'weekly', '[]', 1, 1, '2026-11-01', '2026-11-01')"
                )
            )
        downgrade(revision=BEFORE)
        assert "digest_subscriptions" not in set(inspect(engine).get_table_names())
        assert engine.connect().execute(text("SELECT count(*) FROM users")).scalar() == 1
        engine.dispose()


def test_demo_load_twice_changes_nothing(app, runner):
    from sqlalchemy import func, select

    from engage.digests.models import Subscription
    from engage.extensions import db
    from engage.reach.web.models import PopulationBaseline

    for _ in range(2):
        result = runner.invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(PopulationBaseline)) == 1
    assert db.session.scalar(select(func.count()).select_from(Subscription)) == 2
