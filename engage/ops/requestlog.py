"""Logs for operators: one JSON line per request and per log record, tracebacks included in that one record.

A request line holds the method, the path without its query string (resume codes travel there), the status,
the duration and a request id: the caller's `X-Request-ID` when it is short and plain, otherwise a new one,
returned in the response's `X-Request-ID` header and added to every record logged while the request runs.
No client address, user agent, query string or form data is ever logged; secret tokens in a path are masked.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, has_request_context, request
from flask.logging import default_handler
from werkzeug.wsgi import ClosingIterator

#: A caller's request id is kept only if it is short and made of characters safe in any log or header.
ACCEPTED_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
REQUEST_ID_KEY = "engage.request_id"
LOGGED_PATH_KEY = "engage.logged_path"
#: Route arguments that are credentials (set-password and unsubscribe links): masked in the logged path.
SECRET_ARGUMENTS = ("token",)

log = logging.getLogger("engage.requests")


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line: a traceback becomes the record's `exception` string."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "request", {}))
        if "request_id" not in entry and has_request_context():
            entry["request_id"] = request.environ.get(REQUEST_ID_KEY)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is now (gunicorn and pytest both replace it after import)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def install_json_logging() -> None:
    """Once per process: records of every logger reach stderr as JSON lines, at INFO and above."""
    root = logging.getLogger()
    if not any(isinstance(handler, StderrHandler) for handler in root.handlers):
        handler = StderrHandler()
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    # The development server's own request lines carry the client's address and the query string: ours do not.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


def request_id_from(environ: dict) -> str:
    offered = environ.get("HTTP_X_REQUEST_ID", "")
    return offered if ACCEPTED_REQUEST_ID.match(offered) else uuid.uuid4().hex


class RequestLogMiddleware:
    """Outside everything else (static files included): give the request an id, log one line when it ends."""

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response):
        started = time.perf_counter()
        request_id = environ[REQUEST_ID_KEY] = request_id_from(environ)
        environ[LOGGED_PATH_KEY] = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
        line = {"method": environ.get("REQUEST_METHOD"), "status": 500}

        def start_with_id(status: str, headers: list, exc_info=None):
            line["status"] = int(status.split(" ", 1)[0])
            headers = [(name, value) for name, value in headers if name.lower() != "x-request-id"]
            return start_response(status, [*headers, ("X-Request-ID", request_id)], exc_info)

        def finish() -> None:
            line["path"] = environ[LOGGED_PATH_KEY]
            line["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
            log.info("request", extra={"request": {**line, "request_id": request_id}})

        try:
            body = self.wsgi_app(environ, start_with_id)
        except BaseException:
            finish()
            raise
        return ClosingIterator(body, finish)


def mask_secret_arguments() -> None:
    """Remember the path with any credential in it replaced, for the request line."""
    secrets = [str(request.view_args[name]) for name in SECRET_ARGUMENTS if name in (request.view_args or {})]
    path = request.environ.get(LOGGED_PATH_KEY)
    if secrets and path:
        for secret in secrets:
            path = path.replace(secret, "[token]")
        request.environ[LOGGED_PATH_KEY] = path


def init_app(app: Flask) -> None:
    install_json_logging()
    app.logger.removeHandler(default_handler)
    app.before_request(mask_secret_arguments)


def wrap_wsgi(app: Flask) -> None:
    app.wsgi_app = RequestLogMiddleware(app.wsgi_app)
