"""The README's production set-up on one host (QUALITY.md 13, 27, 28, 29): two gunicorn servers on PostgreSQL and
Redis behind a reverse proxy, started as the README says. A family's journey alternating between the servers
stores one response; a staff sign-in begun on one server finishes on the other; a public form's limit holds in
total across both; and Redis stopped mid-run gives no 500 anywhere."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

import pyotp
import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from engage.auth import passwords
from engage.auth.models import Role, User
from engage.surveys.models import SurveyResponse
from tests.conftest import PROJECT_ROOT, STAFF_PASSWORD, small_area_file
from tests.integration.ops_helpers import RedisServer, ReverseProxy, free_port, post_from, wait_for_port
from tests.integration.surveys_helpers import TEST_SURVEYS, Respondent, answer_basic, token_in

pytestmark = pytest.mark.postgres
BIN = PROJECT_ROOT / ".venv" / "bin"
FEEDBACK_LIMIT = 3


class Page:
    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.status_code = response.status
        self.headers = {name: value for name, value in response.getheaders()}
        self.cookies = [value for name, value in response.getheaders() if name.lower() == "set-cookie"]
        self.text = response.read().decode()


class Browser:
    """Keeps cookies as a phone would (the servers mark them Secure; this test talks plain HTTP on loopback)."""

    def __init__(self, port: int, address: str = "127.0.0.1") -> None:
        self.port, self.address, self.cookies = port, address, {}
        self.upstreams: list[str] = []

    def request(self, method: str, path: str, data: dict | None = None, port: int | None = None) -> Page:
        connection = http.client.HTTPConnection("127.0.0.1", port or self.port, timeout=60)
        connection.source_address = (self.address, 0)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            page = Page(connection.getresponse())
        finally:
            connection.close()
        for cookie in page.cookies:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            if value and "expires=thu, 01 jan 1970" not in cookie.lower():
                self.cookies[name.strip()] = value.strip()
            else:
                self.cookies.pop(name.strip(), None)
        self.upstreams.append(page.headers.get("X-Upstream", str(port)))
        return page

    def get(self, path: str, port: int | None = None) -> Page:
        return self.request("GET", path, port=port)

    def post(self, path: str, data: dict, port: int | None = None) -> Page:
        return self.request("POST", path, data, port=port)


@pytest.fixture
def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.skip("the two-server test runs in the PostgreSQL pass (DATABASE_URL=postgresql+psycopg://…)")
    url = make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{url.database}_two_servers_{os.environ.get('ENGAGE_TEST_DB_SUFFIX', 'main')}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def _environment(tmp_path: Path, database_url: str, redis_url: str, smtp_port: int) -> dict:
    """README "Running it for real", steps 1, 2 and 5, for servers behind one proxy on this machine."""
    return os.environ | {
        "DATABASE_URL": database_url,
        "ENGAGE_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "SITE_URL": "https://engage.example-borough.invalid",
        "RATELIMIT_STORAGE_URI": redis_url,
        "PROXY_FIX_X_FOR": "1",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
        "SURVEYS_DIR": str(TEST_SURVEYS),
        "FEEDBACK_RATE_LIMIT": f"{FEEDBACK_LIMIT} per hour",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_port),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "ENGAGE_AREA_FILE": small_area_file(tmp_path),
    }


def _staff_user(database_url: str) -> User:
    engine = create_engine(database_url)
    user = User(
        email="two-servers@example-borough.invalid",
        role=Role.moderator,
        password_hash=passwords.hash_password(STAFF_PASSWORD),
        totp_secret=pyotp.random_base32(),
    )
    with Session(engine, expire_on_commit=False) as session:
        session.add(user)
        session.commit()
    engine.dispose()
    return user


def _stored_responses(database_url: str) -> int:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(SurveyResponse.__table__))
    engine.dispose()
    return count


@pytest.fixture
def servers(tmp_path, database_url, smtp_controller):
    redis_server = RedisServer(tmp_path).start()
    environment = _environment(tmp_path, database_url, redis_server.url, smtp_controller.port)
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    subprocess.run([*flask, "db", "upgrade"], cwd=PROJECT_ROOT, env=environment, check=True, capture_output=True)
    ports, processes, logs = [free_port(), free_port()], [], []
    for port in ports:
        log = open(tmp_path / f"gunicorn-{port}.log", "wb")  # noqa: SIM115 (closed below)
        command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"]
        env = environment | {"GUNICORN_BIND": f"127.0.0.1:{port}"}
        processes.append(subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log))
        logs.append(log)
    try:
        for port in ports:
            _wait_until_ready(port)
        with ReverseProxy(ports) as proxy:
            yield {"proxy": proxy, "ports": ports, "redis": redis_server, "database_url": database_url}
    finally:
        for process in processes:
            process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:
            log.close()
        redis_server.stop()


def _wait_until_ready(port: int, timeout: float = 180) -> None:
    """Listening comes first; the worker answers /readyz once the application is loaded."""
    wait_for_port(port, timeout=timeout)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if Browser(port).get("/readyz").status_code == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"the server on port {port} was not ready within {timeout} s")


def _request_lines(tmp_path: Path) -> list[dict]:
    lines = []
    for log in tmp_path.glob("gunicorn-*.log"):
        for line in log.read_text().splitlines():
            if line.startswith("{") and '"engage.requests"' in line:
                lines.append(json.loads(line))
    return lines


def test_two_servers_behind_a_proxy_on_postgresql_and_redis(servers, tmp_path):
    proxy, (port_a, port_b) = servers["proxy"], servers["ports"]

    # Each server has its own control socket (gunicorn's default is one per user for the whole host).
    deadline = time.monotonic() + 10
    while len(list(tmp_path.glob("*.ctl"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert sorted(p.name for p in tmp_path.glob("*.ctl")) == sorted(
        f"engage-127.0.0.1_{port}.ctl" for port in (port_a, port_b)
    )

    # Given a family on a phone, when their journey alternates between the servers, then one response is stored.
    family = Browser(proxy.port, "127.0.0.4")
    respondent = Respondent(family, "test-basic")
    answer_basic(respondent)
    assert respondent.submit().status_code == 302
    assert family.get("/surveys/test-basic/confirmation").status_code == 200
    assert {str(port_a), str(port_b)} <= set(family.upstreams)
    assert _stored_responses(servers["database_url"]) == 1

    # Given a staff member, when the password goes to one server and the code to the other, then both know them.
    user = _staff_user(servers["database_url"])
    staff = Browser(port_a)
    login = staff.get("/staff/login", port=port_a)
    form = {"email": user.email, "password": STAFF_PASSWORD, "csrf_token": token_in(login.text)}
    assert staff.post("/staff/login", form, port=port_a).status_code == 302
    code_page = staff.get("/staff/login/code", port=port_b)
    code = {"code": pyotp.TOTP(user.totp_secret).now(), "csrf_token": token_in(code_page.text)}
    assert staff.post("/staff/login/code", code, port=port_b).status_code == 302
    assert staff.get("/staff/", port=port_a).status_code == 200
    assert staff.get("/staff/", port=port_b).status_code == 200

    # Given one family's comments arriving at both servers in turn, then the limit holds in total.
    statuses = [_comment(proxy.port, "127.0.0.2", n) for n in range(FEEDBACK_LIMIT + 2)]
    assert statuses == [302] * FEEDBACK_LIMIT + [429, 429]
    assert _comment(proxy.port, "127.0.0.3", 0) == 302  # another family is not held back

    # Given Redis stops mid-run, then forms and sign-in still answer, and readiness says what is down.
    servers["redis"].stop()
    assert _comment(proxy.port, "127.0.0.5", 0) == 302
    assert _comment(proxy.port, "127.0.0.5", 1) == 302
    later = Browser(proxy.port, "127.0.0.6")
    page = later.get("/staff/login")
    wrong = {"email": user.email, "password": "not the password at all", "csrf_token": token_in(page.text)}
    assert later.post("/staff/login", wrong).status_code == 200
    for port in (port_a, port_b):
        ready = Browser(port).get("/readyz")
        assert ready.status_code == 503 and json.loads(ready.text)["checks"]["redis"] == "down"

    lines = _request_lines(tmp_path)
    errors = [line for line in lines if line["status"] >= 500 and line["path"] != "/readyz"]  # 503: "not ready"
    assert len(lines) > 30 and errors == []


def _comment(proxy_port: int, address: str, n: int) -> int:
    page = Browser(proxy_port, address).get("/feedback")
    fields = {
        "topic": "general",
        "publish_consent": "anonymous",
        "text": f"Comment {n} from {address}: the bus to school was late again this week.",
        "csrf_token": token_in(page.text),
    }
    return _post_with_cookies(proxy_port, address, fields, page)


def _post_with_cookies(proxy_port: int, address: str, fields: dict, page: Page) -> int:
    cookies = "; ".join(cookie.split(";", 1)[0] for cookie in page.cookies)
    return post_from(address, proxy_port, "/feedback", fields, {"Cookie": cookies})[0]
