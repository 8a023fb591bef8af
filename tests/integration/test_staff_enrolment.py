"""From `flask users create` to a first sign-in: a one-time link, a strong password and an authenticator."""

import re
import time

import pyotp
from sqlalchemy import func, select

from engage.auth.models import User
from engage.extensions import db

NEW_PASSWORD = "plums orbit quietly northward"


def _create(runner, email="pat@example.org", role="moderator"):
    result = runner.invoke(args=["users", "create", email, "--role", role])
    assert result.exit_code == 0, result.output
    return re.search(r"https?://\S+/staff/enrol/\S+", result.output).group(0)


def _enrol_path(link):
    return link[link.index("/staff/enrol/") :]


def _secret(client, path):
    """The key as the page shows it in text, in groups of four: joined up, as a person would type it."""
    page = client.get(path).text
    shown = re.search(r'<p class="engage-secret"[^>]*>(.*?)</p>', page, re.S).group(1)
    return "".join(re.findall(r"[A-Z2-7]{4}", shown))


def test_given_a_new_account_when_the_link_is_followed_then_the_person_can_sign_in(client, runner):
    path = _enrol_path(_create(runner))
    secret = _secret(client, path)
    response = client.post(
        path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "code": pyotp.TOTP(secret).now()}
    )
    assert response.status_code == 302
    client.post("/staff/login", data={"email": "PAT@example.org ", "password": NEW_PASSWORD})
    # the enrolment code's step is spent; the next step's code signs in
    response = client.post("/staff/login/code", data={"code": pyotp.TOTP(secret).at(time.time() + 30)})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200


def test_the_enrolment_link_works_once(client, runner):
    path = _enrol_path(_create(runner))
    secret = _secret(client, path)
    client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "code": pyotp.TOTP(secret).now()})
    assert client.get(path).status_code == 404


def test_weak_common_and_overlong_passwords_are_refused(client, runner):
    path = _enrol_path(_create(runner))
    secret = _secret(client, path)
    for password, message in [
        ("short", "12 characters or more"),
        ("qwerty123456", "too common"),
        ("LeaveMeAlone", "too common"),
        ("x" * 129, "128 characters or fewer"),
    ]:
        page = client.post(
            path, data={"password": password, "confirm": password, "code": pyotp.TOTP(secret).now()}
        ).text
        assert message in page
    user = db.session.scalar(select(User).where(User.email == "pat@example.org"))
    assert user.password_hash is None


def test_a_128_character_password_is_accepted_and_not_truncated(client, runner):
    path = _enrol_path(_create(runner))
    secret = _secret(client, path)
    long_password = "correct horse " * 9 + "ab"  # 128 characters
    assert len(long_password) == 128
    client.post(path, data={"password": long_password, "confirm": long_password, "code": pyotp.TOTP(secret).now()})
    user = db.session.scalar(select(User).where(User.email == "pat@example.org"))
    assert user.password_hash.startswith("$argon2id$")
    response = client.post("/staff/login", data={"email": "pat@example.org", "password": long_password[:-1]})
    assert "Enter a correct email address and password" in response.text


def test_creating_the_same_account_twice_is_refused(runner):
    _create(runner)
    result = runner.invoke(args=["users", "create", "pat@example.org", "--role", "leader"])
    assert result.exit_code != 0
    assert "already" in result.output


def test_admin_creates_an_account_in_the_staff_pages(client, auth):
    auth.login("admin")
    page = client.post("/staff/users", data={"email": "sam@example.org", "role": "leader"}).text
    assert "/staff/enrol/" in page
    assert db.session.scalar(select(func.count()).select_from(User).where(User.email == "sam@example.org")) == 1


def test_demo_load_twice_changes_nothing(runner):
    runner.invoke(args=["demo", "load"], catch_exceptions=False)
    first = db.session.scalar(select(func.count()).select_from(User))
    runner.invoke(args=["demo", "load"], catch_exceptions=False)
    assert db.session.scalar(select(func.count()).select_from(User)) == first == 3
