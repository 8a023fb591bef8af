"""Post a digest to a webhook: JSON over http(s), with a timeout, refusing to reach private addresses unless
DIGEST_WEBHOOK_ALLOW_PRIVATE is set (a webhook URL must not become a way into the internal network).

The host name is resolved once; the address checked is the address connected to (a name that answers a public
address to the check and a private one to the connection, "DNS rebinding", gets nowhere), while the Host header
and the TLS server name stay the URL's. Redirects are never followed: a 3xx is a failed delivery, because its
Location could point anywhere, the metadata service included.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

#: getaddrinfo's shape; a parameter so a test can play a name server that changes its answer.
Resolver = Callable[..., list]
#: Not "global" in Python's table but worth naming: shared address space (CGNAT, RFC 6598) holds cloud metadata
#: services such as 100.100.100.200.
EXTRA_REFUSED = (ipaddress.ip_network("100.64.0.0/10"),)


class WebhookError(Exception):
    """The webhook could not be reached or answered with an error; the message is short and technical."""


def check_url(url: str) -> str | None:
    """A reason the URL is not acceptable, or None. Only http and https, with a host."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not an http or https address"
    return None


def is_public(address: str) -> bool:
    """False for private, loopback, link-local (metadata), shared (CGNAT), multicast, reserved and unspecified."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in network for network in EXTRA_REFUSED if network.version == ip.version):
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_loopback)


def resolve(host: str, port: int, *, allow_private: bool, resolver: Resolver = socket.getaddrinfo) -> str:
    """The one address to connect to: the name is asked once, and every answer must be public (unless allowed)."""
    try:
        answers = resolver(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise WebhookError(f"unreachable: {error}") from None
    addresses = [info[4][0] for info in answers]
    if not addresses:
        raise WebhookError("unreachable: the name has no address")
    if not allow_private and not all(is_public(address) for address in addresses):
        raise WebhookError("the address is private or local")
    return addresses[0]


def reaches_private_address(url: str, *, resolver: Resolver = socket.getaddrinfo) -> bool:
    """True when the URL's host is, or resolves to, an address that is not public: refused when saved. A name
    that does not resolve yet passes here; every send resolves it again and connects only to a public answer."""
    parts = urlsplit(url)
    if check_url(url):
        return False  # not a web address at all: the form says so in its own words
    try:
        resolve(parts.hostname, parts.port or 80, allow_private=False, resolver=resolver)
    except WebhookError as error:
        return "private" in str(error)
    return False


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address already checked; the Host header still names the URL's host."""

    def __init__(self, host: str, port: int | None, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """The same over TLS: the certificate is checked against the URL's host name (SNI too)."""

    def __init__(self, host: str, port: int | None, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post_json(
    url: str, payload: dict, *, timeout: float, allow_private: bool, resolver: Resolver = socket.getaddrinfo
) -> int:
    """POST `payload`; return the HTTP status (2xx), or raise WebhookError (a redirect is an error)."""
    problem = check_url(url)
    if problem:
        raise WebhookError(problem)
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    address = resolve(parts.hostname, port, allow_private=allow_private, resolver=resolver)
    connection_class = _PinnedHTTPSConnection if secure else _PinnedHTTPConnection
    connection = connection_class(parts.hostname, parts.port, address, timeout)
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", target, body, {"Content-Type": "application/json; charset=utf-8"})
        status = connection.getresponse().status
    except (OSError, http.client.HTTPException) as error:
        raise WebhookError(f"unreachable: {error}") from None
    finally:
        connection.close()
    if 300 <= status < 400:
        raise WebhookError(f"HTTP {status}: redirects are not followed")
    if not 200 <= status < 300:
        raise WebhookError(f"HTTP {status}")
    return status
