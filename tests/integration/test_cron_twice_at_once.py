"""Cron jobs started twice at once (two machines, or a slow run overlapping the next) send every digest and every
safeguarding alert exactly once, and both runs finish cleanly: each claims its work in the database first.

The SMTP server is real (aiosmtpd on loopback) and slow, so the two runs really overlap."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
from collections import Counter
from datetime import date, timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from engage import create_app
from engage.auth.models import Role, User
from engage.clock import utcnow
from engage.digests import service as digests
from engage.digests.models import DeliveryStatus, DigestDelivery
from engage.extensions import db
from engage.feedback import alerts
from engage.feedback.models import Comment, PublishConsent, Topic
from tests.conftest import PROJECT_ROOT, config_for_tests

MONDAY = date(2026, 11, 23)
SUBSCRIBERS = 22
OWED_ALERTS = 7


class SlowOutbox:
    """Takes a moment over each message, as a busy mail relay does, and keeps what it received."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.recipients: list[str] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.content)
        self.recipients += [f"{to}|{message['Subject']}" for to in envelope.rcpt_tos]
        return "250 OK"


@pytest.fixture
def slow_smtp():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(SlowOutbox(delay=0.15), hostname="127.0.0.1", port=port)
    controller.start()
    yield controller
    controller.stop()


def _in_two_apps_at_once(tmp_path: Path, port: int, job) -> list:
    """Run `job()` in two applications of their own (own engine, own connections) started at the same moment."""
    apps = [create_app({**config_for_tests(tmp_path, port), "CRON_CLAIM_MINUTES": 10}) for _ in range(2)]
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def run(index: int) -> None:
        with apps[index].app_context():
            barrier.wait()
            try:
                results[index] = job()
            except Exception as error:  # reported below: a run must not crash
                results[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for app in apps:
        with app.app_context():
            db.engine.dispose()
    assert not [r for r in results if isinstance(r, Exception)], results
    return results


def _subscribe_everyone(count: int = SUBSCRIBERS) -> list[str]:
    """Staff with a weekly email digest (they never sign in here, so no password is worked out for them)."""
    emails = []
    for number in range(count):
        role = Role.leader if number % 2 else Role.moderator
        user = User(email=f"staff{number:02}@example-borough.invalid", role=role, password_hash="!", totp_secret="")
        db.session.add(user)
        db.session.commit()
        digests.save_subscription(user, frequency="weekly", sections=["moderation"], email=True, webhook_url=None)
        emails.append(user.email)
    return emails


def test_given_22_subscribers_when_two_digest_runs_start_together_then_each_gets_exactly_one(app, tmp_path, slow_smtp):
    emails = _subscribe_everyone()

    reports = _in_two_apps_at_once(tmp_path, slow_smtp.port, lambda: digests.send_digests("weekly", today=MONDAY))

    received = Counter(entry.split("|")[0] for entry in slow_smtp.handler.recipients)
    assert received == Counter(emails), "every subscriber gets exactly one digest"
    assert sum(report.count("sent") for report in reports) == SUBSCRIBERS
    assert all(report.count("sent") for report in reports), "both runs took part of the work (they overlapped)"
    assert not any(report.failed for report in reports)
    db.session.expire_all()
    deliveries = db.session.scalars(select(DigestDelivery)).all()
    assert [(d.status, d.attempts, d.claimed_until) for d in deliveries] == [(DeliveryStatus.sent, 1, None)] * 22


def _owed_alerts() -> list[int]:
    """Seven comments whose alert failed once already (SMTP was down), each still owed."""
    comments = [
        Comment(
            topic=Topic.general,
            text=f"comment {n}",
            publish_consent=PublishConsent.private,
            content_hash=f"hash-{n}",
            safeguarding_flagged=True,
            safeguarding_alert_attempts=1,
        )
        for n in range(OWED_ALERTS)
    ]
    db.session.add_all(comments)
    db.session.commit()
    return [c.id for c in comments]


def test_given_owed_alerts_when_two_retry_runs_start_together_then_each_alert_is_sent_once_and_counted_once(
    app, tmp_path, slow_smtp
):
    ids = _owed_alerts()

    results = _in_two_apps_at_once(tmp_path, slow_smtp.port, alerts.retry_alerts)

    subjects = Counter(entry.split("|")[1] for entry in slow_smtp.handler.recipients)
    assert sorted(subjects.values()) == [1] * OWED_ALERTS and len(subjects) == OWED_ALERTS
    assert sum(sent for sent, _ in results) == OWED_ALERTS and sum(failed for _, failed in results) == 0
    db.session.expire_all()
    for comment in db.session.scalars(select(Comment).where(Comment.id.in_(ids))):
        assert comment.safeguarding_alert_sent_at is not None
        assert comment.safeguarding_alert_attempts == 2, "one earlier failure and one send, nothing lost or doubled"
        assert comment.safeguarding_alert_claimed_until is None


def test_given_an_alert_held_by_a_run_when_retry_runs_then_it_waits_until_the_claim_lapses(app, outbox):
    held, abandoned = (db.session.get(Comment, i) for i in _owed_alerts()[:2])
    held.safeguarding_alert_claimed_until = utcnow() + timedelta(minutes=5)  # another run is sending it now
    abandoned.safeguarding_alert_claimed_until = utcnow() - timedelta(minutes=1)  # its run died: taken over
    db.session.commit()

    sent, failed = alerts.retry_alerts()

    assert (sent, failed) == (OWED_ALERTS - 1, 0)
    assert len(outbox) == OWED_ALERTS - 1
    assert db.session.get(Comment, held.id).safeguarding_alert_sent_at is None
    assert db.session.get(Comment, abandoned.id).safeguarding_alert_sent_at is not None


def test_given_a_digest_run_that_died_mid_send_when_the_next_run_comes_then_it_takes_over(app, outbox):
    email = _subscribe_everyone(1)[0]
    digests.send_digests("weekly", today=MONDAY)
    stuck = db.session.scalars(select(DigestDelivery).where(DigestDelivery.user_id == 1)).one()
    stuck.status, stuck.claimed_until, stuck.sent_at = DeliveryStatus.failed, utcnow() + timedelta(minutes=5), None
    db.session.commit()
    outbox.clear()

    assert digests.send_digests("weekly", today=MONDAY).count("sent") == 0, "held by a live run: left alone"
    stuck.claimed_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    report = digests.send_digests("weekly", today=MONDAY)

    assert report.count("sent") == 1 and [m["To"] for m in outbox] == [email]


def test_given_subscribers_when_the_cron_command_runs_twice_at_once_then_both_exit_cleanly_and_send_once(
    app, tmp_path, slow_smtp
):
    """The real command, as cron starts it, in two processes against the same database."""
    emails = _subscribe_everyone()
    database = db.engine.url.render_as_string(hide_password=False)
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(slow_smtp.port),
        "SECRET_KEY": "cron-test-" + "x" * 40,
        "RATELIMIT_STORAGE_URI": "memory://",
    }
    command = [str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "digests", "send", "--period", "weekly"]
    output = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True}
    runs = [subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, **output) for _ in range(2)]
    outputs = [run.communicate(timeout=180)[0] for run in runs]

    assert [run.returncode for run in runs] == [0, 0], outputs
    received = Counter(entry.split("|")[0] for entry in slow_smtp.handler.recipients)
    assert received == Counter(emails), outputs
