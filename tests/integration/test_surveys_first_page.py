"""A survey's start page, as families first open it from a link, is rendered once per process and reused: each
family still gets a CSRF token of its own that starts the survey, its language and its link's `src`, and someone
who has already started sees their own page."""

from __future__ import annotations

import pytest

from engage.surveys import page_cache
from tests.integration.surveys_helpers import Respondent, token_in, use_test_surveys

SURVEY = "test-basic"


@pytest.fixture(autouse=True)
def surveys(app):
    use_test_surveys(app)
    app.config["WTF_CSRF_ENABLED"] = True
    page_cache.clear()
    yield
    page_cache.clear()


def test_given_two_families_arriving_when_each_opens_the_start_page_then_each_token_starts_their_own_survey(app):
    first, second = app.test_client(), app.test_client()
    pages = [client.get(f"/surveys/{SURVEY}") for client in (first, second)]
    assert [page.status_code for page in pages] == [200, 200]
    tokens = [token_in(page.text) for page in pages]
    assert tokens[0] and tokens[1] and tokens[0] != tokens[1]
    assert pages[0].text.replace(tokens[0], "") == pages[1].text.replace(tokens[1], ""), "the same page, reused"

    for client, token in zip((first, second), tokens, strict=True):
        started = client.post(f"/surveys/{SURVEY}/start", data={"csrf_token": token})
        assert started.status_code == 302 and "/page/" in started.location
    stranger = app.test_client()
    stranger.get("/surveys")
    assert stranger.post(f"/surveys/{SURVEY}/start", data={"csrf_token": tokens[0]}).status_code == 400


def test_given_the_english_page_was_served_when_a_family_opens_it_in_polish_or_with_a_src_then_they_get_theirs(app):
    assert 'lang="en"' in app.test_client().get(f"/surveys/{SURVEY}").text
    polish = app.test_client().get(f"/pl/surveys/{SURVEY}")
    assert polish.status_code == 200 and 'lang="pl"' in polish.text
    with_src = app.test_client().get(f"/surveys/{SURVEY}?src=poster")
    assert 'name="src" value="poster"' in with_src.text


def test_given_a_family_who_started_when_they_come_back_to_the_start_page_then_they_are_offered_to_continue(app):
    client = app.test_client()
    assert "Start now" in client.get(f"/surveys/{SURVEY}").text
    Respondent(client, SURVEY).start()

    again = client.get(f"/surveys/{SURVEY}")

    assert "Continue where you left off" in again.text and "Start now" not in again.text
