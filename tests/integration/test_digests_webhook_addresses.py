"""Issue 15, defect 10: webhooks never reach into the internal network.

Refused when saved (private, loopback, link-local, CGNAT and metadata addresses, with a clear message); at send
the name is resolved once and the checked address is the one connected to; a redirect is never followed. The
receivers are real HTTP servers on loopback.
"""

from __future__ import annotations

import socket
import ssl
import subprocess
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from engage.digests import service, webhook
from engage.digests.models import Subscription
from engage.digests.webhook import WebhookError
from engage.extensions import db
from tests.integration import digest_helpers

receiver = digest_helpers.receiver
MONDAY = date(2026, 11, 23)
REFUSED = "a webhook cannot go to a private, local or cloud metadata address"


class LocalServer:
    """A real HTTP server on loopback answering every GET and POST with ``status`` (and ``location``), counting
    the requests it gets."""

    def __init__(self, status: int = 200, location: str | None = None) -> None:
        self.requests = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.requests += 1
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = answer  # noqa: N815 (http.server's hook names)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def internal():
    """A service on the internal network (here: loopback), which a webhook must never reach by a redirect."""
    server = LocalServer()
    yield server
    server.close()


@pytest.fixture
def redirect_to_internal(internal):
    """A hook answering 302 to the internal service."""
    server = LocalServer(status=302, location=internal.url)
    yield server
    server.close()


def _save(client, url: str):
    return client.post("/staff/digests", data={"active": "y", "frequency": "weekly", "webhook_url": url})


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.100.100.200/latest/meta-data/",
        "http://100.64.0.1/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[fd00:ec2::254]/hook",
        "http://224.0.0.1/hook",
        "http://0.0.0.0/hook",
    ],
)
def test_given_a_private_webhook_address_when_saved_then_it_is_refused_with_a_message(app, client, auth, url):
    app.config["DIGEST_WEBHOOK_ALLOW_PRIVATE"] = False
    auth.login("leader")
    response = _save(client, url)
    assert response.status_code == 400
    assert REFUSED in response.text
    assert db.session.scalar(select(Subscription)) is None


def test_given_private_addresses_are_allowed_then_a_local_webhook_can_be_saved(app, client, auth):
    app.config["DIGEST_WEBHOOK_ALLOW_PRIVATE"] = True
    auth.login("leader")
    assert _save(client, "http://127.0.0.1:8080/hook").status_code == 302
    assert db.session.scalar(select(Subscription)).webhook_url == "http://127.0.0.1:8080/hook"


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("100.100.100.200", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("10.0.0.1", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("127.0.0.1", False),
        ("0.0.0.0", False),  # noqa: S104 (an address to refuse, not one to bind)
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:10.0.0.1", False),
        ("8.8.8.8", True),
        ("151.101.0.1", True),
        ("2a00:1450:4009::1", True),
    ],
)
def test_addresses_are_public_only_when_globally_routable_and_not_metadata(address, public):
    assert webhook.is_public(address) is public


def test_given_a_hook_answering_302_to_loopback_then_it_is_a_failed_delivery_and_nothing_follows(
    app, auth, internal, redirect_to_internal
):
    """With private addresses allowed (so the loopback hook itself is reached), the redirect is not followed."""
    app.config.update(DIGEST_WEBHOOK_ALLOW_PRIVATE=True, DIGEST_WEBHOOK_RETRIES=0)
    user = auth.create("leader")
    service.save_subscription(user, frequency="weekly", sections=["themes"], email=False, webhook_url=None)
    db.session.scalar(select(Subscription)).webhook_url = redirect_to_internal.url
    db.session.commit()
    report = service.send_digests("weekly", today=MONDAY)
    assert redirect_to_internal.requests == 1
    assert report.failed[0].error == "WebhookError: HTTP 302: redirects are not followed"
    assert internal.requests == 0


