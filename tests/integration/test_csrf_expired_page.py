"""The "form expired" page (a request without a valid CSRF token) is friendly without becoming a one-click
forgery (issue 15, defect 4): only a family's survey answers are offered again; a staff form, or any other,
gets a link back and none of its fields, and no secret is ever echoed. Over HTTPS the Referer is checked too."""

import secrets

import pytest
from sqlalchemy import select

from engage.auth import service
from engage.auth.models import User
from engage.extensions import db
from tests.integration.surveys_helpers import Respondent, token_in, use_test_surveys

SECRET = "secret words nobody should see"


@pytest.fixture
def csrf_on(app):
    """Tests sign in first (the helper posts without tokens), then switch the check on."""
    yield lambda: app.config.update(WTF_CSRF_ENABLED=True)
    app.config["WTF_CSRF_ENABLED"] = False


def test_a_forged_staff_action_comes_back_without_its_fields_or_a_form_to_send_it(client, auth, csrf_on):
    auth.login("admin")
    csrf_on()
    response = client.post("/staff/users", data={"email": "attacker@evil.example", "role": "admin"})
    assert response.status_code == 400 and "This form had expired" in response.text
    assert 'name="role"' not in response.text and 'name="email"' not in response.text
    assert "attacker@evil.example" not in response.text
    assert 'action="/staff/users"' not in response.text and "Send again" not in response.text
    assert 'href="/staff/users"' in response.text  # a plain link back to the form
    assert db.session.scalar(select(User).where(User.email == "attacker@evil.example")) is None


def test_a_post_only_staff_action_links_back_to_the_staff_home_page(client, auth, csrf_on):
    admin = auth.login("admin")
    csrf_on()
    response = client.post(f"/staff/users/{admin.id}/active", data={"submit": "Confirm"})
    assert response.status_code == 400 and 'href="/staff/"' in response.text and "Send again" not in response.text


@pytest.mark.parametrize("path", ["/staff/login", "/staff/account/password", "/feedback"])
def test_no_password_or_other_field_is_echoed(client, auth, csrf_on, path):
    auth.login()
    csrf_on()
    data = {"email": "pat@example.org", "password": SECRET, "current_password": SECRET, "new_password": SECRET}
    response = client.post(path, data=data | {"text": SECRET, "code": "123456"})
    assert response.status_code == 400
    assert SECRET not in response.text and "pat@example.org" not in response.text and "Send again" not in response.text


def test_an_enrolment_password_and_its_confirmation_are_never_echoed(client, csrf_on):
    _user, token = service.create_user("new@example-borough.invalid", "moderator")
    csrf_on()
    response = client.post(f"/staff/enrol/{token}", data={"password": SECRET, "confirm": SECRET, "code": "123456"})
    assert response.status_code == 400 and SECRET not in response.text and "Send again" not in response.text


def test_survey_answers_are_offered_again_escaped(app, client, csrf_on):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    person.start()
    csrf_on()
    response = client.post(
        "/surveys/test-basic/page/first", data={"colour": "blue", "comment": '"><script>alert(1)</script>'}
    )
    assert response.status_code == 400 and "Send again" in response.text
    assert 'name="colour" value="blue"' in response.text
    assert "<script>alert(1)</script>" not in response.text and "&lt;script&gt;" in response.text
    resent = client.post(
        "/surveys/test-basic/page/first", data={"colour": "blue", "csrf_token": token_in(response.text)}
    )
    assert resent.status_code == 302  # one click on "Send again" saves the page


def test_over_https_a_form_must_come_from_one_of_our_pages(client, csrf_on):
    csrf_on()
    base = "https://localhost"
    token = token_in(client.get("/staff/login", base_url=base).text)
    data = {"email": f"{secrets.token_hex(4)}@example.org", "password": SECRET, "csrf_token": token}
    missing = client.post("/staff/login", base_url=base, data=data)
    foreign = client.post("/staff/login", base_url=base, data=data, headers={"Referer": "https://evil.example/"})
    ours = client.post("/staff/login", base_url=base, data=data, headers={"Referer": f"{base}/staff/login"})
    assert missing.status_code == 400 and foreign.status_code == 400
    assert ours.status_code == 200 and "Enter a correct email address and password" in ours.text
