"""Request bodies sent without a length (``Transfer-Encoding: chunked``) are held to MAX_CONTENT_LENGTH whole.

Werkzeug enforces the limit on such a body by stopping at it, and a url-encoded form read to its end then
looks complete: a chunked post over the limit was cut at the limit and processed. This middleware reads a
chunked body before the application sees it (at most one byte more than the limit), then hands it on with its
real length, so Werkzeug answers 413 through the app's own error page, before any view runs, or the
application reads exactly what was sent.
"""

from __future__ import annotations

import io

from flask import Flask, abort, request

READ_SIZE = 64 * 1024
#: After a refusal, how much more of the body is read and dropped so the client gets to read the 413 instead
#: of a reset connection; beyond this the connection is closed under it.
DRAIN_LIMIT = 16 * 1024 * 1024


def _read_at_most(stream, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit:
        data = stream.read(min(READ_SIZE, limit - size))
        if not data:
            break
        chunks.append(data)
        size += len(data)
    return b"".join(chunks)


class WholeBodyLimit:
    """WSGI middleware: a chunked body is buffered up to the limit and given a Content-Length."""

    def __init__(self, wsgi_app, flask_app: Flask) -> None:
        self.wsgi_app, self.flask_app = wsgi_app, flask_app

    def __call__(self, environ, start_response):
        limit = self.flask_app.config.get("MAX_CONTENT_LENGTH")
        if limit is not None and "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            body = _read_at_most(environ["wsgi.input"], limit + 1)
            environ["CONTENT_LENGTH"] = str(len(body))  # over the limit: the length alone earns the 413
            if len(body) > limit:
                _read_at_most(environ["wsgi.input"], DRAIN_LIMIT)
                body = b""  # nothing of it reaches the application
            environ["wsgi.input"] = io.BytesIO(body)
            del environ["HTTP_TRANSFER_ENCODING"]
        return self.wsgi_app(environ, start_response)


def refuse_oversized_body() -> None:
    """Before any view: a declared length over the limit is refused, even by a view that never reads the body."""
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        abort(413)


def init_app(app: Flask) -> None:
    app.wsgi_app = WholeBodyLimit(app.wsgi_app, app)
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_oversized_body)
