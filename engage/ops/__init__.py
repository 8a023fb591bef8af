"""Running Engage for real: liveness and readiness, request logs, the rate-limit failure policy, static assets."""

from flask import Flask

from engage.ops import assets, health, ratelimits, requestlog


def init_app(app: Flask) -> None:
    requestlog.init_app(app)
    ratelimits.init_app(app)
    health.init_app(app)
    assets.init_app(app)


def wrap_wsgi(app: Flask) -> None:
    """The outermost layer: every request, static files included, gets an id and one log line."""
    requestlog.wrap_wsgi(app)
