"""Accounts from the administrator's screen (issue 16, deliverable 7): the invitation goes by email through SMTP,
a new link stops the old one, the authenticator's key stays the same until enrolment finishes and is shown as a
QR code, roles change (never the last administrator's), and resets replace the password and/or authenticator."""

from __future__ import annotations

import re
import time

import pyotp
import segno
from sqlalchemy import select

from engage.audit import AuditEvent
from engage.auth import totp
from engage.auth.models import Role, User
from engage.extensions import db
from tests.conftest import STAFF_PASSWORD, AuthActions

NEW_PASSWORD = "plums orbit quietly northward"
LINK = re.compile(r"https?://[^\s\"<]+/staff/enrol/[A-Za-z0-9_-]+")


def _path(link: str) -> str:
    return link[link.index("/staff/enrol/") :]


def _key(page: str) -> str:
    shown = re.search(r'<p class="engage-secret"[^>]*>(.*?)</p>', page, re.S).group(1)
    return "".join(re.findall(r"[A-Z2-7]{4}", shown))


def _actions(user_id: int) -> list[str]:
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.object_id == str(user_id)).order_by(AuditEvent.id))
    return [event.action for event in events]


def _create(client, email="sam@example.org", role="leader", send_email="y"):
    data = {"email": email, "role": role} | ({"send_email": send_email} if send_email else {})
    response = client.post("/staff/users", data=data)
    assert response.status_code == 200, response.text
    return response, db.session.scalar(select(User).where(User.email == email))


def _text(message) -> str:
    part = next(item for item in message.walk() if item.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def test_creating_an_account_emails_a_one_time_link_that_says_until_when_it_works(client, auth, outbox):
    auth.login("admin")
    response, user = _create(client)
    assert len(outbox) == 1
    message = outbox[0]
    assert message["To"] == "sam@example.org"
    body = _text(message)
    link = LINK.search(body).group(0)
    # created at the app's "now"; the link works 72 hours, said in words and UK time
    assert re.search(r"until \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d \(UK time\)", body), body
    assert "We have emailed a one-time link to sam@example.org" in response.text
    assert link in response.text  # still there to copy by hand
    assert client.get(_path(link)).status_code == 200
    assert _actions(user.id) == ["auth.user.create", "auth.invitation.email"]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.invitation.email"))
    assert event.detail == {"kind": "invitation", "sent": True}


def test_without_email_the_link_is_shown_to_copy_and_nothing_is_sent(client, auth, outbox):
    auth.login("admin")
    response, _user = _create(client, send_email=None)
    assert outbox == []
    assert "No email was sent" in response.text
    assert client.get(_path(LINK.search(response.text).group(0))).status_code == 200


def test_a_new_link_from_the_screen_stops_the_old_one_and_is_audited(client, auth, outbox):
    auth.login("admin")
    _response, user = _create(client)
    first = _path(LINK.search(_text(outbox[0])).group(0))
    page = client.post(f"/staff/users/{user.id}/invitation", data={"send_email": "y"})
    assert page.status_code == 200
    second = _path(LINK.search(_text(outbox[1])).group(0))
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    assert "auth.invitation.renew" in _actions(user.id)


def test_the_key_is_the_same_every_time_the_link_is_opened_and_the_qr_code_holds_it(app, client, auth):
    auth.login("admin")
    response, user = _create(client, send_email=None)
    path = _path(LINK.search(response.text).group(0))
    # opened on a computer, then on a phone (another browser, another session), then again
    keys = {_key(app.test_client().get(path).text) for _ in range(3)}
    assert len(keys) == 1
    key = keys.pop()
    assert len(key) == 32
    page = app.test_client().get(path).text
    # grouped in fours for reading; the QR code is an inline SVG image with a text alternative
    assert re.search(r"<span>[A-Z2-7]{4}</span> <span>", page)
    svg = re.search(r"<svg [^>]*>.*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and 'aria-label="QR code for your authenticator app' in svg
    uri = totp.provisioning_uri(key, user.email, "Engage")
    drawn = segno.make(uri, error="m").svg_inline(scale=5, border=4, dark="#0b0c0c", light="#ffffff")
    assert re.search(r' d="([^"]+)"', drawn).group(1) in svg  # the same modules: the QR encodes this key
    assert f"secret={key}" in uri
    # and the key works: enrolment with its code finishes
    enrolled = app.test_client().post(
        path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "code": pyotp.TOTP(key).now()}
    )
    assert enrolled.status_code == 302
    db.session.refresh(user)
    assert user.totp_secret == key and user.is_enrolled


def test_an_administrator_changes_a_role_and_it_is_audited(client, auth):
    auth.login("admin")
    person = AuthActions(client).create("moderator")
    response = client.post(f"/staff/users/{person.id}/role", data={"role": "leader"})
    assert response.status_code == 302
    db.session.refresh(person)
    assert person.role is Role.leader
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.user.role"))
    assert event.detail == {"before": "moderator", "after": "leader"}
    assert "Leader (council, NHS or education)" in client.get(f"/staff/users/{person.id}").text


def test_the_last_administrator_cannot_give_up_the_role_until_there_is_another(client, auth):
    admin = auth.login("admin")
    response = client.post(f"/staff/users/{admin.id}/role", data={"role": "moderator"})
    assert response.status_code == 409
    assert "You cannot take the administrator role from the last active administrator" in response.text
    db.session.refresh(admin)
    assert admin.role is Role.admin
    other = AuthActions(client).create("moderator")
    client.post(f"/staff/users/{other.id}/role", data={"role": "admin"})
    assert client.post(f"/staff/users/{admin.id}/role", data={"role": "moderator"}).status_code == 302
    db.session.refresh(admin)
    assert admin.role is Role.moderator


def test_resetting_the_authenticator_ends_sessions_and_the_link_asks_for_the_password_and_a_new_code(
    app, client, auth, outbox
):
    person_client = app.test_client()
    person = AuthActions(person_client).login("leader")
    old_secret = person.totp_secret
    auth.login("admin")
    response = client.post(f"/staff/users/{person.id}/reset", data={"what": "authenticator", "send_email": "y"})
    assert response.status_code == 200
    assert person_client.get("/staff/").status_code == 302  # signed out everywhere
    body = _text(outbox[0])
    assert "started a reset" in body
    path = _path(LINK.search(body).group(0))
    page = person_client.get(path).text
    assert "Set up a new authenticator" in page and "Your current password" in page and "<svg" in page
    new_key = _key(page)
    assert new_key != old_secret
    wrong = person_client.post(
        path, data={"current_password": "not my password at all", "code": pyotp.TOTP(new_key).now()}
    )
    assert wrong.status_code == 400
    done = person_client.post(path, data={"current_password": STAFF_PASSWORD, "code": pyotp.TOTP(new_key).now()})
    assert done.status_code == 302
    person_client.post("/staff/login", data={"email": person.email, "password": STAFF_PASSWORD})
    code = pyotp.TOTP(new_key).at(time.time() + 30)
    assert person_client.post("/staff/login/code", data={"code": code}).status_code == 302
    reset = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.user.reset"))
    assert reset.detail == {"password": False, "authenticator": True}


def test_a_password_reset_stops_the_old_password_and_still_needs_the_second_factor(app, client, auth, outbox):
    person = AuthActions(app.test_client()).create("moderator")
    auth.login("admin")
    response = client.post(f"/staff/users/{person.id}/reset", data={"what": "password"})
    assert outbox == []  # not asked to email: the link is on the screen
    path = _path(LINK.search(response.text).group(0))
    person_client = app.test_client()
    refused = person_client.post("/staff/login", data={"email": person.email, "password": STAFF_PASSWORD})
    assert "Enter a correct email address and password" in refused.text
    assert "Reset started" in client.get(f"/staff/users/{person.id}").text
    page = person_client.get(path).text
    assert "Choose a new password" in page and "<svg" not in page  # the authenticator is kept: no new key
    stranger = pyotp.TOTP(pyotp.random_base32()).now()
    wrong = person_client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "code": stranger})
    assert wrong.status_code == 400
    db.session.refresh(person)
    assert person.password_hash is None  # a new password alone is not enough
    right = pyotp.TOTP(person.totp_secret).now()
    done = person_client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "code": right})
    assert done.status_code == 302
    assert person_client.get(path).status_code == 404  # used once


