"""The rate-limit failure policy: limits live in Redis, shared by every worker and machine; when Redis cannot be
reached each process keeps limiting on its own (flask-limiter's in-memory fallback) rather than refusing forms,
says so once in the log, and counts the requests it limited alone (shown on /readyz). Someone who is limited
gets a page that keeps what they typed, with Retry-After."""

from __future__ import annotations

import functools
import logging
import threading
import time

from flask import Flask, current_app, render_template, request
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_qualified_name

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
    if limiter.enabled and limiter.initialized and limited(request.endpoint):
        metrics.observe(degraded(), bool(limiter.current_limits))


def _limits_everywhere() -> bool:
    """Whether some limit applies to every route (none does in Engage today: every limit is a route's own)."""
    manager = limiter.limit_manager
    return bool(
        manager._default_limits  # noqa: SLF001 (flask-limiter keeps these private; they are read once)
        or manager._application_limits  # noqa: SLF001
        or limiter._meta_limits  # noqa: SLF001
        or limiter._in_memory_fallback  # noqa: SLF001
    )


def _limited_endpoints(app: Flask) -> frozenset[str] | None:
    """The endpoints that carry a limit of their own or through their blueprint; None when every one may."""
    if _limits_everywhere():
        return None
    manager = limiter.limit_manager
    decorated = set(manager._decorated_limits) | limiter._marked_for_limiting  # noqa: SLF001
    blueprints = set(manager._blueprint_limits)  # noqa: SLF001
    return frozenset(
        endpoint
        for endpoint, view in app.view_functions.items()
        if get_qualified_name(view) in decorated
        or manager.has_hints(endpoint)
        or any(endpoint.startswith(f"{blueprint}.") for blueprint in blueprints)
    )


_LIMITED = "engage.limited_endpoints"


def limited(endpoint: str | None) -> bool:
    """Whether a request to `endpoint` has a limit to check. Asked on every request, answered from a set built on
    the first one (every route is registered by then)."""
    app = current_app._get_current_object()  # noqa: SLF001
    if _LIMITED not in app.extensions:
        app.extensions[_LIMITED] = _limited_endpoints(app)
    endpoints = app.extensions[_LIMITED]
    return endpoints is None or endpoint in endpoints


def _belongs_to_limiter(hook) -> bool:
    target = hook.func if isinstance(hook, functools.partial) else hook
    return getattr(target, "__self__", None) is limiter or (
        isinstance(hook, functools.partial) and hook.args[:1] == (limiter,)
    )


def check_limited_routes_only(app: Flask) -> None:
    """flask-limiter works on every request: it resolves the route's limits (none for most pages), sets up its
    request context and, while Redis is down, probes Redis again. Only requests to limited routes (the forms that
    send email, comments, sign-in and resume attempts) need any of it; a survey page or a static file does not.
    Its hooks are wrapped so that every other request skips them. The limits themselves are unchanged: a limited
    route still counts in the shared storage (Redis) on every request."""

    def before(hook):
        return functools.wraps(hook)(lambda: hook() if limited(request.endpoint) else None)

    def after(hook):
        return functools.wraps(hook)(lambda response: hook(response) if limited(request.endpoint) else response)

    def teardown(hook):
        return functools.wraps(hook)(lambda error: hook(error) if limited(request.endpoint) else None)

    for hooks, wrap in (
        (app.before_request_funcs, before),
        (app.after_request_funcs, after),
        (app.teardown_request_funcs, teardown),
    ):
        for functions in hooks.values():
            functions[:] = [wrap(hook) if _belongs_to_limiter(hook) else hook for hook in functions]


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
    check_limited_routes_only(app)
