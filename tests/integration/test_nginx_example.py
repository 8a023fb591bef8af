"""deploy/nginx.conf as shipped (only addresses and certificate paths changed), in front of Engage on loopback:
HTTPS, compressed pages, a request id, and each family its own client for rate limits (QUALITY.md 27)."""

import gzip
import http.client
import re
import shutil
import ssl
import subprocess
from urllib.parse import urlencode

import pytest

from engage import create_app
from engage.extensions import db
from tests import conftest
from tests.integration.ops_helpers import ServedApp, free_port, wait_for_port

EXAMPLE = conftest.PROJECT_ROOT / "deploy" / "nginx.conf"


def _render(tmp_path, upstream_port: int, https_port: int) -> str:
    site = EXAMPLE.read_text()
    site = re.sub(r"server 10\.0\.0\.2\d:8000", f"server 127.0.0.1:{upstream_port}", site)
    site = site.replace("/etc/letsencrypt/live/engage.example-borough.gov.uk/fullchain.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/letsencrypt/live/engage.example-borough.gov.uk/privkey.pem", str(tmp_path / "key.pem"))
    site = re.sub(r"listen \[::\]:\d+[^;]*;", "", site)
    site = re.sub(r"listen 80;", f"listen 127.0.0.1:{free_port()};", site)
    site = re.sub(r"listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;", site)
    temp = " ".join(
        f"{kind}_temp_path {tmp_path / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"pid {tmp_path / 'nginx.pid'}; error_log {tmp_path / 'error.log'}; worker_processes 1;\n"
        "events { worker_connections 64; }\n"
        f"http {{ include /etc/nginx/mime.types; {temp}\n{site}\n}}\n"
    )


@pytest.fixture
def nginx_in_front(tmp_path, smtp_controller, monkeypatch):
    nginx, openssl = shutil.which("nginx", path="/usr/sbin:/usr/bin"), shutil.which("openssl")
    if nginx is None or openssl is None:
        pytest.skip("nginx and openssl are needed to try deploy/nginx.conf (apt-get install nginx)")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    monkeypatch.setenv("PROXY_FIX_X_FOR", "1")
    config = conftest.config_for_tests(tmp_path, smtp_controller.port) | {"FEEDBACK_RATE_LIMIT": "2 per hour"}
    app = create_app(config)
    with app.app_context():
        db.drop_all()
        db.create_all()
    https_port = free_port()
    with ServedApp(app) as server:
        (tmp_path / "nginx.conf").write_text(_render(tmp_path, server.port, https_port))
        process = subprocess.Popen(
            [nginx, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            wait_for_port(https_port)
            yield https_port, ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))
        finally:
            process.terminate()
            process.wait(timeout=10)
            with app.app_context():
                db.drop_all()
                db.engine.dispose()


def _request(proxy, method: str, path: str, address: str = "127.0.0.1", body: dict | None = None, headers=None):
    port, context = proxy
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, source_address=(address, 0))
    all_headers = {"Accept-Encoding": "gzip", **(headers or {})}
    if body is not None:
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=urlencode(body) if body else None, headers=all_headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_pages_come_over_https_compressed_with_a_request_id(nginx_in_front):
    status, headers, content = _request(nginx_in_front, "GET", "/cookies")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(content)
    assert headers["Strict-Transport-Security"].startswith("max-age=")  # Engage knows the request was HTTPS
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])  # nginx's $request_id, kept by Engage


def test_each_family_is_its_own_client_and_a_spoofed_header_changes_nothing(nginx_in_front):
    def comment(address: str, n: int, headers=None) -> int:
        text = f"From {address}, number {n}: the school transport was late again this week."
        body = {"topic": "service", "publish_consent": "anonymous", "text": text}
        return _request(nginx_in_front, "POST", "/feedback", address, body, headers)[0]

    assert [comment("127.0.0.2", n) for n in range(3)] == [302, 302, 429]
    assert comment("127.0.0.2", 4, {"X-Forwarded-For": "198.51.100.23"}) == 429
    assert comment("127.0.0.3", 1) == 302
