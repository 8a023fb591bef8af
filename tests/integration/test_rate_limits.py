"""Rate limits in production (QUALITY.md 13, 27, 28): behind the documented reverse proxy each family is its own
client, a spoofed X-Forwarded-For changes nothing, the limit page keeps what was typed, and when Redis stops the
forms keep working on per-process limits (logged once, counted on /readyz), never a 500."""

import json
import re
import time

import pytest
import redis
from sqlalchemy import func, select

from engage import create_app
from engage.extensions import db
from engage.feedback.models import Comment
from tests import conftest
from tests.integration.ops_helpers import RedisServer, ReverseProxy, ServedApp, post_from

COMMENT = {"topic": "service", "publish_consent": "anonymous"}


def _comment(n: int, family: str = "a") -> dict:
    return COMMENT | {"text": f"Family {family} comment {n}: the school transport was late again this week."}


@pytest.fixture
def served(tmp_path, smtp_controller, monkeypatch):
    """An app configured from the environment as an operator would, answering real HTTP."""

    apps = []

    def serve(**environment):
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        config = conftest.config_for_tests(tmp_path, smtp_controller.port)
        del config["RATELIMIT_STORAGE_URI"]  # from the environment, as in production
        config["FEEDBACK_RATE_LIMIT"] = "2 per hour"
        app = create_app(config)
        with app.app_context():
            db.drop_all()
            db.create_all()
        apps.append(app)
        return app

    yield serve
    for app in apps:
        with app.app_context():
            db.drop_all()
            db.engine.dispose()


def test_given_the_proxy_setting_then_each_family_behind_the_proxy_has_its_own_limit(served):
    app = served(PROXY_FIX_X_FOR="1")
    with ServedApp(app) as server, ReverseProxy([server.port]) as proxy:
        for n in range(2):
            assert post_from("127.0.0.2", proxy.port, "/feedback", _comment(n))[0] == 302
        assert post_from("127.0.0.2", proxy.port, "/feedback", _comment(3))[0] == 429
        # Another family behind the same proxy is not held back by the first.
        assert post_from("127.0.0.3", proxy.port, "/feedback", _comment(1, "b"))[0] == 302
        # A family cannot escape its limit by sending its own X-Forwarded-For through the proxy.
        spoofed = {"X-Forwarded-For": "198.51.100.77"}
        assert post_from("127.0.0.2", proxy.port, "/feedback", _comment(4), spoofed)[0] == 429


def test_given_no_proxy_setting_then_a_spoofed_forwarded_header_changes_nothing(served):
    app = served()
    with ServedApp(app) as server:
        statuses = [
            post_from("127.0.0.2", server.port, "/feedback", _comment(n), {"X-Forwarded-For": f"198.51.100.{n}"})[0]
            for n in range(4)
        ]
    assert statuses == [302, 302, 429, 429]


def test_the_limit_page_keeps_what_was_typed_and_says_when_to_try_again(served):
    app = served()
    client = app.test_client()
    for n in range(2):
        accepted = client.post("/feedback", data=_comment(n))
        assert accepted.status_code == 302 and "Retry-After" not in accepted.headers
    typed = "We waited <b>eleven</b> months for the speech therapy assessment.\nNobody rang back."
    refused = client.post("/feedback", data=COMMENT | {"text": typed, "contact_email": "sam@example.org"})
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 3600
    assert "Nothing you typed has been lost" in refused.text
    assert "We waited &lt;b&gt;eleven&lt;/b&gt; months" in refused.text  # shown as text, never as markup
    assert "sam@example.org" in refused.text
    assert "<form" not in refused.text.split("<main", 1)[1]  # shown to copy, not re-sent by a click


def test_given_redis_stops_then_forms_keep_working_on_per_process_limits_and_it_is_said_once(served, tmp_path, capsys):
    redis_server = RedisServer(tmp_path).start()
    try:
        app = served(RATELIMIT_STORAGE_URI=redis_server.url)
        client = app.test_client()
        assert client.post("/feedback", data=_comment(0)).status_code == 302
        assert redis.Redis.from_url(redis_server.url).dbsize() > 0  # the limit is counted in Redis
        redis_server.stop()

        statuses = [client.post("/feedback", data=_comment(n)).status_code for n in range(1, 5)]
        # No 500: the comment is taken, and this process still limits on its own (2 per hour).
        assert statuses == [302, 302, 429, 429]
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json["checks"] == {"database": "ok", "redis": "down"}
        assert ready.json["rate_limits"]["falling_back"] is True
        assert ready.json["rate_limits"]["fallback_requests"] >= 4
        with app.app_context():
            assert db.session.scalar(select(func.count()).select_from(Comment)) == 3

        records = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
        said = [r for r in records if "Redis unreachable, this process now limits" in r["message"]]
        assert len(said) == 1 and said[0]["level"] == "WARNING"

        redis_server.start()  # back on the same port: limits are shared again once flask-limiter re-checks
        deadline = time.monotonic() + 15
        while client.get("/readyz").json["rate_limits"]["falling_back"] and time.monotonic() < deadline:
            client.post("/feedback", data=_comment(int(time.monotonic() * 1000), "c"))
            time.sleep(0.5)
        assert client.get("/readyz").status_code == 200
        assert re.search(r"limits are shared again", capsys.readouterr().err)
    finally:
        redis_server.stop()
