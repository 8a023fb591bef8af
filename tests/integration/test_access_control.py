"""Every staff route × {anonymous, moderator, leader, admin}: anonymous visitors are sent to sign in, a role
the route does not allow gets 403 (audited), and an allowed role gets through. The table is built from the
application's own URL map, so a new staff page is covered the moment it exists."""

import pytest
from sqlalchemy import select

from engage.audit import AuditEvent
from engage.extensions import db

ROLES = ("moderator", "leader", "admin")
#: Staff URLs anyone may reach: signing in and enrolling.
OPEN_ENDPOINTS = {"auth.login", "auth.code", "auth.logout", "auth.enrol"}


def staff_routes(app):
    """(endpoint, method, url, allowed roles) for every rule under /staff/."""
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/staff") or rule.endpoint in OPEN_ENDPOINTS:
            continue
        view = app.view_functions[rule.endpoint]
        url = rule.rule
        for argument in rule.arguments:
            url = url.replace(f"<int:{argument}>", "999999").replace(f"<{argument}>", "999999")
            url = url.replace(f"<string:{argument}>", "999999").replace(f"<path:{argument}>", "999999")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((rule.endpoint, method, url, getattr(view, "required_roles", None)))
    return routes


def test_every_staff_view_declares_its_roles(app):
    unprotected = [endpoint for endpoint, _m, _u, roles in staff_routes(app) if not roles]
    assert unprotected == [], f"staff views without @role_required: {unprotected}"


def test_anonymous_visitors_are_sent_to_sign_in_everywhere(app, client):
    for endpoint, method, url, _roles in staff_routes(app):
        response = client.open(url, method=method)
        assert response.status_code == 302, (endpoint, method, response.status_code)
        assert "/staff/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_its_routes_allow(app, client, auth, role):
    auth.login(role)
    for endpoint, method, url, allowed in staff_routes(app):
        response = client.open(url, method=method)
        if role in allowed:
            assert response.status_code != 403, (endpoint, method, url)
            assert response.status_code < 500, (endpoint, method, url, response.status_code)
        else:
            assert response.status_code == 403, (endpoint, method, url, response.status_code)
    denied = [route for route in staff_routes(app) if role not in route[3]]
    audited = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "access.denied")).all()
    assert len(audited) == len(denied)
