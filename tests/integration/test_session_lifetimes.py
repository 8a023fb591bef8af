"""Staff session lifetimes measured by the clock (bar 4): the app's own clock (CLOCK_PINNED_AT) is moved to just
before and just after each limit, 30 minutes idle and 12 hours in all, so a limit set one second too long or too
short fails here. The limits are the application's defaults: these tests set neither."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.conftest import STAFF_PASSWORD

#: Any fixed moment: nothing here depends on the day the tests run.
SIGNED_IN_AT = datetime(2026, 12, 7, 9, 0, 0)
IDLE = timedelta(minutes=30)
ABSOLUTE = timedelta(hours=12)
A_MOMENT = timedelta(seconds=1)
COOKIE = "engage_session"


def at(app, moment: datetime) -> None:
    """Moves the application's clock (every utcnow() it answers) to `moment`."""
    app.config["CLOCK_PINNED_AT"] = moment


def signed_in(app, client) -> bool:
    response = client.get("/staff/")
    if response.status_code == 302:
        assert "/staff/login" in response.headers["Location"]
        return False
    assert response.status_code == 200
    return True


@pytest.mark.parametrize(("idle_for", "still_signed_in"), [(IDLE - A_MOMENT, True), (IDLE + A_MOMENT, False)])
def test_an_idle_session_ends_after_30_minutes_not_before(app, client, auth, idle_for, still_signed_in):
    at(app, SIGNED_IN_AT)
    auth.login()
    at(app, SIGNED_IN_AT + idle_for)
    assert signed_in(app, client) is still_signed_in


def test_each_request_moves_the_idle_limit_on(app, client, auth):
    at(app, SIGNED_IN_AT)
    auth.login()
    at(app, SIGNED_IN_AT + IDLE - A_MOMENT)
    assert signed_in(app, client)
    at(app, SIGNED_IN_AT + 2 * IDLE - 2 * A_MOMENT)
    assert signed_in(app, client)
    at(app, SIGNED_IN_AT + 3 * IDLE)
    assert not signed_in(app, client)


@pytest.mark.parametrize(("age", "still_signed_in"), [(ABSOLUTE - A_MOMENT, True), (ABSOLUTE + A_MOMENT, False)])
def test_a_busy_session_ends_after_12_hours_not_before(app, client, auth, age, still_signed_in):
    at(app, SIGNED_IN_AT)
    auth.login()
    busy = SIGNED_IN_AT
    while busy + IDLE < SIGNED_IN_AT + age:  # never idle for long: only the absolute limit can end it
        busy += IDLE - timedelta(minutes=5)
        at(app, busy)
        assert signed_in(app, client), f"ended early, {busy - SIGNED_IN_AT} after signing in"
    at(app, SIGNED_IN_AT + age)
    assert signed_in(app, client) is still_signed_in


def test_an_ended_session_stays_ended_when_the_clock_comes_back(app, client, auth):
    """Expiry deletes the server-side session: the cookie is worth nothing afterwards."""
    at(app, SIGNED_IN_AT)
    auth.login()
    at(app, SIGNED_IN_AT + IDLE + A_MOMENT)
    assert not signed_in(app, client)
    at(app, SIGNED_IN_AT + A_MOMENT)
    assert not signed_in(app, client)


def test_signing_in_gives_a_new_session_and_the_cookie_from_before_is_worth_nothing(app, client, auth):
    """Session fixation: a cookie planted before sign-in (here, the half-signed-in one) never becomes a staff
    session: signing in sets a new cookie holding a new server-side session."""
    user = auth.create()
    client.post("/staff/login", data={"email": user.email, "password": STAFF_PASSWORD})
    planted = _cookie(client)
    auth.login(user=user)
    assert _cookie(client) != planted
    attacker = app.test_client()
    attacker.set_cookie(COOKIE, planted)
    assert not signed_in(app, attacker)
    assert signed_in(app, client)


def _cookie(client) -> str:
    return client.get_cookie(COOKIE).value
