"""Issue 15, defect 8 (QUALITY.md bar 12): a request body over MAX_CONTENT_LENGTH is refused whole with 413 and
nothing is written, also when it comes chunked (no Content-Length), which a real server must be sent to show.

The app is served by werkzeug's own server on loopback and the body is written to a raw socket in chunks.
"""

from __future__ import annotations

import json
import socket
import threading

import pytest
from werkzeug.serving import make_server

from engage.audit import AuditEvent
from engage.extensions import db
from engage.localoffer import models as m
from engage.localoffer.demo import demo_documents

BOUNDARY = "engage-test-boundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
LIMIT = 2 * 1024 * 1024


@pytest.fixture
def live(app):
    app.config["MAX_CONTENT_LENGTH"] = LIMIT
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    server.server_close()


def _multipart(documents: list, padding: int) -> bytes:
    """An import form: a valid file of services first, then a large field, so a body cut short still parses."""
    file_part = json.dumps(documents).encode()
    return b"".join(
        [
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="services.json"\r\n'.encode(),
            b"Content-Type: application/json\r\n\r\n",
            file_part,
            f'\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\n'.encode(),
            b"x" * padding,
            f"\r\n--{BOUNDARY}--\r\n".encode(),
        ]
    )


def _post_chunked(port: int, path: str, cookie: str, body: bytes, content_type: str = MULTIPART) -> tuple[int, bytes]:
    """POST ``body`` in chunks of 64 KiB (Transfer-Encoding: chunked); the status code and the raw answer."""
    chunk = 64 * 1024
    cookie_line = f"Cookie: {cookie}\r\n" if cookie else ""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{cookie_line}"
        f"Content-Type: {content_type}\r\nTransfer-Encoding: chunked\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(head)
        try:
            for start in range(0, len(body), chunk):
                piece = body[start : start + chunk]
                sock.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may stop reading once it has refused the request: its answer is what counts
        answer = b""
        try:
            while data := sock.recv(65536):
                answer += data
        except TimeoutError:
            pass  # an answer left open: judge what arrived
    return int(answer.split(b" ", 2)[1]) if answer else 0, answer


def _session_cookie(client) -> str:
    cookie = client.get_cookie("engage_session")
    return f"{cookie.key}={cookie.value}"


def test_given_a_chunked_import_over_the_limit_then_413_and_nothing_is_imported(live, client, auth):
    auth.login("moderator")
    body = _multipart(demo_documents(2), padding=LIMIT + 512 * 1024)
    status, answer = _post_chunked(live, "/staff/local-offer/import", _session_cookie(client), body)
    assert status == 413, answer[:300]
    assert b"Content-Security-Policy" in answer  # the app's own 413 page, with its headers
    db.session.expire_all()
    assert db.session.query(m.Service).count() == 0
    assert db.session.query(AuditEvent).filter(AuditEvent.action.like("localoffer.import%")).count() == 0


def test_given_a_chunked_import_under_the_limit_then_it_is_imported(live, client, auth):
    auth.login("moderator")
    body = _multipart(demo_documents(2), padding=1024)
    status, answer = _post_chunked(live, "/staff/local-offer/import", _session_cookie(client), body)
    assert status == 200, answer[:300]
    db.session.expire_all()
    assert db.session.query(m.Service).count() == 2


def test_given_a_chunked_comment_form_over_the_limit_then_413_and_no_comment_is_stored(live):
    """A url-encoded form cut at the limit used to parse as complete: its first fields were stored."""
    from engage.feedback.models import Comment

    fields = "topic=general&publish_consent=anonymous&text=Cut+short+but+stored&padding="
    body = fields.encode() + b"x" * (LIMIT + 512 * 1024)
    status, answer = _post_chunked(live, "/feedback", "", body, "application/x-www-form-urlencoded")
    assert status == 413, answer[:300]
    db.session.expire_all()
    assert db.session.query(Comment).count() == 0
