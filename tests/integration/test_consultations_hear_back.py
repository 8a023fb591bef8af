"""People who commented and asked to hear back, and followers, are told (real SMTP on loopback) when a linked action
changes status or the outcome is published: exactly once, even when two staff post the same change at the same
moment; every email carries a one-click unsubscribe that works without signing in (RFC 8058)."""

import re
import threading

from sqlalchemy import select

from engage.clock import utcnow
from engage.consultations import actions, notify, service
from engage.consultations.models import Action, ActionStatus, Follower
from engage.extensions import db
from tests.integration import consultation_helpers as h
from tests.integration.consultation_helpers import DAY


def _body(message) -> str:
    return next(p.get_payload(decode=True).decode() for p in message.walk() if p.get_content_type() == "text/plain")


def _comment(client, email: str, text: str = "More holiday clubs near us, please", prefix: str = ""):
    data = {"text": text, "publish_consent": "anonymous", "hear_back_email": email}
    return client.post(f"{prefix}/consultations/short-breaks/comment", data=data)


def _to(outbox) -> list[str]:
    return sorted(m["X-Envelope-To"] for m in outbox)


def test_given_a_commenter_who_asked_to_hear_back_then_they_hear_of_the_outcome_and_actions_once_and_nothing_else(
    app, client, outbox
):
    start = utcnow()
    consultation = h.make("short-breaks", title="Short breaks", closes=2 * DAY, now=start)
    assert _comment(client, "Parent@Example.org", prefix="/pl").status_code == 302
    assert outbox == []  # nothing to confirm: they typed it with their own comment
    heard = db.session.scalar(select(Follower))
    assert heard.email == "parent@example.org" and heard.hear_back and heard.active and heard.language == "pl"

    app.config["CLOCK_PINNED_AT"] = start + 3 * DAY
    notify.run()
    assert outbox == []  # the consultation closed: not news they asked for

    service.publish_outcome(consultation, we_asked="Where?", you_said="Nearer home", we_did="Two new clubs")
    notify.run()
    notify.run()
    assert _to(outbox) == ["parent@example.org"]
    assert "/pl/consultations/short-breaks" in _body(outbox[0])

    action = actions.create_action(title="Two new clubs", owner="Short breaks team", consultation=consultation)
    outbox.clear()
    actions.post_update(action, text="Venues chosen", status=ActionStatus.in_progress)
    notify.run()
    notify.run()
    assert _to(outbox) == ["parent@example.org"]
    assert "Two new clubs" in _body(outbox[0])


def test_a_bad_hear_back_address_is_a_message_and_nothing_is_stored(client, outbox):
    h.make("short-breaks")
    response = _comment(client, "not an address")
    assert response.status_code == 400 and "Enter an email address in the correct format" in response.text
    assert db.session.scalar(select(Follower)) is None


def test_an_address_already_following_is_not_added_twice_and_hears_each_change_once(app, client, outbox):
    consultation = h.make("short-breaks")
    follower = Follower(consultation_id=consultation.id, email="parent@example.org", confirmed_at=utcnow())
    db.session.add(follower)
    db.session.commit()
    _comment(client, "parent@example.org")
    assert [(f.email, f.hear_back) for f in db.session.scalars(select(Follower))] == [("parent@example.org", False)]
    action = actions.create_action(title="More clubs", owner="Short breaks team", consultation=consultation)
    actions.post_update(action, text="Started", status=ActionStatus.in_progress)
    notify.run()
    assert _to(outbox) == ["parent@example.org"]


def test_two_staff_posting_the_same_status_change_at_once_send_each_person_one_email(app, client, outbox):
    consultation = h.make("short-breaks")
    for n in range(3):
        _comment(client, f"family{n}@example.org", text=f"Comment number {n} about holiday clubs")
    action_id = actions.create_action(title="More clubs", owner="Short breaks team", consultation=consultation).id
    barrier = threading.Barrier(2)
    errors = []

    def staff(text: str):
        with app.app_context():
            try:
                action = db.session.get(Action, action_id)
                barrier.wait()
                actions.post_update(action, text=text, status=ActionStatus.done)
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=staff, args=(f"Done, says person {n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db.session.expire_all()
    assert len(db.session.get(Action, action_id).updates) == 2  # both updates are kept in public
    runs = [threading.Thread(target=lambda: _run(app)) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    assert _to(outbox) == [f"family{n}@example.org" for n in range(3)]


def _run(app):
    with app.app_context():
        try:
            notify.run()
        finally:
            db.session.remove()


def test_every_email_has_a_one_click_unsubscribe_that_works_without_signing_in_or_a_form(app, client, outbox):
    consultation = h.make("short-breaks")
    _comment(client, "parent@example.org")
    action = actions.create_action(title="More clubs", owner="Short breaks team", consultation=consultation)
    actions.post_update(action, text="Started", status=ActionStatus.in_progress)
    notify.run()
    (message,) = outbox
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.fullmatch(r"<(https?://[^>]+)>", re.sub(r"\s+", "", message["List-Unsubscribe"])).group(1)
    assert link in _body(message)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    app.config["WTF_CSRF_ENABLED"] = True
    stranger = app.test_client()  # a mail program: no session, no cookie, no CSRF token
    response = stranger.post(path, data="List-Unsubscribe=One-Click",
                             content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert response.status_code == 200
    assert db.session.scalar(select(Follower)) is None
    outbox.clear()
    actions.post_update(action, text="Finished", status=ActionStatus.done)
    notify.run()
    assert outbox == []


def test_a_commenter_who_then_follows_confirms_and_hears_every_stage(app, client, outbox):
    start = utcnow()
    h.make("short-breaks", closes=2 * DAY, now=start)
    _comment(client, "parent@example.org")
    client.post("/consultations/short-breaks/follow", data={"email": "parent@example.org"})
    (confirmation,) = outbox
    link = re.search(r"https?://\S+/follow/confirm/\S+", _body(confirmation)).group(0)
    client.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    follower = db.session.scalar(select(Follower))
    db.session.refresh(follower)
    assert follower.active and not follower.hear_back
    outbox.clear()
    app.config["CLOCK_PINNED_AT"] = start + 3 * DAY
    notify.run()
    assert _to(outbox) == ["parent@example.org"] and "closed" in outbox[0]["Subject"].lower()
