"""Staff sign-in: password then a one-time code, throttling per account, server-side sessions."""

import time
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from engage.audit import AuditEvent
from engage.auth import service
from engage.auth.models import StaffSession
from engage.clock import utcnow
from engage.extensions import db
from tests.conftest import STAFF_PASSWORD

WRONG = "an entirely wrong password"


def _password(client, email, password=STAFF_PASSWORD):
    return client.post("/staff/login", data={"email": email, "password": password})


def _code(client, code):
    return client.post("/staff/login/code", data={"code": code})


def test_given_anonymous_when_a_staff_page_is_requested_then_it_goes_to_login(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


def test_given_a_correct_password_then_a_session_needs_the_code_too(client, auth):
    user = auth.create("leader")
    assert _password(client, user.email).status_code == 302
    assert client.get("/staff/").status_code == 302  # a password alone gives no staff session
    assert _code(client, pyotp.TOTP(user.totp_secret).now()).status_code == 302
    assert client.get("/staff/").status_code == 200


def test_unknown_email_and_wrong_password_get_the_same_message(client, auth):
    user = auth.create()
    unknown = _password(client, "nobody@example-borough.invalid").text
    wrong = _password(client, user.email, WRONG).text
    message = "Enter a correct email address and password"
    assert message in unknown and message in wrong


def test_a_code_works_once_only_even_with_spaces(client, auth):
    user = auth.create()
    code = pyotp.TOTP(user.totp_secret).now()
    _password(client, user.email)
    assert _code(client, code).status_code == 302
    auth.logout()
    _password(client, user.email)
    replay = _code(client, f"{code[:3]} {code[3:]}")
    assert replay.status_code == 200
    assert "has been used" in replay.text
    assert client.get("/staff/").status_code == 302


def test_sixth_failure_within_a_minute_is_refused_while_another_account_still_signs_in(client, auth):
    victim, other = auth.create(), auth.create()
    for _ in range(5):
        assert _password(client, victim.email, WRONG).status_code == 200
    refused = _password(client, victim.email, STAFF_PASSWORD)
    assert refused.status_code == 429
    assert "try again later" in refused.text
    assert _password(client, other.email).status_code == 302


def test_successful_logins_do_not_count_towards_the_limit(client, auth):
    user = auth.create()
    for _ in range(7):
        assert _password(client, user.email).status_code == 302


def test_logout_ends_the_server_side_session(app, client, auth):
    user = auth.login()
    cookie = client.get_cookie("engage_session").value
    client.post("/staff/logout")
    assert db.session.scalars(select(StaffSession).where(StaffSession.user_id == user.id)).all() == []
    replayed = app.test_client()
    replayed.set_cookie("engage_session", cookie)
    assert replayed.get("/staff/").status_code == 302


def test_password_change_ends_other_sessions(app, client, auth):
    user = auth.login()
    # A second device signed in with its own server-side session (made directly: the login code is spent).
    other_device = app.test_client()
    with app.test_request_context():
        token = service.start_session(user)
    with other_device.session_transaction() as flask_session:
        flask_session["_user_id"] = token
    assert other_device.get("/staff/").status_code == 200
    # the next code step, so the code is not a replay of the one used at login
    next_code = pyotp.TOTP(user.totp_secret).at(time.time() + 30)
    response = client.post(
        "/staff/account/password",
        data={"current_password": STAFF_PASSWORD, "new_password": "a brand new long passphrase", "code": next_code},
    )
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
    assert other_device.get("/staff/").status_code == 302


def test_idle_sessions_expire(app, client, auth):
    user = auth.login()
    staff_session = db.session.scalar(select(StaffSession).where(StaffSession.user_id == user.id))
    staff_session.last_seen_at = staff_session.last_seen_at.replace(year=2000)
    db.session.commit()
    assert client.get("/staff/").status_code == 302


def test_absolute_lifetime_ends_a_busy_session(app, client, auth):
    user = auth.login()
    staff_session = db.session.scalar(select(StaffSession).where(StaffSession.user_id == user.id))
    staff_session.created_at = staff_session.created_at.replace(year=2000)
    db.session.commit()
    assert client.get("/staff/").status_code == 302


def test_wrong_role_is_refused_and_audited(client, auth):
    auth.login("leader")
    assert client.get("/staff/users").status_code == 403
    denial = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "access.denied"))
    assert denial is not None and denial.object_id == "auth.users"


def test_logins_and_failures_are_audited_without_secrets(client, auth):
    user = auth.create()
    _password(client, user.email, WRONG)
    auth.login(user=user)
    actions = [event.action for event in db.session.scalars(select(AuditEvent))]
    assert "auth.login.failure" in actions and "auth.login" in actions
    for event in db.session.scalars(select(AuditEvent)):
        assert STAFF_PASSWORD not in str(event.detail) and user.totp_secret not in str(event.detail)


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_login_never_redirects_off_site(client, auth, next_url):
    user = auth.create()
    client.post(f"/staff/login?next={next_url}", data={"email": user.email, "password": STAFF_PASSWORD})
    response = _code(client, pyotp.TOTP(user.totp_secret).now())
    assert response.headers["Location"] == "/staff/"


def test_staying_signed_in_moves_the_idle_timer_on(client, auth):
    user = auth.login()
    staff_session = db.session.scalar(select(StaffSession).where(StaffSession.user_id == user.id))
    staff_session.last_seen_at -= timedelta(minutes=29)  # the warning shows a minute before the end
    db.session.commit()
    response = client.post("/staff/session/extend", headers={"Accept": "application/json"})
    assert response.status_code == 204
    db.session.refresh(staff_session)
    assert utcnow() - staff_session.last_seen_at < timedelta(minutes=1)
