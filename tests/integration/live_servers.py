"""Real gunicorn servers for tests that need more than one process.

Each server is its own Python process, with its own memory (so its own in-memory rate-limit store), and all of
them share the test's database, as several workers or machines do in production. A small cookie-keeping HTTP
client (the standard library's) plays a browser: it reads the CSRF token from each form, as a browser sends it.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GUNICORN = PROJECT_ROOT / ".venv" / "bin" / "gunicorn"
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(app: Flask) -> dict[str, str]:
    return os.environ | {
        "ENGAGE_ENV": "development",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "SESSION_COOKIE_SECURE": "false",  # plain HTTP on loopback
        "RATELIMIT_STORAGE_URI": "memory://",  # each process its own store: what the database must not rely on
        "MAIL_SERVER": str(app.config["MAIL_SERVER"]),
        "MAIL_PORT": str(app.config["MAIL_PORT"]),
    }


@contextmanager
def gunicorn_servers(app: Flask, tmp_path: Path, count: int = 2, threads: int = 4):
    """`count` single-worker gunicorn servers on the app's database; yields their base URLs."""
    config = tmp_path / "gunicorn-test.conf.py"
    config.write_text("")  # not the project's: no insight warm-up, no access log
    ports = [_free_port() for _ in range(count)]
    command = [str(GUNICORN), "--config", str(config), "--no-control-socket", "--workers", "1"]
    command += ["--threads", str(threads)]
    processes = [
        subprocess.Popen(
            [*command, "--bind", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=PROJECT_ROOT,
            env=_environment(app),
            stdout=subprocess.DEVNULL,
            stderr=(tmp_path / f"gunicorn-{port}.log").open("w"),
        )
        for port in ports
    ]
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url, process in zip(urls, processes, strict=True):
            _wait_until_serving(url, process)
        yield urls
    finally:
        for process in processes:
            process.send_signal(signal.SIGINT)  # quick shutdown: nothing to finish
        for process in processes:
            process.wait(timeout=30)


def _wait_until_serving(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn for {url} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/staff/login", timeout=30):  # noqa: S310 (http on loopback)
                return
        except OSError:  # refused, reset or timed out while the worker boots
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn for {url} did not start within {timeout} s")


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test looks at the 302 itself


class Visitor:
    """One browser: its own cookies, talking to whichever server the test names."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _KeepRedirects)

    def get(self, url: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(url))  # noqa: S310 (the test's own http URLs)

    def post_form(self, url: str, data: dict[str, str]) -> tuple[int, str]:
        """GET the form for its CSRF token, then POST it with `data`."""
        return self.post(url, data | {"csrf_token": self.form_token(url)})

    def form_token(self, url: str) -> str:
        status, page = self.get(url)
        assert status == 200, (status, page[:500])
        return CSRF_FIELD.search(page).group(1)

    def post(self, url: str, data: dict[str, str]) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})  # noqa: S310
        return self._open(request)

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
