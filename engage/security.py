"""HTTP security wiring: response headers on every response (errors included) and cookie settings."""

from __future__ import annotations

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

from engage import request_size
from engage.ops.assets import content_etag

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
ONE_YEAR = 31_536_000
#: Sent with every response: pages, errors and the static files WhiteNoise serves before Flask sees them.
COMMON_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def set_security_headers(response: Response) -> Response:
    headers = response.headers
    for name, value in COMMON_HEADERS.items():
        headers.setdefault(name, value)
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", f"max-age={ONE_YEAR}; includeSubDomains")
    # Answers, moderation and reports must never sit in a shared or back-button cache; static files
    # (served by WhiteNoise before this app) keep their own long cache headers.
    headers.setdefault("Cache-Control", "no-store")
    return response


def set_static_headers(headers, path: str, url: str) -> None:
    """The same protections on static files, which WhiteNoise serves before Flask sees the request."""
    for name, value in COMMON_HEADERS.items():  # a wsgiref Headers object: no update()
        headers[name] = value
    headers["ETag"] = content_etag(path)  # the same on every machine, unlike WhiteNoise's mtime-based one


def trust_proxy(app: Flask) -> None:
    """Behind PROXY_FIX_X_FOR reverse proxies, the client is the address the nearest proxy saw (rate limits key
    on it); with none, X-Forwarded-* headers are ignored, so a client cannot pick its own address."""
    counts = {
        "x_for": app.config.get("PROXY_FIX_X_FOR", 0),
        "x_proto": app.config.get("PROXY_FIX_X_PROTO", 0),
        "x_host": app.config.get("PROXY_FIX_X_HOST", 0),
    }
    if any(counts.values()):
        app.wsgi_app = ProxyFix(app.wsgi_app, **counts)


def init_app(app: Flask) -> None:
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="engage_session",
        # Long surveys must not fail on an expired token: the token lives as long as the session cookie.
        WTF_CSRF_TIME_LIMIT=None,
        # Over HTTPS a form must also come from one of our own pages (its Referer), as Flask-WTF checks by default.
        WTF_CSRF_SSL_STRICT=True,
    )
    trust_proxy(app)
    app.after_request(set_security_headers)
    request_size.init_app(app)  # chunked bodies held to MAX_CONTENT_LENGTH whole (413, nothing processed)
