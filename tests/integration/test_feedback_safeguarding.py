"""Safeguarding: an alert at once over real SMTP, with a link and none of the words; retried when SMTP is down."""

import os
import re
import socket
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from engage.auth.models import Role, User
from engage.extensions import db
from engage.feedback import alerts, service
from engage.feedback.models import Comment, CommentStatus, PublishConsent, Topic

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots" / "feedback"
CONCERN = "Jayden told his teacher that his stepdad hits him and he is frightened to go home on Fridays."
DISTINCTIVE = ("Jayden", "teacher", "stepdad", "frightened", "Fridays", "hits")


def _send(client, text=CONCERN):
    data = {"topic": "general", "text": text, "publish_consent": "anonymous"}
    return client.post("/feedback", data=data)


def _body(message) -> str:
    parts = [p for p in message.walk() if p.get_content_maintype() == "text"]
    return "\n".join(p.get_payload(decode=True).decode(p.get_content_charset() or "utf-8") for p in parts)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_given_a_safeguarding_comment_then_the_team_is_emailed_at_once_with_a_link_and_none_of_its_words(
    app, client, outbox
):
    app.config["SITE_URL"] = "https://engage.example-borough.invalid"
    assert _send(client).status_code == 302
    comment = db.session.scalar(select(Comment))
    assert comment.safeguarding_flagged and comment.safeguarding_alert_sent_at is not None
    assert len(outbox) == 1
    message = outbox[0]
    assert message["X-Envelope-To"] == "safeguarding@example-borough.invalid"
    body = _body(message) + message["Subject"]
    assert f"https://engage.example-borough.invalid/staff/feedback/{comment.id}" in body
    for word in DISTINCTIVE:
        assert word.lower() not in body.lower()


def test_the_alert_link_has_no_language_prefix_even_when_the_family_wrote_in_polish(app, client, outbox):
    client.post("/pl/feedback", data={"topic": "general", "text": CONCERN, "publish_consent": "private"})
    comment = db.session.scalar(select(Comment))
    assert f"/staff/feedback/{comment.id}" in _body(outbox[0])
    assert "/pl/staff" not in _body(outbox[0])


def test_given_smtp_is_down_then_the_comment_is_kept_and_the_cli_retries_later(app, client, outbox, runner):
    real_port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = _closed_port()
    assert _send(client).status_code == 302
    comment = db.session.scalar(select(Comment))
    assert comment.text == CONCERN
    assert comment.safeguarding_alert_sent_at is None and comment.safeguarding_alert_attempts == 1
    assert outbox == []
    failing = runner.invoke(args=["feedback", "retry-alerts"])
    assert failing.exit_code == 1 and "1 still failing" in failing.output
    app.config["MAIL_PORT"] = real_port
    result = runner.invoke(args=["feedback", "retry-alerts"])
    assert result.exit_code == 0 and "Sent 1" in result.output
    db.session.refresh(comment)
    assert comment.safeguarding_alert_sent_at is not None and comment.safeguarding_alert_attempts == 3
    assert len(outbox) == 1
    again = runner.invoke(args=["feedback", "retry-alerts"])
    assert "Sent 0" in again.output and len(outbox) == 1


def test_the_queue_shows_an_alert_that_has_not_been_sent(app, client, auth):
    app.config["MAIL_PORT"] = _closed_port()
    _send(client)
    auth.login("moderator")
    assert "Alert not sent yet (1 attempt)" in client.get("/staff/feedback/").text


def test_a_moderator_can_raise_a_concern_the_engine_missed(client, auth, outbox):
    comment = service.submit_comment(
        topic="general", text="Please call us, things are hard.", publish_consent="private"
    )
    assert not comment.safeguarding_flagged
    auth.login("moderator")
    client.post(f"/staff/feedback/{comment.id}/safeguarding/flag", data={})
    db.session.refresh(comment)
    assert comment.safeguarding_flagged and len(outbox) == 1
    assert comment.status == CommentStatus.new or comment.status == CommentStatus.in_review


