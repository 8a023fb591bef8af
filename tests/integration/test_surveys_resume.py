"""Save and resume: same phone, a short code and link, email of the code, expiry, version changes."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from engage.clock import utcnow
from engage.extensions import db
from engage.surveys import service
from engage.surveys.models import DraftState, SurveyDraft, SurveyResponse
from tests.integration.surveys_helpers import Respondent, token_in, use_test_surveys

CODE = re.compile(r'engage-resume-code">([A-Z0-9]{4}) ([A-Z0-9]{4})<')


def plain_text(message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


@pytest.fixture
def person(app, client):
    use_test_surveys(app)
    return Respondent(client, "test-basic")


def save_for_later(person) -> str:
    person.start()
    person.answer("first", colour="blue")
    saved = person.answer("second", action="save-later", children="3")
    assert saved.headers["Location"].endswith("/surveys/test-basic/saved")
    page = person.client.get(person.url("/saved"))
    first, second = CODE.search(page.text).groups()
    return first + second


def test_given_a_parent_who_left_when_they_return_on_the_same_phone_then_they_resume_at_the_first_unanswered_page(
    person,
):
    person.start()
    person.answer("first", colour="red")
    start = person.client.get(person.url())
    assert "Continue where you left off" in start.text
    again = person.client.post(person.url("/start"), data={"csrf_token": token_in(start.text)})
    assert again.headers["Location"].endswith("/surveys/test-basic/page/second")


def test_given_save_and_come_back_later_then_a_short_code_resumes_on_another_device(app, person):
    code = save_for_later(person)
    assert len(code) == 8 and not set(code) & set("01IOL")
    other_phone = app.test_client()
    form = other_phone.get(f"/surveys/resume?code={code}")
    assert code in form.text
    resumed = other_phone.post("/surveys/resume", data={"csrf_token": token_in(form.text), "code": code.lower()})
    assert resumed.headers["Location"].endswith("/surveys/test-basic/page/third")
    assert 'value="3"' in other_phone.get("/surveys/test-basic/page/second").text
    draft = db.session.scalar(select(SurveyDraft))
    assert code not in (draft.resume_code_hash or "")  # only a hash is stored


def test_given_save_and_come_back_later_on_an_unfinished_page_then_valid_answers_are_kept(person):
    person.start()
    person.answer("first", action="save-later", comment="Half done")
    draft = db.session.scalar(select(SurveyDraft))
    assert draft.answers == {"comment": "Half done"} and draft.completed_pages == []


@pytest.mark.parametrize("code", ["WRONG234", "ABCD"])
def test_given_a_wrong_code_then_a_clear_page(app, person, code):
    page = app.test_client().get("/surveys/resume")
    refused = app.test_client().post("/surveys/resume", data={"csrf_token": token_in(page.text), "code": code})
    assert refused.status_code == 400
    assert "There is a problem" in refused.text


def test_given_an_expired_code_then_a_clear_page_and_purge_removes_the_answers(app, person, runner):
    code = save_for_later(person)
    db.session.execute(update(SurveyDraft).values(expires_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    other = app.test_client()
    page = other.get("/surveys/resume")
    refused = other.post("/surveys/resume", data={"csrf_token": token_in(page.text), "code": code})
    assert "That code is wrong or has expired" in refused.text
    assert "purged 1 expired" in runner.invoke(args=["surveys", "purge-drafts"]).output.lower()
    assert "purged 0 expired" in runner.invoke(args=["surveys", "purge-drafts"]).output.lower()
    db.session.expire_all()
    draft = db.session.scalar(select(SurveyDraft))
    assert draft.state is DraftState.EXPIRED and draft.answers == {} and draft.resume_code_hash is None


def test_drafts_expire_after_the_configured_number_of_days(app, person):
    app.config["SURVEY_DRAFT_DAYS"] = 2
    person.start()
    draft = db.session.scalar(select(SurveyDraft))
    assert timedelta(days=1, hours=23) < draft.expires_at - utcnow() <= timedelta(days=2)


def test_given_an_email_address_then_the_code_is_emailed_and_the_address_is_not_stored(app, person, outbox):
    code = save_for_later(person)
    page = person.client.get(person.url("/saved"))
    sent = person.client.post(
        person.url("/saved"), data={"csrf_token": token_in(page.text), "email": "parent@example.org"}
    )
    assert "We have sent the code" in sent.text
    message = outbox[-1]
    assert message["To"] == "parent@example.org" and code in plain_text(message)
    assert f"{app.config['SITE_URL']}/surveys/resume?code={code}" in plain_text(message)
    rows = [str(r) for r in db.session.execute(select(SurveyDraft.__table__)).all()]
    assert not any("parent@example.org" in r for r in rows)


def test_given_a_new_version_of_the_file_then_a_draft_finishes_on_the_version_it_started(app, person, tmp_path):
    person.start()
    person.answer("first", colour="red")
    changed = (use_dir := tmp_path / "surveys")
    changed.mkdir()
    source = Path(app.config["SURVEYS_DIR"], "basic.yaml").read_text(encoding="utf-8")
    new = source.replace("version: 1", "version: 2").replace("How many children?", "Number of children?")
    (use_dir / "basic.yaml").write_text(new, encoding="utf-8")
    app.config["SURVEYS_DIR"] = str(use_dir)
    service.load_registry(app)
    page = person.client.get(person.url("/page/second"))
    assert "How many children?" in page.text
    person.answer("second")
    person.answer("third")
    person.submit()
    assert db.session.scalar(select(SurveyResponse)).survey_version == 1
    fresh = Respondent(app.test_client(), "test-basic")
    fresh.start()
    fresh.answer("first", colour="red")
    assert "Number of children?" in fresh.client.get(fresh.url("/page/second")).text


def test_given_a_file_changed_without_a_new_version_then_check_fails_and_says_to_raise_the_version(
    app, person, runner, tmp_path
):
    person.start()  # version 1 is now stored as answered
    changed = tmp_path / "surveys"
    changed.mkdir()
    source = Path(app.config["SURVEYS_DIR"], "basic.yaml").read_text(encoding="utf-8")
    (changed / "basic.yaml").write_text(source.replace("Which colour?", "What colour?"), encoding="utf-8")
    result = runner.invoke(args=["surveys", "check", "--dir", str(changed)])
    assert result.exit_code == 1
    assert "test-basic: changed since version 1 was first answered; raise 'version'" in result.output


def test_given_a_started_survey_then_the_session_cookie_outlives_closing_the_browser(person):
    started = person.start()
    cookie = next(h for h in started.headers.getlist("Set-Cookie") if h.startswith("engage_session="))
    assert "Expires=" in cookie


def test_given_a_polish_reader_when_saving_for_later_then_the_resume_link_keeps_polish(app, client):
    use_test_surveys(app)
    polish = Respondent(client, "test-basic", prefix="/pl")
    polish.start()
    polish.answer("first", action="save-later", colour="red")
    page = client.get("/pl/surveys/test-basic/saved")
    assert f"{app.config['SITE_URL']}/pl/surveys/resume?code=" in page.text


def test_the_cookie_that_keeps_a_draft_lasts_as_long_as_the_draft_and_each_saved_page_renews_it(person):
    from email.utils import parsedate_to_datetime

    started = person.start()
    assert "engage_session=" in started.headers.get("Set-Cookie", "")
    person.client.get(person.url("/page/first"))  # the first form also stores the CSRF secret
    reading = person.client.get(person.url("/page/first"))
    assert "Set-Cookie" not in reading.headers  # reading a page does not re-sign the cookie

    saved = person.answer("first", colour="red")
    cookie = saved.headers.get("Set-Cookie", "")
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1)).replace(tzinfo=None)
    assert abs(expires - (utcnow() + timedelta(days=30))) < timedelta(minutes=5)


def test_the_cookies_page_says_how_long_a_survey_cookie_lasts(client):
    page = client.get("/cookies")
    assert "30 days after you last saved an answer" in page.text
