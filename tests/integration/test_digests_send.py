"""Digests: composed per subscriber, sent once per period by real SMTP and to a real local webhook, failures
recorded and retried, signed unsubscribe links."""

from __future__ import annotations

import logging
import socket
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from engage.digests import service
from engage.digests.models import DeliveryStatus, DigestDelivery, Subscription
from engage.extensions import db
from engage.reach.sources import CommentInsight, DueItem
from engage.reach.web import service as reach_service
from tests.integration import digest_helpers, reach_helpers
from tests.integration.digest_helpers import part
from tests.integration.reach_helpers import DEMO_BASELINE

people, comments, due, receiver = (
    reach_helpers.people,
    reach_helpers.comments,
    reach_helpers.due,
    digest_helpers.receiver,
)
MONDAY = date(2026, 11, 23)  # the digest covers 2026-W47 (16 to 22 November) and, monthly, October 2026
IN_WEEK = datetime(2026, 11, 18, 10, 0)


@pytest.fixture(autouse=True)
def digest_config(app):
    app.config.update(DIGEST_WEBHOOK_ALLOW_PRIVATE=True, DIGEST_WEBHOOK_RETRY_SECONDS=0, DIGEST_WEBHOOK_RETRIES=2)


def _given_a_week(people, comments, due):
    reach_service.import_baseline(DEMO_BASELINE.read_bytes(), "Demo census", date(2026, 1, 15))
    people.synthetic(300, end=datetime(2026, 11, 22, 23), days=6)
    comments.comments = [CommentInsight("survey:a", IN_WEEK, "en", "negative", ("Waiting times",))] * 12
    comments.comments += [
        CommentInsight("survey:a", IN_WEEK, "en", "positive", ("Waiting times",), "Staff were [redacted] kind.")
    ]
    due.append(DueItem("moderation", "3 comments waiting", None, ("moderator",), "/staff/moderation"))
    due.append(DueItem("action", "Publish the autism pathway update", date(2026, 12, 1)))


def _subscribe(auth, role, frequency="weekly", webhook=None, email=True, language="en"):
    user = auth.create(role)
    user.language = language
    return service.save_subscription(
        user, frequency=frequency, sections=list(service.SECTIONS), email=email, webhook_url=webhook
    )


def test_given_subscribers_when_digests_are_sent_twice_then_each_gets_one(
    app, auth, outbox, people, comments, due, receiver
):
    _given_a_week(people, comments, due)
    moderator = _subscribe(auth, "moderator")
    leader = _subscribe(auth, "leader", webhook=receiver.url)
    report = service.send_digests("weekly", today=MONDAY)
    assert report.count("sent") == 3
    assert sorted(m["X-Envelope-To"] for m in outbox) == sorted([moderator.user.email, leader.user.email])
    assert len(receiver.requests) == 1
    payload = receiver.requests[0]["json"]
    assert payload["period"] == "2026-W47" and "text" in payload
    again = service.send_digests("weekly", today=MONDAY)
    assert again.count("sent") == 0 and again.count("skipped") == 3
    assert len(outbox) == 2 and len(receiver.requests) == 1


def test_a_leaders_digest_leaves_out_what_waits_for_moderation(app, auth, outbox, people, comments, due):
    _given_a_week(people, comments, due)
    _subscribe(auth, "moderator")
    leader = _subscribe(auth, "leader")
    service.send_digests("weekly", today=MONDAY)
    by_recipient = {m["X-Envelope-To"]: m for m in outbox}
    leader_text = part(by_recipient[leader.user.email], "text/plain")
    moderator_mail = next(m for e, m in by_recipient.items() if e != leader.user.email)
    assert "3 comments waiting" not in leader_text
    assert "Publish the autism pathway update" in leader_text
    assert "3 comments waiting" in part(moderator_mail, "text/plain")
    assert "Staff were [redacted] kind." in leader_text