def test_given_private_addresses_are_refused_then_a_hook_redirecting_to_loopback_is_never_reached(
    app, auth, internal, redirect_to_internal
):
    app.config.update(DIGEST_WEBHOOK_ALLOW_PRIVATE=False, DIGEST_WEBHOOK_RETRIES=0)
    user = auth.create("leader")
    service.save_subscription(
        user, frequency="weekly", sections=["themes"], email=False, webhook_url=redirect_to_internal.url
    )
    report = service.send_digests("weekly", today=MONDAY)
    assert report.failed[0].error == "WebhookError: the address is private or local"
    assert redirect_to_internal.requests == 0 and internal.requests == 0


class RebindingNameServer:
    """Answers a name with ``first`` the first time it is asked and ``later`` ever after (DNS rebinding)."""

    def __init__(self, first: str, later: str) -> None:
        self.first, self.later, self.questions = first, later, 0

    def __call__(self, host, port, *args, **kwargs):
        self.questions += 1
        address = self.first if self.questions == 1 else self.later
        return socket.getaddrinfo(address, port, type=socket.SOCK_STREAM)


def test_the_name_is_resolved_once_and_the_checked_address_is_the_one_connected_to(receiver):
    """The first answer is the receiver; a second look-up would answer an address where nothing listens."""
    port = receiver.server.server_address[1]
    name_server = RebindingNameServer(first="127.0.0.1", later="192.0.2.1")
    status = webhook.post_json(
        f"http://hooks.example.test:{port}/hook", {"a": 1}, timeout=5, allow_private=True, resolver=name_server
    )
    assert status == 200 and name_server.questions == 1
    assert receiver.requests[0]["headers"]["Host"] == f"hooks.example.test:{port}"
    assert receiver.requests[0]["json"] == {"a": 1}


def test_a_name_with_any_private_answer_is_refused_before_connecting(receiver):
    port = receiver.server.server_address[1]
    name_server = RebindingNameServer(first="127.0.0.1", later="127.0.0.1")
    with pytest.raises(WebhookError, match="private or local"):
        webhook.post_json(
            f"http://hooks.example.test:{port}/hook", {"a": 1}, timeout=5, allow_private=False, resolver=name_server
        )
    assert name_server.questions == 1 and receiver.requests == []


def _certificate(tmp_path, name: str) -> tuple[str, str]:
    """A self-signed certificate for ``name`` made with the openssl command (valid from now, for a day)."""
    key, cert = tmp_path / f"{name}.key", tmp_path / f"{name}.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={name}",
         "-addext", f"subjectAltName=DNS:{name}", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return str(key), str(cert)


@pytest.fixture
def tls_receiver(tmp_path):
    """A real HTTPS server on loopback whose certificate names hooks.example.test; it records the TLS server
    name (SNI) and the Host header of each request."""
    seen: dict = {"sni": [], "host": []}
    key, cert = _certificate(tmp_path, "hooks.example.test")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: seen["sni"].append(name)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's hook name)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen["host"].append(self.headers["Host"])
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], cert, seen
    server.shutdown()
    server.server_close()


def test_over_https_the_pinned_address_keeps_the_hosts_name_for_sni_the_certificate_and_host(
    tls_receiver, tmp_path, monkeypatch
):
    port, cert, seen = tls_receiver
    monkeypatch.setenv("SSL_CERT_FILE", cert)  # trust this test's own certificate, as a system store would
    name_server = RebindingNameServer(first="127.0.0.1", later="192.0.2.1")
    status = webhook.post_json(
        f"https://hooks.example.test:{port}/hook", {"a": 1}, timeout=5, allow_private=True, resolver=name_server
    )
    assert status == 204 and name_server.questions == 1
    assert seen["sni"] == ["hooks.example.test"] and seen["host"] == [f"hooks.example.test:{port}"]


def test_over_https_a_certificate_for_another_name_is_refused(tls_receiver, monkeypatch):
    port, cert, seen = tls_receiver
    monkeypatch.setenv("SSL_CERT_FILE", cert)
    with pytest.raises(WebhookError, match="unreachable"):
        webhook.post_json(
            f"https://other.example.test:{port}/hook",
            {"a": 1},
            timeout=5,
            allow_private=True,
            resolver=RebindingNameServer(first="127.0.0.1", later="127.0.0.1"),
        )
    assert seen["host"] == []