def test_deactivating_and_reactivating_from_the_person_page_is_audited(app, client, auth):
    person_client = app.test_client()
    person = AuthActions(person_client).login("leader")
    auth.login("admin")
    assert client.post(f"/staff/users/{person.id}/active").status_code == 302
    assert person_client.get("/staff/").status_code == 302
    assert "Deactivated" in client.get(f"/staff/users/{person.id}").text
    client.post(f"/staff/users/{person.id}/active")
    db.session.refresh(person)
    assert person.active
    assert _actions(person.id)[-2:] == ["auth.user.deactivate", "auth.user.activate"]


def test_the_users_screen_shows_roles_and_states_in_words(client, auth):
    auth.login("admin")
    _create(client, send_email=None)
    page = client.get("/staff/users").text
    assert "Leader (council, NHS or education)" in page and ">leader<" not in page
    assert re.search(r"Not set up yet: the link works until \d{1,2} [A-Z][a-z]+ \d{4} at", page)


def test_every_account_action_needs_the_forms_csrf_token(app, client, auth):
    auth.login("admin")
    person = AuthActions(client).create("moderator")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        for action, data in (
            ("role", {"role": "admin"}),
            ("reset", {"what": "both"}),
            ("invitation", {}),
            ("active", {}),
        ):
            assert client.post(f"/staff/users/{person.id}/{action}", data=data).status_code == 400, action
        assert client.post("/staff/digests/test").status_code == 400
        db.session.refresh(person)
        assert person.role is Role.moderator and person.active and person.is_enrolled
        assert _actions(person.id) == []
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
