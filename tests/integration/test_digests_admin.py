"""Administrators see every digest delivery and why one failed, in words and pages; anyone on the staff can
preview their own digest and email themselves a test through SMTP, a few times an hour, audited (issue 16, 7)."""

from __future__ import annotations

import re
import socket
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from engage.audit import AuditEvent
from engage.digests import service
from engage.digests.models import Channel, DeliveryStatus, DigestDelivery
from engage.extensions import db
from tests.integration.digest_helpers import part

MONDAY = date(2026, 11, 23)  # the weekly digest covers 16 to 22 November 2026


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _sent_rows(user_id: int, n: int) -> None:
    start = datetime(2026, 1, 5, 7, 0)
    for week in range(n):
        day = start + timedelta(weeks=week)
        key = f"{day.isocalendar().year}-W{day.isocalendar().week:02d}"
        db.session.add(
            DigestDelivery(
                user_id=user_id,
                period_key=key,
                channel=Channel.email,
                status=DeliveryStatus.sent,
                attempts=1,
                sent_at=day,
                created_at=day,
            )
        )
    db.session.commit()


def test_administrators_see_deliveries_and_failures_in_words_a_page_at_a_time(app, client, auth):
    moderator = auth.create("moderator", email="mo@example-borough.invalid")
    service.save_subscription(moderator, frequency="weekly", sections=["moderation"], email=True, webhook_url=None)
    real_port, app.config["MAIL_PORT"] = app.config["MAIL_PORT"], _closed_port()
    assert service.send_digests("weekly", today=MONDAY).count("failed") == 1  # the mail server is down
    app.config["MAIL_PORT"] = real_port
    _sent_rows(moderator.id, 30)
    auth.login("admin")
    first = client.get("/staff/digests/deliveries").text
    assert "31 deliveries" in first
    assert len(re.findall(r"mo@example-borough\.invalid", first)) == 25
    assert "Page 1 of 2" in first and "page=2" in first
    assert not re.search(r"\d{4}-W\d\d", first)  # weeks in words, never ISO codes
    failed = client.get("/staff/digests/deliveries?status=failed").text
    assert "1 delivery" in failed
    assert "Week of 16 November 2026" in failed
    assert "Failed 1 time: will be tried again" in failed
    assert "The mail server could not be reached" in failed
    assert "ConnectionRefusedError" not in failed
    second = client.get("/staff/digests/deliveries?page=2").text
    assert len(re.findall(r"mo@example-borough\.invalid", second)) == 6


def test_only_administrators_see_everyones_deliveries(client, auth):
    auth.login("leader")
    assert client.get("/staff/digests/deliveries").status_code == 403


def test_anyone_on_the_staff_can_preview_their_own_digest(client, auth):
    auth.login("moderator")
    page = client.get("/staff/digests/preview")
    assert page.status_code == 200
    assert "Preview of your digest" in page.text and "Waiting for moderation" in page.text
    assert re.search(r"Week of \d{1,2} [A-Z][a-z]+ \d{4}", page.text)


def test_a_test_digest_goes_through_smtp_is_audited_and_limited_to_three_an_hour(client, auth, outbox):
    leader = auth.login("leader")
    for _ in range(3):
        assert client.post("/staff/digests/test").status_code == 302
    assert [message["To"] for message in outbox] == [leader.email] * 3
    assert "Who took part" in part(outbox[0], "text/plain")
    refused = client.post("/staff/digests/test")
    assert refused.status_code == 429
    assert "You have sent yourself 3 test digests in the last hour" in refused.text
    assert len(outbox) == 3
    tests = select(func.count(AuditEvent.id)).where(
        AuditEvent.action == "digests.test.send", AuditEvent.actor_id == leader.id
    )
    assert db.session.scalar(tests) == 3
    assert db.session.scalar(select(func.count(DigestDelivery.id))) == 0  # a test is not the period's delivery


def test_a_test_digest_with_the_mail_server_down_says_so(app, client, auth, outbox):
    auth.login("moderator")
    app.config["MAIL_PORT"] = _closed_port()
    response = client.post("/staff/digests/test")
    assert response.status_code == 503
    assert "could not be sent" in response.text
