"""Given a family answering a survey, when each answer only renews their session cookie's expiry, then the cookie is
re-signed from the payload it arrived with (not serialised, compressed and encoded again to the same bytes), and
the session and CSRF serializers are built once per secret key rather than on every load, save and token."""

from __future__ import annotations

import flask_wtf.csrf
from itsdangerous import URLSafeTimedSerializer

from tests.integration.surveys_helpers import Respondent, token_in, use_test_surveys

COOKIE = "engage_session"


def session_payloads_serialised(monkeypatch) -> list:
    """Every session (not CSRF) payload serialised from here on."""
    seen: list = []
    original = URLSafeTimedSerializer.dump_payload

    def counting(serializer, obj):
        if serializer.salt == b"cookie-session":
            seen.append(obj)
        return original(serializer, obj)

    monkeypatch.setattr(URLSafeTimedSerializer, "dump_payload", counting)
    return seen


def test_given_a_draft_when_an_answer_only_renews_the_cookie_then_it_is_resigned_unchanged(app, client, monkeypatch):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    serialised = session_payloads_serialised(monkeypatch)
    person.start()  # a session that changes is serialised as before: the CSRF token, then the draft's key
    assert [sorted(payload) for payload in serialised] == [
        ["csrf_token"],
        ["_permanent", "csrf_token", "survey_drafts"],
    ]
    page = client.get("/surveys/test-basic/page/first")
    before = client.get_cookie(COOKIE).value
    serialised.clear()

    response = person.post("first", token_in(page.text), colour="blue", comment="Fine")

    assert response.status_code == 302
    after = client.get_cookie(COOKIE)
    assert "Set-Cookie" in response.headers and after.expires is not None  # the expiry is still renewed
    assert serialised == []
    assert after.value.rsplit(".", 2)[0] == before.rsplit(".", 2)[0]  # same payload, signed again
    serializer = app.session_interface.get_signing_serializer(app)
    assert serializer.loads(after.value) == serializer.loads(before)
    assert client.get("/surveys/test-basic/page/second").status_code == 200  # the draft is still theirs


def test_the_session_and_csrf_serializers_are_built_once_per_secret_key(app):
    interface = app.session_interface
    first = interface.get_signing_serializer(app)
    assert interface.get_signing_serializer(app) is first
    csrf = flask_wtf.csrf.URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token")
    assert flask_wtf.csrf.URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token") is csrf

    app.secret_key = "another-secret-key-" + "x" * 32
    renewed = interface.get_signing_serializer(app)
    assert renewed is not first and renewed.secret_key == b"another-secret-key-" + b"x" * 32
