"""Who may open each reach, reports and digest page: anonymous visitors sign in first; wrong roles get 403."""

from __future__ import annotations

import pytest

ROUTES = {
    "/staff/reach/": {"anonymous": 302, "moderator": 200, "leader": 200, "admin": 200},
    "/staff/reports/": {"anonymous": 302, "moderator": 200, "leader": 200, "admin": 403},
    "/staff/reports/export.csv": {"anonymous": 302, "moderator": 200, "leader": 200, "admin": 403},
    "/staff/reports/export.ods": {"anonymous": 302, "moderator": 200, "leader": 200, "admin": 403},
    "/staff/digests": {"anonymous": 302, "moderator": 200, "leader": 200, "admin": 200},
    "/digests/unsubscribe/not-a-signed-token": {"anonymous": 404, "moderator": 404, "leader": 404, "admin": 404},
}


@pytest.mark.parametrize("role", ["anonymous", "moderator", "leader", "admin"])
def test_each_route_answers_each_role_as_expected(client, auth, role):
    if role != "anonymous":
        auth.login(role)
    answers = {path: client.get(path).status_code for path in ROUTES}
    assert answers == {path: expected[role] for path, expected in ROUTES.items()}


def test_reports_pages_are_never_cached(client, auth):
    auth.login("leader")
    for path in ("/staff/reports/", "/staff/reports/export.csv", "/staff/reach/"):
        assert client.get(path).headers["Cache-Control"] == "no-store"
