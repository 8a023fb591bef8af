"""PostgreSQL connections: a pooled connection the server dropped while it sat idle is replaced before a request
uses it, and so is one the server closed a moment after it was used (a restart); one in steady use is not tested
again on every request (that cost a round trip each time)."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, text

from engage import create_app
from engage.extensions import db
from tests.conftest import config_for_tests


@pytest.fixture
def server_app(tmp_path, smtp_controller):
    config = {**config_for_tests(tmp_path, smtp_controller.port), "DATABASE_PING_IDLE_SECONDS": 1}
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("needs PostgreSQL: a SQLite file has no connection to drop")
    app = create_app(config)
    yield app  # no application context held open: each request checks a connection out and returns it, as served
    with app.app_context():
        db.engine.dispose()


def _backend_pid(app) -> int:
    with app.app_context(), db.engine.connect() as connection:
        return connection.scalar(text("SELECT pg_backend_pid()"))


def test_given_a_connection_dropped_while_idle_when_the_next_request_comes_then_it_is_answered(server_app):
    pid = _backend_pid(server_app)  # the pool's only connection, now back in the pool
    with server_app.app_context():
        admin = create_engine(db.engine.url)
    with admin.connect() as connection:
        assert connection.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    admin.dispose()
    time.sleep(1.2)  # idle longer than DATABASE_PING_IDLE_SECONDS

    assert server_app.test_client().get("/healthz").status_code == 200
    assert _backend_pid(server_app) != pid


def test_given_a_connection_the_server_closed_a_moment_ago_when_the_next_request_comes_then_it_is_answered(
    tmp_path, smtp_controller
):
    config = {**config_for_tests(tmp_path, smtp_controller.port), "DATABASE_PING_IDLE_SECONDS": 600}
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("needs PostgreSQL: a SQLite file has no connection to drop")
    app = create_app(config)
    try:
        pid = _backend_pid(app)  # used just now: far inside the idle window, so only the closed socket tells
        with app.app_context():
            admin = create_engine(db.engine.url)
        with admin.connect() as connection:  # waits until the server process has gone, as a restart's shutdown does
            assert connection.scalar(text("SELECT pg_terminate_backend(:pid, 10000)"), {"pid": pid})
        admin.dispose()

        response = app.test_client().get("/readyz")  # a request that uses the database
        assert response.json["checks"]["database"] == "ok"
        assert _backend_pid(app) != pid
    finally:
        with app.app_context():
            db.engine.dispose()


def test_given_a_connection_in_steady_use_when_requests_follow_then_none_is_pinged(server_app, monkeypatch):
    client = server_app.test_client()
    assert client.get("/healthz").status_code == 200
    pings = []
    with server_app.app_context():
        dialect = db.engine.dialect
    ping = dialect.do_ping
    monkeypatch.setattr(dialect, "do_ping", lambda connection: pings.append(1) or ping(connection))

    for _ in range(3):
        assert client.get("/healthz").status_code == 200

    assert pings == [], "each request paid a round trip to test a connection used a moment before"
