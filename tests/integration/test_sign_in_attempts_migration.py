"""The sign-in attempts migration upgrades a database holding staff accounts, keeps them, and downgrades."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from engage.auth import throttle
from engage.extensions import db

BEFORE = "7c1a9e3b5d20"  # cron claims
REVISION = "c9481b30c94c"


def test_given_staff_accounts_when_upgraded_then_attempts_are_counted_and_the_accounts_kept(migrating_app):
    upgrade(revision=BEFORE)
    db.session.execute(
        text(
            "INSERT INTO users (email, role, last_totp_step, active, language, created_at) "
            "VALUES ('pat@example.org', 'admin', 7, true, 'en', CURRENT_TIMESTAMP)"
        )
    )
    db.session.commit()
    upgrade(revision=REVISION)
    assert db.session.execute(text("SELECT last_totp_step FROM users")).scalar() == 7
    key = throttle.account_key("password", "pat@example.org")
    for _ in range(5):
        throttle.begin(key)
    assert db.session.execute(text("SELECT count(*) FROM sign_in_attempts")).scalar() == 5
    downgrade(revision=BEFORE)
    assert "sign_in_attempts" not in inspect(db.engine).get_table_names()
    assert db.session.execute(text("SELECT count(*) FROM users")).scalar() == 1
