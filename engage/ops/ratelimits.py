"""The rate-limit failure policy: limits live in Redis, shared by every worker and machine; when Redis cannot be
reached each process keeps limiting on its own (flask-limiter's in-memory fallback) rather than refusing forms,
says so once in the log, and counts the requests it limited alone (shown on /readyz). Someone who is limited
gets a page that keeps what they typed, with Retry-After."""

from __future__ import annotations

import logging
import threading
import time

from flask import Flask, current_app, render_template, request
from flask_limiter.errors import RateLimitExceeded

from engage.errors import NEVER_REPOST, render_error
from engage.extensions import limiter

log = logging.getLogger(__name__)

#: Secrets never shown back, beside those the "form expired" page already leaves out.
NEVER_SHOWN = NEVER_REPOST | {"confirm", "website"}


class FallbackMetrics:
    """What this process has done without Redis (per process: Redis is what is missing)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.fallbacks = 0  #: times this process found Redis unreachable and started limiting alone
        self.requests = 0  #: rate-limited requests this process checked against its own counters
        self.since: float | None = None  #: when the current fallback began (Unix time), None when shared

    def observe(self, degraded: bool, limited: bool) -> None:
        with self.lock:
            if degraded and self.since is None:
                self.since, self.fallbacks = time.time(), self.fallbacks + 1
                log.warning("rate limits: Redis unreachable, this process now limits on its own counters")
            elif not degraded and self.since is not None:
                self.since = None
                log.warning("rate limits: Redis reachable again, limits are shared again")
            if degraded and limited:
                self.requests += 1

    def as_dict(self) -> dict:
        return {"fallbacks": self.fallbacks, "fallback_requests": self.requests, "falling_back": self.since is not None}


metrics = FallbackMetrics()


def degraded() -> bool:
    """True while flask-limiter is counting in this process because its shared storage failed."""
    return limiter.limiter.storage is not limiter.storage


def _observe(_exc: BaseException | None) -> None:
    if limiter.enabled and limiter.initialized:
        metrics.observe(degraded(), bool(limiter.current_limits))


def kept_entries() -> list[str]:
    """What the person typed into the form they were stopped on, secrets left out."""
    return [
        value.strip()
        for name, values in request.form.lists()
        if name not in NEVER_SHOWN and not name.startswith("csrf")
        for value in values
        if value.strip()
    ]


def seconds_until_allowed() -> int:
    """When the limit that was reached lets this client in again (a minute if its storage cannot say)."""
    try:
        return max(1, int(limiter.current_limit.reset_at - time.time()))
    except Exception:  # the storage failed between the check and now: a minute is a fair guess
        return 60


def render_rate_limited(error: RateLimitExceeded):
    """The limit page keeps the person's text in front of them, and says when to try again (Retry-After)."""
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        response = current_app.make_response(render_error(error))
    else:
        response = current_app.make_response((render_template("ops/rate_limited.html", kept=kept_entries()), 429))
    response.headers["Retry-After"] = str(seconds_until_allowed())
    return response


def init_app(app: Flask) -> None:
    # flask-limiter logs each breach at INFO with the client's address: operators' logs hold no addresses.
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)
    app.register_error_handler(RateLimitExceeded, render_rate_limited)
    app.teardown_request(_observe)
