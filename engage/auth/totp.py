"""Time-based one-time codes (RFC 6238, 30 s step) that each work once only."""

from __future__ import annotations

import hmac
import time

import pyotp

STEP_SECONDS = 30
#: Accept the previous and next step too, for phone clocks that drift.
DRIFT_STEPS = 1


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str, issuer: str) -> str:
    return pyotp.TOTP(secret, interval=STEP_SECONDS).provisioning_uri(name=email, issuer_name=issuer)


def normalise(code: str) -> str:
    return "".join(code.split())


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step whose code equals `code`, or None; the caller refuses steps already used."""
    code = normalise(code)
    if not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret, interval=STEP_SECONDS)
    current_step = int((time.time() if now is None else now) // STEP_SECONDS)
    for step in range(current_step - DRIFT_STEPS, current_step + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None
