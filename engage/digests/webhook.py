"""Post a digest to a webhook: JSON over http(s), with a timeout, and a refusal to reach private addresses
unless DIGEST_WEBHOOK_ALLOW_PRIVATE is set (a webhook URL must not become a way into the internal network)."""

from __future__ import annotations

import ipaddress
import json
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit


class WebhookError(Exception):
    """The webhook could not be reached or answered with an error; the message is short and technical."""


def check_url(url: str) -> str | None:
    """A reason the URL is not acceptable, or None. Only http and https, with a host."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not an http or https address"
    return None


def _is_private(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False  # cannot resolve: the request itself will fail and be reported
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            return True
    return False


def post_json(url: str, payload: dict, *, timeout: float, allow_private: bool) -> int:
    """POST `payload`; return the HTTP status (2xx), or raise WebhookError."""
    problem = check_url(url)
    if problem:
        raise WebhookError(problem)
    if not allow_private and _is_private(urlsplit(url).hostname):
        raise WebhookError("the address is private or local")
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(  # noqa: S310  (scheme checked above)
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        raise WebhookError(f"HTTP {error.code}") from None
    except (urllib.error.URLError, OSError) as error:
        raise WebhookError(f"unreachable: {getattr(error, 'reason', error)}") from None
