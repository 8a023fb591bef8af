"""Followers' and hear-back addresses are personal data like a comment's contact details: found and exported by
subject access, deleted by erasure, and deleted by the retention run once kept too long (a follow request nobody
confirmed goes when its link expires)."""

import csv
import io
import json
from datetime import timedelta

from sqlalchemy import func, select

from engage.clock import utcnow
from engage.consultations.models import Follower, Notification
from engage.extensions import db
from engage.feedback import service as feedback
from tests.integration import consultation_helpers as h

ADDRESS = "asha.khan@example.com"


def _hold(client):
    """The same address follows one consultation and asked to hear back on another, and sent a comment."""
    h.make("short-breaks", title="Short breaks")
    h.make("transport", title="Home to school travel")
    client.post("/consultations/short-breaks/follow", data={"email": "Asha.Khan@Example.com"})
    client.post("/consultations/transport/comment",
                data={"text": "Taxis are late", "publish_consent": "private", "hear_back_email": ADDRESS})  # fmt: skip
    feedback.submit_comment(topic="service", text="Our bus is late", publish_consent="private", contact_email=ADDRESS)
    client.post("/consultations/short-breaks/follow", data={"email": "someone.else@example.com"})


def _followers() -> list[str]:
    return sorted(db.session.scalars(select(Follower.email)))


def test_subject_access_finds_and_exports_follow_and_hear_back_addresses(client, auth, outbox):
    _hold(client)
    auth.login("moderator")
    page = client.post("/staff/feedback/subject-access", data={"find-email": ADDRESS}).text
    assert "Short breaks" in page and "Home to school travel" in page and "someone.else" not in page
    exported = client.post("/staff/feedback/subject-access/export",
                           data={"export-email": ADDRESS, "export-format": "json"})  # fmt: skip
    data = json.loads(exported.text)
    assert len(data["comments"]) == 1
    held = data["consultation_followers"]
    assert sorted((row["consultation"], row["why"]) for row in held) == [
        ("Home to school travel", "hear_back"), ("Short breaks", "follow")
    ]  # fmt: skip
    assert all(row["email"] == ADDRESS for row in held)
    as_csv = client.post("/staff/feedback/subject-access/export",
                         data={"export-email": ADDRESS, "export-format": "csv"})  # fmt: skip
    assert "Home to school travel" in as_csv.text and "hear_back" in as_csv.text
    assert any(row and row[0] == "summary" for row in csv.reader(io.StringIO(as_csv.text)))


def test_erasure_deletes_the_addresses_and_what_was_owed_to_them(client, auth, outbox):
    _hold(client)
    db.session.add(Notification(follower_id=db.session.scalar(select(Follower.id).where(Follower.hear_back)),
                                attempts=0))  # fmt: skip
    db.session.commit()
    auth.login("moderator")
    data = {"erase-email": ADDRESS, "erase-mode": "anonymise", "erase-confirm": "y"}
    assert client.post("/staff/feedback/subject-access/erase", data=data).status_code == 302
    assert _followers() == ["someone.else@example.com"]
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 0


def test_retention_deletes_addresses_kept_too_long_and_expired_requests_and_a_second_run_changes_nothing(
    app, client, runner, outbox
):
    _hold(client)
    kept = app.config["FEEDBACK_CONTACT_RETENTION_DAYS"]
    old = db.session.scalar(select(Follower).where(Follower.hear_back))
    old.created_at = utcnow() - timedelta(days=kept + 1)
    unconfirmed = db.session.scalar(select(Follower).where(Follower.email == "someone.else@example.com"))
    unconfirmed.created_at = utcnow() - timedelta(days=8)
    db.session.commit()
    assert runner.invoke(args=["feedback", "purge"]).exit_code == 0
    db.session.expire_all()
    assert _followers() == [ADDRESS]  # the follow of Short breaks, a minute old, waits for its confirmation
    assert runner.invoke(args=["feedback", "purge"]).exit_code == 0
    assert _followers() == [ADDRESS]
