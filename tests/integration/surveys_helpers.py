"""Helpers for the survey HTTP tests: a respondent who reads tokens from pages like a browser."""

from __future__ import annotations

import re
from pathlib import Path

from engage.surveys import service

TEST_SURVEYS = Path(__file__).parents[1] / "data" / "surveys"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
SUBMISSION = re.compile(r'name="submission_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="submission_token"')


def use_test_surveys(app) -> None:
    app.config["SURVEYS_DIR"] = str(TEST_SURVEYS)
    service.load_registry(app)


def token_in(html: str, pattern=TOKEN) -> str:
    """The token a browser would send back ("" when the test app has CSRF switched off)."""
    match = pattern.search(html)
    if match is None:
        assert pattern is TOKEN, "no submission token on the page"
        return ""
    return match.group(1) or match.group(2)


class Respondent:
    """Answers a survey through HTTP, as a phone would (cookies kept by the client)."""

    def __init__(self, client, survey_id: str, prefix: str = ""):
        self.client, self.survey_id, self.prefix = client, survey_id, prefix

    def url(self, tail: str = "") -> str:
        return f"{self.prefix}/surveys/{self.survey_id}{tail}"

    def start(self, src: str | None = None):
        page = self.client.get(self.url() + (f"?src={src}" if src else ""))
        data = {"csrf_token": token_in(page.text)}
        if src:
            data["src"] = src
        return self.client.post(self.url("/start"), data=data)

    def answer(self, page_id: str, action: str = "continue", **answers):
        page = self.client.get(self.url(f"/page/{page_id}"))
        assert page.status_code == 200, page.status_code
        return self.post(page_id, token_in(page.text), action=action, **answers)

    def post(self, page_id: str, csrf: str, action: str = "continue", **answers):
        data = {"csrf_token": csrf, "action": action, **answers}
        return self.client.post(self.url(f"/page/{page_id}"), data=data)

    def submission_token(self) -> tuple[str, str]:
        check = self.client.get(self.url("/check"))
        assert check.status_code == 200, check.status_code
        return token_in(check.text), token_in(check.text, SUBMISSION)

    def submit(self, csrf: str | None = None, token: str | None = None):
        if csrf is None:
            csrf, token = self.submission_token()
        return self.client.post(self.url("/submit"), data={"csrf_token": csrf, "submission_token": token})


def answer_basic(respondent: Respondent, **overrides):
    """Answer every page of tests/data/surveys/basic.yaml."""
    respondent.start()
    respondent.answer("first", colour="blue", comment=overrides.get("comment", "Fine"))
    respondent.answer("second", children="2", last_review=["27", "3", "2026"])
    respondent.answer("third", rating="4")
