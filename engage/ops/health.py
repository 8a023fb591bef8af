"""Liveness (/healthz: the process answers) and readiness (/readyz: the database and Redis, each reported).

Neither logs a traceback: a probe every few seconds during an outage would bury everything else, so a failed
dependency is one short line naming the error's type.
"""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, current_app
from sqlalchemy import text

from engage.extensions import db, limiter
from engage.ops import ratelimits

log = logging.getLogger(__name__)
bp = Blueprint("ops", __name__, template_folder="templates")


@bp.route("/healthz")
@limiter.exempt
def healthz():
    """For process supervisors: this worker answers. Dependencies are /readyz's job."""
    return {"status": "ok"}


@bp.route("/readyz")
@limiter.exempt
def readyz():
    """For monitoring and load balancers: 200 when the database and Redis answer, 503 naming what does not."""
    checks = {"database": database_status(), "redis": redis_status()}
    ready = all(status in ("ok", "not configured") for status in checks.values())
    body = {"status": "ok" if ready else "unavailable", "checks": checks, "rate_limits": ratelimits.metrics.as_dict()}
    return body, 200 if ready else 503


def database_status() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except Exception as error:  # any driver error means "not ready"; the type says which
        db.session.rollback()
        log.warning("readiness: database unreachable (%s)", type(error).__name__)
        return "down"


def redis_status() -> str:
    if current_app.config.get("RATELIMIT_STORAGE_URI", "memory://").startswith("memory://"):
        return "not configured"
    if limiter.storage.check():  # a ping; limits' check() returns False on any connection error
        return "ok"
    log.warning("readiness: Redis unreachable (rate limits fall back to each process)")
    return "down"


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
