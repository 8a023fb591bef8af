"""Smaller holes of issue 15 (defect 12): logouts are audited and can end every other session; survey free text
loses control characters but keeps the rest; direction overrides are shown neutralised to moderators; a password
holding the account's email address is refused."""

import re
import time

import pyotp
from sqlalchemy import select

from engage.audit import AuditEvent
from engage.auth import service
from engage.auth.models import StaffSession
from engage.extensions import db
from engage.feedback import service as feedback
from engage.surveys.models import SurveyDraft
from tests.conftest import STAFF_PASSWORD
from tests.integration.surveys_helpers import Respondent, answer_basic, use_test_surveys

OVERRIDE = "\u202e"


def _second_device(app, user):
    """Another browser signed in as the same person, with its own server-side session."""
    device = app.test_client()
    with app.test_request_context():
        token = service.start_session(user)
    with device.session_transaction() as flask_session:
        flask_session["_user_id"] = token
    assert device.get("/staff/").status_code == 200
    return device


def test_the_staff_home_page_offers_to_sign_out_on_every_device(client, auth):
    auth.login()
    page = client.get("/staff/").text
    assert 'name="everywhere" value="1"' in page and "Sign out on all your devices" in page


def test_signing_out_everywhere_ends_the_other_sessions_and_is_audited(app, client, auth):
    user = auth.login()
    other = _second_device(app, user)
    response = client.post("/staff/logout", data={"everywhere": "1"})
    assert response.status_code == 302 and client.get("/staff/").status_code == 302
    assert other.get("/staff/").status_code == 302
    assert db.session.scalars(select(StaffSession).where(StaffSession.user_id == user.id)).all() == []
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.logout"))
    assert (event.actor_id, event.detail) == (user.id, {"everywhere": True})


def test_signing_out_here_only_keeps_the_other_sessions_and_is_audited(app, client, auth):
    user = auth.login()
    other = _second_device(app, user)
    client.post("/staff/logout")
    assert client.get("/staff/").status_code == 302 and other.get("/staff/").status_code == 200
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "auth.logout"))
    assert event.detail == {"everywhere": False}


def test_control_characters_are_dropped_from_survey_free_text_and_the_other_answers_kept(app, client):
    use_test_surveys(app)
    person = Respondent(client, "test-basic")
    person.start()
    response = person.answer("first", colour="blue", comment="Fine\x00 thanks\x07\x1b")
    assert response.status_code == 302
    draft = db.session.scalar(select(SurveyDraft))
    assert draft.answers["comment"] == "Fine thanks" and draft.answers["colour"] == "blue"


def test_direction_overrides_are_shown_neutralised_to_moderators(client, auth):
    comment = feedback.submit_comment(
        topic="local_offer", text=f"Please read the invoice{OVERRIDE}fdp.exe attached", publish_consent="private"
    )
    auth.login("moderator")
    page = client.get(f"/staff/feedback/{comment.id}").text
    assert "invoice[U+202E]fdp.exe" in page and OVERRIDE not in page
    queue = client.get("/staff/feedback/").text
    assert "[U+202E]" in queue and OVERRIDE not in queue


def test_direction_overrides_in_survey_answers_are_neutralised_on_the_responses_page(app, client, auth):
    use_test_surveys(app)
    person = Respondent(app.test_client(), "test-basic")
    answer_basic(person, comment=f"ok{OVERRIDE}gnp.exe")
    person.submit()
    auth.login("moderator")
    page = client.get("/staff/surveys/test-basic/responses").text
    assert "ok[U+202E]gnp.exe" in page and OVERRIDE not in page


def _enrolment(runner, email):
    result = runner.invoke(args=["users", "create", email, "--role", "moderator"])
    path = re.search(r"/staff/enrol/\S+", result.output).group(0)
    return path


def test_a_password_holding_the_email_address_is_refused_at_enrolment(client, runner):
    path = _enrolment(runner, "jamie.rowe@example-borough.invalid")
    for password in [
        "jamie.rowe@example-borough.invalid",
        "JAMIE.ROWE@example-borough.invalid!!",
        "my jamie.rowe 2026",
    ]:
        page = client.post(path, data={"password": password, "confirm": password, "code": "123456"})
        assert page.status_code == 400 and "Your password must not be your email address" in page.text


def test_a_password_holding_the_email_address_is_refused_when_changed(client, auth):
    user = auth.login()
    next_code = pyotp.TOTP(user.totp_secret).at(time.time() + 30)
    data = {"current_password": STAFF_PASSWORD, "new_password": f"{user.email} forever", "code": next_code}
    page = client.post("/staff/account/password", data=data)
    assert page.status_code == 200 and "Your password must not be your email address" in page.text
