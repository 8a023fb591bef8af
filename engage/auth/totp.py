"""Time-based one-time codes (RFC 6238, 30 s step) that each work once only, and how a new one is shown."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

import pyotp
import segno
from markupsafe import Markup, escape

STEP_SECONDS = 30
#: Accept the previous and next step too, for phone clocks that drift.
DRIFT_STEPS = 1
#: Characters per group when the key is shown as text: "ABCD EFGH …" is easier to copy and to read aloud.
GROUP = 4


def new_secret() -> str:
    return pyotp.random_base32()


def enrolment_secret(token: str, app_secret: str) -> str:
    """The authenticator key offered with one enrolment link, the same every time that link is opened.

    Derived from the link's token (an HMAC under the app's secret key), so a person who opens the link on a
    computer and again on a phone, or reloads it, is shown one key; a new link (resend, reset) gives a new
    key. Nothing is stored until a first code confirms it. 160 bits, as RFC 4226 recommends."""
    digest = hmac.new(app_secret.encode(), b"engage.enrolment-totp:" + token.encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:20]).decode()


def provisioning_uri(secret: str, email: str, issuer: str) -> str:
    return pyotp.TOTP(secret, interval=STEP_SECONDS).provisioning_uri(name=email, issuer_name=issuer)


def grouped(secret: str) -> list[str]:
    """The key in groups of four characters, as it is shown beside the QR code."""
    return [secret[i : i + GROUP] for i in range(0, len(secret), GROUP)]


def qr_svg(uri: str, label: str) -> Markup:
    """The provisioning address as an inline SVG QR code (segno), an image whose accessible name is `label`.

    role="img" with aria-label makes screen readers announce it as one image, not hundreds of paths."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=5, border=4, dark="#0b0c0c", light="#ffffff", svgclass="engage-qr"
    )
    # segno's SVG holds only paths it drew from the URI's bits (no text of ours); the label is escaped.
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return Markup(labelled)  # noqa: S704


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
