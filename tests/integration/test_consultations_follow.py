"""Following a consultation by email, through the real SMTP server on loopback: double opt-in, one email per
stage change however many times (or how many at once) the cron runs, and an unsubscribe link in every message."""

import re
import threading

from sqlalchemy import func, select

from engage.clock import utcnow
from engage.consultations import actions, notify
from engage.consultations.models import ActionStatus, Follower, Notification
from engage.extensions import db
from tests.integration import consultation_helpers as h
from tests.integration.consultation_helpers import DAY


def _body(message) -> str:
    return next(p.get_payload(decode=True).decode() for p in message.walk() if p.get_content_type() == "text/plain")


def _link(message, kind: str) -> str:
    return re.search(rf"https?://\S+/{kind}/\S+", _body(message)).group(0)


def _follow(client, address="parent@example.org", prefix=""):
    return client.post(f"{prefix}/consultations/short-breaks/follow", data={"email": address})


def test_given_a_follow_request_then_one_confirmation_email_and_a_second_request_sends_nothing_new(client, outbox):
    h.make("short-breaks", title="Short breaks")
    assert _follow(client, "Parent@Example.org").status_code == 200
    assert len(outbox) == 1
    assert outbox[0]["X-Envelope-To"] == "parent@example.org"
    assert "/consultations/short-breaks/unfollow/" in _body(outbox[0])
    _follow(client, "parent@example.org")
    assert len(outbox) == 1
    follower = db.session.scalar(select(Follower))
    assert follower.confirmed_at is None and not follower.active


def test_a_malformed_address_gets_a_message_in_the_persons_language(client, outbox):
    h.make("short-breaks")
    response = _follow(client, "not an address", prefix="/pl")
    assert response.status_code == 400
    assert "Enter an email address in the correct format" not in response.text  # it is in Polish
    assert 'class="govuk-error-message"' in response.text
    assert outbox == [] and db.session.scalar(select(Follower)) is None


def test_opening_the_confirmation_link_asks_and_only_the_button_confirms(client, outbox):
    h.make("short-breaks")
    _follow(client)
    path = "/" + _link(outbox[0], "follow/confirm").split("://", 1)[1].split("/", 1)[1]
    assert client.get(path).status_code == 200
    assert not db.session.scalar(select(Follower)).active
    assert client.post(path).status_code == 200
    db.session.expire_all()
    assert db.session.scalar(select(Follower)).active


def test_a_forged_link_changes_nothing(client, outbox):
    h.make("short-breaks")
    _follow(client)
    response = client.post("/consultations/short-breaks/follow/confirm/forged-token")
    assert response.status_code == 404 and "This link does not work" in response.text
    assert not db.session.scalar(select(Follower)).active


def _confirm_via_email(client, outbox, address):
    _follow(client, address)
    path = "/" + _link(outbox[-1], "follow/confirm").split("://", 1)[1].split("/", 1)[1]
    client.post(path)


def test_given_followers_when_the_consultation_closes_then_each_is_emailed_once_however_often_cron_runs(
    app, client, outbox
):
    start = utcnow()
    h.make("short-breaks", title="Short breaks", closes=2 * DAY, now=start)
    _confirm_via_email(client, outbox, "one@example.org")
    _confirm_via_email(client, outbox, "two@example.org")
    _confirm_via_email(client, outbox, "gone@example.org")
    unsubscribe = "/" + _link(outbox[-1], "unfollow").split("://", 1)[1].split("/", 1)[1]
    client.post(unsubscribe)
    outbox.clear()

    app.config["CLOCK_PINNED_AT"] = start + 3 * DAY
    assert notify.run().sent == 2
    assert notify.run().sent == 0
    assert sorted(m["X-Envelope-To"] for m in outbox) == ["one@example.org", "two@example.org"]
    assert all("/unfollow/" in _body(m) for m in outbox)
    assert "closed" in outbox[0]["Subject"].lower()


def test_someone_who_follows_after_the_change_is_not_told_about_it(app, client, outbox):
    start = utcnow()
    h.make("short-breaks", closes=2 * DAY, now=start)
    app.config["CLOCK_PINNED_AT"] = start + 3 * DAY
    notify.run()
    _confirm_via_email(client, outbox, "late@example.org")
    outbox.clear()
    notify.run()
    assert outbox == []


def test_two_runs_at_the_same_moment_send_each_email_once(app, client, outbox):
    start = utcnow()
    h.make("short-breaks", closes=2 * DAY, now=start)
    for n in range(6):
        _confirm_via_email(client, outbox, f"family{n}@example.org")
    outbox.clear()
    app.config["CLOCK_PINNED_AT"] = start + 3 * DAY
    barrier = threading.Barrier(2)
    errors = []

    def cron():
        with app.app_context():
            try:
                barrier.wait()
                notify.run()
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=cron) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(m["X-Envelope-To"] for m in outbox) == [f"family{n}@example.org" for n in range(6)]
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 6


def test_when_smtp_is_down_the_follow_request_is_not_kept_and_a_later_run_sends_what_was_owed(app, client, outbox):
    start = utcnow()
    h.make("short-breaks", closes=2 * DAY, now=start)
    _confirm_via_email(client, outbox, "one@example.org")
    outbox.clear()
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = 9  # nothing listens there
    response = _follow(client, "two@example.org")
    assert "We could not send the email" in response.text
    assert db.session.scalar(select(Follower).where(Follower.email == "two@example.org")) is None
    app.config["CLOCK_PINNED_AT"] = start + 3 * DAY
    assert notify.run().failed == 1
    app.config["MAIL_PORT"] = port
    assert notify.run().sent == 1
    assert [m["X-Envelope-To"] for m in outbox] == ["one@example.org"]


def test_followers_hear_once_when_a_linked_action_changes_status_and_not_for_a_note_alone(app, client, outbox):
    consultation = h.make("short-breaks", title="Short breaks")
    _confirm_via_email(client, outbox, "one@example.org")
    action = actions.create_action(title="More holiday clubs", owner="Short breaks team", consultation=consultation)
    outbox.clear()
    notify.run()
    actions.post_update(action, text="Venues being chosen", status=ActionStatus.planned)  # a note, same status
    notify.run()
    assert outbox == []
    actions.post_update(action, text="Three clubs open in April", status=ActionStatus.in_progress)
    notify.run()
    notify.run()
    assert [m["X-Envelope-To"] for m in outbox] == ["one@example.org"]
    body = _body(outbox[0])
    assert "More holiday clubs" in body and "Three clubs open in April" in body and "/unfollow/" in body


def test_the_cron_command_records_and_sends_then_finds_nothing_more(app, client, runner, outbox):
    start = utcnow()
    h.make("short-breaks", closes=2 * DAY, now=start)
    _confirm_via_email(client, outbox, "one@example.org")
    outbox.clear()
    app.config["CLOCK_PINNED_AT"] = start + 3 * DAY
    first = runner.invoke(args=["consultations", "advance"])
    assert first.exit_code == 0 and "emails sent: 1" in first.output
    second = runner.invoke(args=["consultations", "notify"])
    assert second.exit_code == 0 and "Stage changes recorded: 0; emails sent: 0" in second.output
    assert len(outbox) == 1


def test_unfollowing_deletes_the_address_and_a_second_click_changes_nothing(client, outbox):
    h.make("short-breaks")
    _confirm_via_email(client, outbox, "one@example.org")
    path = "/" + _link(outbox[-1], "unfollow").split("://", 1)[1].split("/", 1)[1]
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    assert db.session.scalar(select(Follower)) is None
    assert client.post(path).status_code == 404