def _fixed_comment() -> Comment:
    comment = Comment(
        id=42, topic=Topic.general, text=CONCERN, publish_consent=PublishConsent.private, content_hash="x",
        created_at=datetime(2026, 11, 22, 9, 30),
    )  # fmt: skip
    db.session.add(comment)
    db.session.commit()
    return comment


def _check_snapshot(name: str, rendered: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8"), f"{name} changed; rerun with UPDATE_SNAPSHOTS=1 if meant"


def test_alert_email_matches_its_snapshots(app):
    app.config["SITE_URL"] = "https://engage.example-borough.invalid"
    with app.test_request_context():
        subject, text, html = alerts.render_alert(_fixed_comment(), "en")
    assert subject == "Safeguarding: comment 42 needs checking now"
    _check_snapshot("safeguarding_alert.en.txt", text)
    _check_snapshot("safeguarding_alert.en.html", html)


def test_alert_is_rendered_in_the_recipients_language(app):
    db.session.add(User(email="safeguarding@example-borough.invalid", role=Role.moderator, language="pl"))
    db.session.commit()
    assert alerts.recipient_language("Safeguarding@example-borough.invalid") == "pl"
    with app.test_request_context():
        _subject, _text, html = alerts.render_alert(_fixed_comment(), "pl")
    assert re.search(r'<html lang="pl">', html)


def test_given_no_safeguarding_address_is_configured_then_the_comment_is_kept_and_the_alert_stays_owed(app, client):
    app.config["SAFEGUARDING_EMAIL"] = None
    assert _send(client).status_code == 302
    comment = db.session.scalar(select(Comment))
    assert comment.text == CONCERN and comment.alert_pending and comment.safeguarding_alert_attempts == 1


def _stored_by_an_older_engine(text: str, *, days_ago: int, status: CommentStatus) -> Comment:
    """A comment analysed by an earlier engine that saw no concern in it."""
    from datetime import timedelta

    from engage.clock import utcnow

    comment = Comment(topic=Topic.general, text=text, publish_consent=PublishConsent.private, status=status,
                      content_hash=service.content_hash(text), created_at=utcnow() - timedelta(days=days_ago),
                      analysis_version=1, flags=[])  # fmt: skip
    db.session.add(comment)
    db.session.commit()
    return comment


def test_given_an_engine_upgrade_then_a_newly_seen_concern_in_an_open_recent_comment_alerts(app, runner, outbox):
    comment = _stored_by_an_older_engine(CONCERN, days_ago=3, status=CommentStatus.new)
    assert runner.invoke(args=["feedback", "reanalyse"]).exit_code == 0
    db.session.refresh(comment)
    assert comment.safeguarding_flagged and comment.safeguarding_alert_sent_at is not None and len(outbox) == 1


def test_given_an_engine_upgrade_then_old_or_closed_comments_are_flagged_without_a_burst_of_alerts(app, runner, outbox):
    old = _stored_by_an_older_engine(CONCERN, days_ago=service.RECHECK_ALERT_DAYS + 5, status=CommentStatus.new)
    closed = _stored_by_an_older_engine(CONCERN + ".", days_ago=2, status=CommentStatus.rejected)
    assert runner.invoke(args=["feedback", "reanalyse"]).exit_code == 0
    for comment in (old, closed):
        db.session.refresh(comment)
        assert comment.safeguarding_flagged and comment.safeguarding_alert_suppressed and not comment.alert_pending
    assert runner.invoke(args=["feedback", "retry-alerts"]).exit_code == 0
    assert outbox == []
    from engage.feedback import queries

    flagged = queries.queue(queries.QueueFilters(status="", flag="safeguarding"))
    assert {old.id, closed.id} <= {c.id for c in flagged}  # moderators still see them first
