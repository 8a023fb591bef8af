"""The events cron started twice at once (two machines, or a slow run overlapping the next): every reminder and
every offer is emailed exactly once, through a slow real SMTP server so the runs really overlap."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from engage.clock import utcnow
from engage.consultations import events
from engage.consultations.event_models import BookingStatus
from engage.extensions import db
from tests.conftest import PROJECT_ROOT
from tests.integration.event_helpers import HOUR, make_event
from tests.integration.test_cron_twice_at_once import _in_two_apps_at_once, slow_smtp  # noqa: F401 (a fixture)

FAMILIES = 12


def _book_families(event, count: int = FAMILIES) -> list[str]:
    emails = [f"family{n:02}@example.org" for n in range(count)]
    for email in emails:
        details = events.Details(name="AB", email=email, mobile=None, party_size=1)
        result = events.book(event, details, now=event.starts_at - 48 * HOUR)
        assert result.outcome in (events.Outcome.booked, events.Outcome.waiting)
    return emails


def test_given_booked_families_when_two_cron_runs_start_together_then_each_gets_one_reminder(
    app,
    tmp_path,
    slow_smtp,  # noqa: F811 (the imported fixture)
):
    event = make_event(capacity=20, starts_in=10 * HOUR)
    emails = _book_families(event)

    def job():
        from engage.consultations import event_cron

        return event_cron.run()

    results = _in_two_apps_at_once(tmp_path, slow_smtp.port, job)

    received = Counter(entry.split("|")[0] for entry in slow_smtp.handler.recipients)
    assert received == Counter(emails), "each booking gets exactly one reminder"
    assert sum(r.reminders for r in results) == FAMILIES and all(r.reminders for r in results), results


def test_given_offers_owed_when_the_real_command_runs_twice_at_once_then_each_offer_is_emailed_once(
    app,
    tmp_path,
    slow_smtp,  # noqa: F811
):
    event = make_event(capacity=3, starts_in=100 * HOUR)
    emails = _book_families(event, 9)  # 3 booked, 6 waiting
    db.session.refresh(event)
    event.capacity = 9  # the organiser found a bigger room: six places to offer
    db.session.commit()
    offered = events.offer_freed_places(event.id, utcnow())
    db.session.commit()
    assert len(offered) == 6
    env = {
        **os.environ,
        "DATABASE_URL": db.engine.url.render_as_string(hide_password=False),
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(slow_smtp.port),
        "SECRET_KEY": "cron-test-" + "x" * 40,
        "RATELIMIT_STORAGE_URI": "memory://",
    }
    command = [str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "events", "send-reminders"]
    output = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True}
    runs = [subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, **output) for _ in range(2)]
    outputs = [run.communicate(timeout=180)[0] for run in runs]

    assert [run.returncode for run in runs] == [0, 0], outputs
    received = Counter(entry.split("|")[0] for entry in slow_smtp.handler.recipients)
    assert received == Counter(emails[3:]), outputs
    assert all("A place is free" in entry for entry in slow_smtp.handler.recipients)
    statuses = Counter(b.status for b in event.bookings)
    assert statuses == {BookingStatus.booked: 3, BookingStatus.offered: 6}
