"""The foundation's promises: languages in the URL, right-to-left Urdu, error pages, and start-up safety."""

import re
import secrets

import pytest

from engage import area as areas
from engage import create_app
from engage.config import ConfigurationError
from tests.conftest import small_area_file


def test_given_no_prefix_when_home_is_requested_then_it_is_english(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr"' in response.text


def test_given_polish_browser_when_bare_home_is_requested_then_it_redirects_to_polish(client):
    response = client.get("/", headers={"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/pl/")


@pytest.mark.parametrize(
    ("prefix", "lang", "direction"),
    [("/pl/", "pl", "ltr"), ("/ur/", "ur", "rtl"), ("/bn/", "bn", "ltr"), ("/en/", "en", "ltr")],
)
def test_given_a_language_prefix_when_home_is_requested_then_html_lang_and_dir_follow(client, prefix, lang, direction):
    response = client.get(prefix)
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}"' in response.text


def test_given_a_language_prefix_then_links_on_the_page_keep_it(client):
    page = client.get("/pl/cookies").text
    assert 'href="/pl/privacy"' in page
    assert 'href="/pl/accessibility"' in page


def test_language_switcher_links_to_the_same_page_in_every_language(client):
    page = client.get("/ro/privacy?x=1").text
    for code in ("pl", "lt", "ur", "bn"):
        assert f'href="/{code}/privacy?x=1"' in page
    assert 'href="/privacy?x=1"' in page  # English has no prefix


def test_unknown_language_prefix_is_a_404_that_lists_the_languages(client):
    response = client.get("/xx/")
    assert response.status_code == 404
    assert 'href="/pl/"' in response.text and 'href="/ur/"' in response.text


@pytest.mark.parametrize("path", ["/cookies", "/accessibility", "/privacy", "/healthz"])
def test_public_pages_answer(client, path):
    assert client.get(path).status_code == 200


def test_static_files_are_served_without_the_language_prefix(client):
    page = client.get("/lt/").text
    assert re.search(r'href="/static/dist/engage\.[0-9a-f]{12}\.css"', page)


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("ENGAGE_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"})


@pytest.mark.parametrize("key", ["short", "changeme", "x" * 10, "changeme" * 4, "password" * 3 + "12345678"])
def test_production_refuses_a_weak_secret_key(monkeypatch, tmp_path, key):
    monkeypatch.setenv("ENGAGE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(ConfigurationError, match="too weak"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"})


def test_production_refuses_debug(monkeypatch, tmp_path):
    monkeypatch.setenv("ENGAGE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(48))
    with pytest.raises(ConfigurationError, match="Debug"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite", "DEBUG": True})


def test_production_starts_with_a_strong_key(monkeypatch, tmp_path):
    monkeypatch.setenv("ENGAGE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(48))
    monkeypatch.setenv("SITE_URL", "https://engage.example-borough.invalid")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/15")
    monkeypatch.setenv("ENGAGE_AREA_FILE", small_area_file(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"})
    areas.activate(areas.load(areas.DEMO_AREA_FILE))  # the app above serves Smallton process-wide
    assert app.config["ENGAGE_ENV"] == "production"


def test_demo_load_refuses_production(app, runner):
    app.config["ENGAGE_ENV"] = "production"
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code != 0
    assert "production" in result.output
