"""Operators' view (QUALITY.md 28): /healthz is liveness and /readyz names each dependency that is down, each
with one short log line and no traceback; every request is one JSON line with a request id and no personal data;
an error's traceback is one JSON record."""

import json
import re

import pytest

from engage import create_app
from engage.extensions import db
from tests import conftest
from tests.integration.ops_helpers import RedisServer, free_port


def _records(captured: str) -> list[dict]:
    return [json.loads(line) for line in captured.splitlines() if line.startswith("{")]


@pytest.fixture
def make_app(tmp_path, smtp_controller):
    def make(**changes):
        return create_app(conftest.config_for_tests(tmp_path, smtp_controller.port) | changes)

    return make


@pytest.mark.parametrize(
    "database",
    [
        "sqlite:////nonexistent-directory/engage.sqlite",  # a SQLite file that cannot be opened
        "postgresql+psycopg://engage:engage@127.0.0.1:{port}/engage",  # a PostgreSQL server that is not there
    ],
)
def test_given_the_database_is_down_then_healthz_is_alive_and_readyz_says_which_quietly(make_app, capsys, database):
    client = make_app(SQLALCHEMY_DATABASE_URI=database.format(port=free_port())).test_client()
    capsys.readouterr()
    assert client.get("/healthz").status_code == 200
    for _ in range(3):  # probes every few seconds during an outage
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json["checks"] == {"database": "down", "redis": "not configured"}
    err = capsys.readouterr().err
    assert "Traceback" not in err
    said = [r for r in _records(err) if r["logger"] == "engage.ops.health"]
    assert len(said) == 3 and all(r["message"].startswith("readiness: database unreachable (") for r in said)


def test_given_redis_is_stopped_then_readyz_reports_it_apart_from_the_database(make_app, tmp_path, capsys):
    redis_server = RedisServer(tmp_path).start()
    app = make_app(RATELIMIT_STORAGE_URI=redis_server.url)
    with app.app_context():
        db.create_all()
    client = app.test_client()
    try:
        assert client.get("/readyz").json["checks"] == {"database": "ok", "redis": "ok"}
        assert client.get("/readyz").status_code == 200
        redis_server.stop()
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json["checks"] == {"database": "ok", "redis": "down"}
        assert client.get("/healthz").status_code == 200
    finally:
        redis_server.stop()
        with app.app_context():
            db.drop_all()
    assert "Traceback" not in capsys.readouterr().err


def test_every_request_is_one_json_line_with_its_id_and_no_personal_data(client, capsys):
    capsys.readouterr()
    response = client.get(
        "/pl/cookies?resume=ABCD-2345",
        headers={"X-Request-ID": "lb-7f3a9c21e0", "User-Agent": "PrivateBrowser/9.9"},
        environ_base={"REMOTE_ADDR": "203.0.113.99"},
    )
    response.close()  # a WSGI server closes every response: the line is written when the response is done
    assert response.headers["X-Request-ID"] == "lb-7f3a9c21e0"
    form = {"topic": "general", "text": "My son Rowan is not sleeping", "publish_consent": "no"}
    client.post("/feedback", data=form).close()
    err = capsys.readouterr().err
    lines = [r for r in _records(err) if r["logger"] == "engage.requests"]
    assert lines[0] == lines[0] | {"method": "GET", "path": "/pl/cookies", "status": 200, "request_id": "lb-7f3a9c21e0"}
    assert isinstance(lines[0]["duration_ms"], float)
    assert lines[1]["method"] == "POST" and lines[1]["path"] == "/feedback"
    for private in ("ABCD-2345", "PrivateBrowser", "203.0.113.99", "Rowan"):
        assert private not in err


@pytest.mark.parametrize(
    "offered", ["", "short", "has space in it", "x" * 65, "<script>alert(1)</script>", "ünïcode-id-1"]
)
def test_an_unusable_request_id_is_replaced_by_a_new_one(client, offered):
    response = client.get("/cookies", headers={"X-Request-ID": offered} if offered else {})
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


def test_a_secret_token_in_the_path_is_masked_in_the_log(client, capsys):
    client.get("/staff/enrol/s3cr3t-enrolment-token-value").close()
    err = capsys.readouterr().err
    assert "s3cr3t-enrolment-token-value" not in err
    assert any(r.get("path") == "/staff/enrol/[token]" for r in _records(err))


def test_a_traceback_is_one_json_record_with_the_request_id(app, capsys):
    @app.route("/boom")
    def boom():
        raise RuntimeError("deliberate failure")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/boom?secret=1", headers={"X-Request-ID": "trace-0001"})
    assert response.status_code == 500
    err = capsys.readouterr().err
    assert all(line.startswith("{") for line in err.splitlines())
    failure = next(r for r in _records(err) if "exception" in r)
    assert failure["request_id"] == "trace-0001" and failure["level"] == "ERROR"
    assert "Traceback" in failure["exception"] and "deliberate failure" in failure["exception"]
    assert "secret=1" not in err
