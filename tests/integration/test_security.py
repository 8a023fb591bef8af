"""Security wiring that must never come undone: headers, cookies, CSRF, request size, escaping."""

import re

import pytest
from flask import abort

from engage import create_app
from tests.conftest import config_for_tests

REQUIRED_CSP = ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"]


def _assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    for directive in REQUIRED_CSP:
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.fixture
def failing_app(tmp_path, smtp_controller):
    app = create_app(config_for_tests(tmp_path, smtp_controller.port) | {"PROPAGATE_EXCEPTIONS": False})

    @app.route("/boom")
    def boom():
        raise RuntimeError("boom")

    @app.route("/forbidden")
    def forbidden():
        abort(403)

    return app


@pytest.mark.parametrize("path", ["/", "/pl/", "/no-such-page", "/staff/login", "/static/dist/manifest.json"])
def test_every_response_carries_the_security_headers(client, path):
    _assert_security_headers(client.get(path))


def test_a_500_page_carries_the_headers_and_says_sorry(failing_app):
    response = failing_app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Sorry, there is a problem" in response.text
    _assert_security_headers(response)
    assert response.headers["Cache-Control"] == "no-store"


def test_a_403_page_is_friendly(failing_app):
    response = failing_app.test_client().get("/forbidden")
    assert response.status_code == 403
    assert "permission" in response.text


def test_hsts_is_sent_over_https_only(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_pages_are_not_cached(client):
    assert client.get("/staff/login").headers["Cache-Control"] == "no-store"


def test_no_inline_script_or_style_in_pages(client):
    page = client.get("/").text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert "style=" not in page


def test_session_cookie_is_secure_httponly_and_samesite(client, auth):
    auth.login()
    cookie = client.get_cookie("engage_session")
    assert cookie.secure and cookie.http_only
    assert cookie.same_site in ("Lax", "Strict")


@pytest.fixture
def csrf_client(tmp_path, smtp_controller):
    app = create_app(config_for_tests(tmp_path, smtp_controller.port) | {"WTF_CSRF_ENABLED": True})
    with app.app_context():
        from engage.extensions import db

        db.create_all()
        yield app.test_client()


def test_a_post_without_a_csrf_token_is_refused_with_a_friendly_page(csrf_client):
    """What the page keeps and refuses to keep is in test_csrf_expired_page.py."""
    response = csrf_client.post("/staff/login", data={"email": "pat@example.org", "password": "secret words"})
    assert response.status_code == 400
    assert "This form had expired" in response.text
    assert "secret words" not in response.text  # never echo a password


def test_a_body_over_the_limit_gets_413_and_a_page(client, app):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/staff/login", data={"email": "x" * 5000, "password": "y"})
    assert response.status_code == 413
    assert "too large" in response.text


def test_login_form_escapes_what_was_typed(client):
    response = client.post("/staff/login", data={"email": '"><svg onload=alert(1)>', "password": "wrong password x"})
    assert "<svg onload" not in response.text


def test_factory_wires_the_security_extensions(app):
    assert "csrf" in app.extensions and "limiter" in app.extensions
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["WTF_CSRF_TIME_LIMIT"] is None  # long surveys never expire their token
    assert app.config["WTF_CSRF_SSL_STRICT"] is True  # over HTTPS, forms come from our own pages


def test_no_get_route_changes_staff_state(client, auth):
    auth.login("admin")
    assert client.get("/staff/logout").status_code == 405
