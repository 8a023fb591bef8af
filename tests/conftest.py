"""Shared fixtures: a fresh application and database per test (SQLite, or PostgreSQL when DATABASE_URL is
set), a real SMTP server on loopback, and a helper that signs staff in through the real login flow."""

from __future__ import annotations

import os
import secrets
import socket
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pyotp
import pytest
from aiosmtpd.controller import Controller
from flask import g, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from engage import create_app
from engage.auth import passwords
from engage.auth.models import Role, User
from engage.extensions import db
from engage.reach.web import protections

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = PROJECT_ROOT.parent / "shared"
STAFF_PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the project root (present in CI, absent in a user's fresh clone)."""
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is absent (it is present in CI): this test reads the shared reference data")
    return SHARED_DIR


class Outbox:
    """Collects what the loopback SMTP server receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = message_from_bytes(envelope.content)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


@pytest.fixture(scope="session")
def smtp_controller():
    outbox = Outbox()
    with socket.socket() as probe:  # aiosmtpd needs a real port number to check it started
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(outbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def outbox(smtp_controller) -> list[Message]:
    """Emails received by the real SMTP server during this test."""
    smtp_controller.handler.messages.clear()
    return smtp_controller.handler.messages


def _database_url(tmp_path: Path) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    # One database per xdist worker, so parallel tests never share tables; ENGAGE_TEST_DB_SUFFIX lets two
    # test runs (two checkouts on one machine) use the same server side by side.
    url = make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    suffix = os.environ.get("ENGAGE_TEST_DB_SUFFIX", "")
    name = f"{url.database}_test_{worker}{'_' + suffix if suffix else ''}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


#: the smallest area file production accepts (it refuses to start without ENGAGE_AREA_FILE): not the demo area
SMALL_AREA = """
name = "Smallton"
partnership = "Smallton SEND Partnership"
ons_code = "E06000099"
languages = ["en"]
wards = [{ id = "centre", label = "Centre", ons_code = "E05099001" }]
home_languages = [{ id = "english", label = "English" }]

[contact]
email = "send@smallton.invalid"
"""


def small_area_file(folder: Path) -> str:
    """Write SMALL_AREA into `folder` and return its path, for ENGAGE_AREA_FILE."""
    path = folder / "smallton.toml"
    path.write_text(SMALL_AREA, encoding="utf-8")
    return str(path)


def config_for_tests(tmp_path: Path, smtp_port: int) -> dict:
    return {
        "TESTING": True,
        "ENGAGE_ENV": "testing",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "SQLALCHEMY_DATABASE_URI": _database_url(tmp_path),
        "RATELIMIT_STORAGE_URI": "memory://",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_port,
        "MAIL_USE_TLS": False,
        "MAIL_USE_SSL": False,
        "SAFEGUARDING_EMAIL": "safeguarding@example-borough.invalid",
        # Most tests post forms directly; tests/integration/test_security.py switches CSRF back on.
        "WTF_CSRF_ENABLED": False,
        # A first solve is waited for (a loaded machine can take over the production 10 s on a test's data);
        # tests/integration/test_reach_protections.py sets 0 to see the "being counted" state.
        "REPORTS_SOLVE_WAIT_SECONDS": 300,
        # `demo load` protects the report periods only where a test opens reports first (the live server, the
        # first-view test): elsewhere those solves only cost a minute per demo.
        "DEMO_PROTECT_REPORTS": False,
    }


class RequestScopedClient(FlaskClient):
    """Each request starts with an empty `g`, as it does in production.

    The `app` fixture keeps one application context open so tests can use `db.session`; Flask reuses it for
    test requests, so without this, `g` (and Flask-Login's cached user) would leak from one request to the next.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            g.__dict__.clear()
        return super().open(*args, **kwargs)


@pytest.fixture
def app(tmp_path, smtp_controller):
    app = create_app(config_for_tests(tmp_path, smtp_controller.port))
    app.test_client_class = RequestScopedClient
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        # a report view may have left a first solve running beside it (engage/reach/web/protections.py)
        protections.wait_for_solves()
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    """Signs staff in through the real password + TOTP flow."""

    def __init__(self, client) -> None:
        self.client = client

    def create(self, role: str = "moderator", email: str | None = None) -> User:
        email = email or f"{role}-{secrets.token_hex(4)}@example-borough.invalid"
        user = User(
            email=email,
            role=Role(role),
            password_hash=passwords.hash_password(STAFF_PASSWORD),
            totp_secret=pyotp.random_base32(),
        )
        db.session.add(user)
        db.session.commit()
        return user

    def login(self, role: str = "moderator", user: User | None = None) -> User:
        user = user or self.create(role)
        response = self.client.post("/staff/login", data={"email": user.email, "password": STAFF_PASSWORD})
        assert response.status_code == 302, response.text
        response = self.client.post("/staff/login/code", data={"code": pyotp.TOTP(user.totp_secret).now()})
        assert response.status_code == 302, response.text
        return user

    def logout(self):
        return self.client.post("/staff/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)
