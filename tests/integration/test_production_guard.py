"""The production start-up check (QUALITY.md 11, 13, 27): Engage refuses to start in a way that would be unsafe
on several machines, and says what to set."""

import secrets

import pytest

from engage import area as areas
from engage import create_app
from engage.config import ConfigurationError
from tests.conftest import small_area_file

SAFE = {
    "ENGAGE_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(48),
    "SITE_URL": "https://engage.example-borough.invalid",
    "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/15",
    "SESSION_COOKIE_SECURE": "true",
}


@pytest.fixture
def production(monkeypatch, tmp_path):
    """Start the app as an operator would: everything from the environment."""
    for name in ("PROXY_FIX_X_FOR", "FORWARDED_ALLOW_IPS", "FLASK_DEBUG"):
        monkeypatch.delenv(name, raising=False)

    def start(**changes):
        for name, value in (SAFE | {"ENGAGE_AREA_FILE": small_area_file(tmp_path)} | changes).items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"})

    yield start
    areas.activate(areas.load(areas.DEMO_AREA_FILE))  # a started app serves its area process-wide


def test_given_the_documented_settings_then_production_starts(production):
    app = production(PROXY_FIX_X_FOR="1", FORWARDED_ALLOW_IPS="10.0.0.5")
    assert app.config["PROXY_FIX_X_FOR"] == 1


def test_given_the_in_memory_limiter_then_production_refuses_and_says_what_to_set(production):
    with pytest.raises(ConfigurationError, match=r"set RATELIMIT_STORAGE_URI=redis://"):
        production(RATELIMIT_STORAGE_URI=None)


def test_given_no_site_url_then_production_refuses(production):
    with pytest.raises(ConfigurationError, match="SITE_URL is not set"):
        production(SITE_URL=None)


def test_given_insecure_session_cookies_then_production_refuses(production):
    with pytest.raises(ConfigurationError, match="SESSION_COOKIE_SECURE=true"):
        production(SESSION_COOKIE_SECURE="false")


@pytest.mark.parametrize(
    "key",
    [
        "changeme" * 4,
        "password" * 3 + "12345678",
        "engage-production-secret-key-2026",
        "changeme-please-set-a-real-key!!",
        "abcdefghijklmnopqrstuvwxyz0123456789",
    ],
)
def test_given_a_padded_or_patterned_key_of_full_length_then_production_refuses(production, key):
    assert len(key) >= 32
    with pytest.raises(ConfigurationError, match="too weak"):
        production(SECRET_KEY=key)


@pytest.mark.parametrize("make_key", [lambda: secrets.token_hex(16), lambda: secrets.token_urlsafe(24)])
def test_given_random_keys_of_the_minimum_length_then_production_starts(production, make_key):
    for _ in range(20):
        production(SECRET_KEY=make_key())


def test_given_a_proxy_for_gunicorn_but_none_for_engage_then_production_refuses(production):
    with pytest.raises(ConfigurationError, match="set PROXY_FIX_X_FOR=1"):
        production(FORWARDED_ALLOW_IPS="10.0.0.5")


def test_given_engage_trusting_a_proxy_that_gunicorn_takes_from_anyone_then_production_refuses(production):
    with pytest.raises(ConfigurationError, match="trusts forwarded headers from anyone"):
        production(PROXY_FIX_X_FOR="1", FORWARDED_ALLOW_IPS="*")


def test_given_an_implausible_number_of_proxies_then_production_refuses(production):
    with pytest.raises(ConfigurationError, match="number of proxies"):
        production(PROXY_FIX_X_FOR="9")


def test_given_no_area_file_then_production_refuses_rather_than_serve_the_demo_area(production):
    with pytest.raises(ConfigurationError, match="ENGAGE_AREA_FILE is not set") as refused:
        production(ENGAGE_AREA_FILE=None)
    assert "ENGAGE_AREA_FILE=/etc/engage/area.toml" in str(refused.value)


def test_given_an_area_file_then_production_serves_that_area(production):
    app = production()
    assert app.config["AREA_NAME"] == "Smallton"
