"""Sign-in limits that must hold across processes: a security code signs in once however many sessions send it
at the same moment, and the per-account limit on failures is kept in the database, so it holds whichever
worker or machine answers (issue 15, defects 1 and 2)."""

import threading
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from sqlalchemy import select

from engage.audit import AuditEvent
from engage.auth import service
from engage.auth.models import SignInAttempt, User
from engage.extensions import db
from tests.conftest import STAFF_PASSWORD
from tests.integration.live_servers import Visitor, gunicorn_servers

WRONG = "an entirely wrong password"
#: Any fixed moment: the tests move the application's clock themselves.
START = datetime(2026, 3, 2, 9, 0)


def _password(client, email, password=STAFF_PASSWORD):
    return client.post("/staff/login", data={"email": email, "password": password})


def _cheap_hash_account(auth) -> User:
    """An account whose argon2 hash is quick to check, so a test can fail a hundred times in seconds."""
    user = auth.create()
    user.password_hash = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(STAFF_PASSWORD)
    db.session.commit()
    return user


def _at(app, moment: datetime) -> None:
    app.config["CLOCK_PINNED_AT"] = moment


# --------------------------------------------------------------------------- one code, many sessions


def test_given_five_sessions_sending_the_same_code_at_once_to_two_servers_then_one_signs_in(app, auth, tmp_path):
    user = auth.create()
    with gunicorn_servers(app, tmp_path) as servers:
        people = [(Visitor(), servers[n % 2]) for n in range(5)]
        for visitor, server in people:
            status, _page = visitor.post_form(
                server + "/staff/login", {"email": user.email, "password": STAFF_PASSWORD}
            )
            assert status == 302  # each is half signed in: password accepted, code awaited
        tokens = [visitor.form_token(server + "/staff/login/code") for visitor, server in people]
        code = pyotp.TOTP(user.totp_secret).now()
        barrier, statuses = threading.Barrier(len(people)), []

        def send(visitor, server, token):
            barrier.wait()
            statuses.append(visitor.post(server + "/staff/login/code", {"code": code, "csrf_token": token})[0])

        pairs = zip(people, tokens, strict=True)
        threads = [threading.Thread(target=send, args=(*person, token)) for person, token in pairs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        signed_in = [visitor.get(server + "/staff/")[0] == 200 for visitor, server in people]
    assert sorted(statuses) == [200, 200, 200, 200, 302]
    assert signed_in.count(True) == 1


def test_given_two_sessions_that_loaded_the_account_before_either_checked_the_code_then_only_one_passes(app, auth):
    user = auth.create()
    code = pyotp.TOTP(user.totp_secret).now()
    first, second = app.app_context(), app.app_context()  # two requests, each with its own database session
    first.push()
    first_view = db.session.get(User, user.id)
    second.push()
    second_view = db.session.get(User, user.id)
    results = [service.verify_second_factor(second_view, code)]
    second.pop()
    results.append(service.verify_second_factor(first_view, code))
    first.pop()
    assert results == [True, False]


# --------------------------------------------------------------------------- failures per account, any worker


def test_given_two_servers_on_one_database_then_the_sixth_failure_is_refused_whichever_answers(app, auth, tmp_path):
    victim, other = auth.create(), auth.create()
    with gunicorn_servers(app, tmp_path) as servers:
        for attempt in range(5):
            server = servers[attempt % 2]
            status, page = Visitor().post_form(server + "/staff/login", {"email": victim.email, "password": WRONG})
            assert status == 200 and "Enter a correct email address and password" in page
        for server in servers:  # the 6th, on either server, even with the right password
            status, page = Visitor().post_form(
                server + "/staff/login", {"email": victim.email, "password": STAFF_PASSWORD}
            )
            assert status == 429 and "try again later" in page
        status, _page = Visitor().post_form(
            servers[1] + "/staff/login", {"email": other.email, "password": STAFF_PASSWORD}
        )
        assert status == 302  # another account still signs in


def test_an_unknown_email_is_limited_and_refused_in_the_same_words(client):
    for _ in range(5):
        assert "Enter a correct email address and password" in _password(client, "nobody@example.org", WRONG).text
    refused = _password(client, "nobody@example.org", WRONG)
    assert refused.status_code == 429 and "Too many attempts: try again later" in refused.text


def test_given_a_minute_has_passed_then_the_account_may_try_again(app, client, auth):
    user = _cheap_hash_account(auth)
    _at(app, START)
    for _ in range(5):
        assert _password(client, user.email, WRONG).status_code == 200
    assert _password(client, user.email).status_code == 429
    _at(app, START + timedelta(seconds=59))
    assert _password(client, user.email).status_code == 429
    _at(app, START + timedelta(seconds=61))
    assert _password(client, user.email).status_code == 302


def test_never_more_than_a_hundred_failures_an_hour_on_one_account(app, client, auth):
    user = _cheap_hash_account(auth)
    for minute in range(20):  # five failures a minute, each minute just outside the last one's window
        _at(app, START + timedelta(seconds=61 * minute))
        for _ in range(5):
            assert _password(client, user.email, WRONG).status_code == 200
    _at(app, START + timedelta(seconds=61 * 20))
    assert _password(client, user.email, WRONG).status_code == 429  # the 101st within the hour
    _at(app, START + timedelta(hours=1, seconds=1))  # the first minute's five have left the hour
    assert _password(client, user.email).status_code == 302


def test_wrong_codes_are_limited_per_account(client, auth):
    user = auth.create()
    assert _password(client, user.email).status_code == 302
    for _ in range(5):
        assert client.post("/staff/login/code", data={"code": "000000"}).status_code == 200
    refused = client.post("/staff/login/code", data={"code": pyotp.TOTP(user.totp_secret).now()})
    assert refused.status_code == 429 and "try again later" in refused.text


def test_throttled_attempts_are_audited_and_successes_leave_no_attempt_behind(app, client, auth):
    user = auth.create()
    auth.login(user=user)
    assert db.session.scalars(select(SignInAttempt)).all() == []
    auth.logout()
    for _ in range(6):
        _password(client, user.email, WRONG)
    throttled = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "auth.login.throttled")).all()
    assert [(event.object_id, event.detail["stage"]) for event in throttled] == [(str(user.id), "password")]
    assert len(db.session.scalars(select(SignInAttempt)).all()) == 5