def test_every_email_has_a_signed_unsubscribe_link_that_needs_a_post(app, client, auth, outbox, people, comments, due):
    _given_a_week(people, comments, due)
    subscription = _subscribe(auth, "leader")
    service.send_digests("weekly", today=MONDAY)
    html = part(outbox[0], "text/html")
    link = html.split('href="http://127.0.0.1:8000/digests/unsubscribe/')[1].split('"')[0]
    page = client.get(f"/digests/unsubscribe/{link}")
    assert page.status_code == 200 and "Unsubscribe from digests" in page.text
    assert db.session.get(Subscription, subscription.id).active  # a GET changes nothing
    assert client.get(f"/digests/unsubscribe/{link}x").status_code == 404
    assert client.post(f"/digests/unsubscribe/{link}").status_code == 200
    db.session.expire_all()
    assert not db.session.get(Subscription, subscription.id).active
    assert service.send_digests("weekly", today=date(2026, 11, 30)).outcomes == []


def test_given_smtp_is_down_then_nothing_is_marked_sent_and_the_next_run_retries(app, auth, outbox, caplog):
    _subscribe(auth, "moderator")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    real_port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = closed_port
    with caplog.at_level(logging.WARNING, logger="engage.digests.service"):
        report = service.send_digests("weekly", today=MONDAY)
    assert report.count("failed") == 1 and "ConnectionRefusedError" in report.failed[0].error
    assert "failed" in caplog.text
    delivery = db.session.scalar(select(DigestDelivery))
    assert delivery.status is DeliveryStatus.failed and delivery.sent_at is None and delivery.attempts == 1
    assert service.send_digests("weekly", today=MONDAY).count("skipped") == 1  # waiting for its retry time
    app.config["MAIL_PORT"] = real_port
    delivery.next_attempt_at = datetime(2000, 1, 1)
    db.session.commit()
    assert service.send_digests("weekly", today=MONDAY).count("sent") == 1
    assert len(outbox) == 1


def test_given_a_webhook_answering_500_then_it_is_retried_with_backoff_and_reported(app, auth, runner, receiver):
    receiver.status = 500
    _subscribe(auth, "leader", webhook=receiver.url, email=False)
    report = service.send_digests("weekly", today=MONDAY)
    assert len(receiver.requests) == 3  # one try and two retries within the run
    assert report.failed[0].error == "WebhookError: HTTP 500"
    delivery = db.session.scalar(select(DigestDelivery))
    assert delivery.status is DeliveryStatus.failed
    assert delivery.next_attempt_at - delivery.created_at >= timedelta(minutes=29)
    delivery.next_attempt_at = datetime(2000, 1, 1)
    db.session.commit()
    receiver.status = 200
    result = runner.invoke(args=["digests", "send", "--period", "weekly"])
    assert "sent" in result.output and "2026-W47" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(DigestDelivery).where(DigestDelivery.period_key == "2026-W47")).status is (
        DeliveryStatus.sent
    )


def test_a_delivery_that_keeps_failing_is_given_up_after_the_maximum(app, auth, receiver):
    receiver.status = 503
    app.config.update(DIGEST_MAX_ATTEMPTS=2, DIGEST_WEBHOOK_RETRIES=0)
    _subscribe(auth, "leader", webhook=receiver.url, email=False)
    service.send_digests("weekly", today=MONDAY)
    db.session.scalar(select(DigestDelivery)).next_attempt_at = None
    db.session.commit()
    report = service.send_digests("weekly", today=MONDAY)
    assert report.count("abandoned") == 1
    assert service.send_digests("weekly", today=MONDAY).count("skipped") == 1


def test_dry_run_sends_and_records_nothing(app, auth, runner, outbox):
    _subscribe(auth, "moderator", frequency="monthly")
    result = runner.invoke(args=["digests", "send", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would send" in result.output
    assert outbox == []
    assert db.session.scalar(select(func.count()).select_from(DigestDelivery)) == 0


def test_a_webhook_to_a_private_address_is_refused_unless_allowed(app, auth, receiver):
    app.config["DIGEST_WEBHOOK_ALLOW_PRIVATE"] = False
    _subscribe(auth, "leader", webhook=receiver.url, email=False)
    report = service.send_digests("weekly", today=MONDAY)
    assert report.failed[0].error == "WebhookError: the address is private or local"
    assert receiver.requests == []


def test_unsubscribing_needs_the_forms_csrf_token(app, client, auth):
    subscription = _subscribe(auth, "leader")
    token = service.unsubscribe_token(subscription)
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(f"/digests/unsubscribe/{token}").status_code == 400
    db.session.expire_all()
    assert db.session.get(Subscription, subscription.id).active
