"""Settings from environment variables, with safe defaults for a laptop and a refusal to run production unsafely."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

#: Keys that have appeared in documentation or tests: never acceptable in production.
KNOWN_DEVELOPMENT_KEYS = {"dev", "development", "test", "testing", "secret", "changeme", "change-me"}
MINIMUM_SECRET_KEY_LENGTH = 32
#: zxcvbn's estimate (log10 of guesses) below which a key is a word, a repeat or a pattern padded to length:
#: 32 random hex characters score 28 or more, "changeme" repeated four times scores 3.
MINIMUM_SECRET_KEY_GUESSES_LOG10 = 25
DEVELOPMENT_SITE_URL = "http://127.0.0.1:8000"


class ConfigurationError(RuntimeError):
    """Raised at start-up when the configuration would make the site unsafe."""


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def from_environment(instance_path: Path) -> dict:
    """Read every setting Engage understands from the environment."""
    environment = os.environ.get("ENGAGE_ENV", "development")
    database = database_url(instance_path)
    return {
        "ENGAGE_ENV": environment,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or _instance_secret(instance_path, environment),
        "SQLALCHEMY_DATABASE_URI": database,
        # A server's connections can drop (restart, failover): a pooled one the server has closed, or one unused for
        # DATABASE_PING_IDLE_SECONDS (a silent drop), is tested before use (engage/database.py), so a restart costs
        # no family a request (tests/integration/test_database_restart.py) and a connection in steady use costs no
        # round trip. 0 tests every one at every checkout, as SQLAlchemy's pool_pre_ping does. SQLite: no drop.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": False},
        "DATABASE_PING_IDLE_SECONDS": _int("DATABASE_PING_IDLE_SECONDS", 5),
        # The area served: its names, ONS code, languages and local groups (engage/area.py). Without it, the fictional
        # demo area in deploy/areas/example-borough.toml. AREA_NAME and PARTNERSHIP_NAME are set from the file.
        "AREA_FILE": os.environ.get("ENGAGE_AREA_FILE") or None,
        # Production has no default: links in emails must name the real site.
        "SITE_URL": os.environ.get("SITE_URL") or (None if environment == "production" else DEVELOPMENT_SITE_URL),
        "MAX_CONTENT_LENGTH": _int("MAX_CONTENT_LENGTH", 2 * 1024 * 1024),
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", True),
        **rate_limit_settings(),
        **proxy_settings(),
        "STAFF_IDLE_MINUTES": _int("STAFF_IDLE_MINUTES", 30),
        # how long a report view waits for a period's first protection before saying it is being counted
        "REPORTS_SOLVE_WAIT_SECONDS": _int("REPORTS_SOLVE_WAIT_SECONDS", 5),
        "STAFF_ABSOLUTE_HOURS": _int("STAFF_ABSOLUTE_HOURS", 12),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", "localhost"),
        "MAIL_PORT": _int("MAIL_PORT", 25),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", False),
        "MAIL_USE_SSL": _bool("MAIL_USE_SSL", False),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD"),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "engage@example-borough.invalid"),
        "SAFEGUARDING_EMAIL": os.environ.get("SAFEGUARDING_EMAIL"),
        "FEEDBACK_CONTACT_RETENTION_DAYS": _int("FEEDBACK_CONTACT_RETENTION_DAYS", 365),
        "FEEDBACK_RATE_LIMIT": os.environ.get("FEEDBACK_RATE_LIMIT", "10 per hour"),
        #: Where `feedback retrain` saves the theme model learned from moderators' codes (used when present).
        # Local Offer: months from an entry's last check to its review date; a second person publishes changes.
        "LOCAL_OFFER_REVIEW_MONTHS": _int("LOCAL_OFFER_REVIEW_MONTHS", 12),
        "LOCAL_OFFER_TWO_PERSON_PUBLISH": _bool("LOCAL_OFFER_TWO_PERSON_PUBLISH", True),
        # Surveys: where the definition files live, and how long an unfinished draft is kept.
        "SURVEYS_DIR": os.environ.get("SURVEYS_DIR", str(Path(__file__).resolve().parent.parent / "surveys")),
        "SURVEY_DRAFT_DAYS": _int("SURVEY_DRAFT_DAYS", 30),
        # Days a submitted survey response is kept when its survey's file names no retention_days.
        "SURVEY_RESPONSE_RETENTION_DAYS": _int("SURVEY_RESPONSE_RETENTION_DAYS", 730),
        # Consultations: the largest document a moderator may upload (PDF, DOCX or ODT), in bytes.
        "CONSULTATION_DOCUMENT_MAX_BYTES": _int("CONSULTATION_DOCUMENT_MAX_BYTES", 10_000_000),
        # The administrators' ONS Postcode Directory upload (the national CSV is about 1.3 GB; werkzeug spools it to
        # a temporary file and the import streams it): that request alone may exceed MAX_CONTENT_LENGTH.
        "POSTCODE_UPLOAD_MAX_BYTES": _int("POSTCODE_UPLOAD_MAX_BYTES", 2_000_000_000),
        # Events: how long a freed place offered to the next person on the waiting list is held for them; how
        # many hours before an event its reminder is sent; days after an event that bookings' contact details
        # and access needs are kept (the counts stay).
        "EVENT_OFFER_HOURS": _int("EVENT_OFFER_HOURS", 48),
        "EVENT_REMINDER_HOURS": _int("EVENT_REMINDER_HOURS", 24),
        "EVENT_BOOKING_RETENTION_DAYS": _int("EVENT_BOOKING_RETENTION_DAYS", 30),
        # A respondent's cookie (it holds the key of their draft) lasts as long as the draft: renewed when a page
        # is saved, not re-signed on every request.
        "PERMANENT_SESSION_LIFETIME": timedelta(days=_int("SURVEY_DRAFT_DAYS", 30)),
        "SESSION_REFRESH_EACH_REQUEST": False,
        # Digests: a failed delivery is tried again on a later run after DIGEST_RETRY_MINUTES, doubling each time
        # (at most a day), up to DIGEST_MAX_ATTEMPTS; webhooks are also retried within a run.
        "DIGEST_MAX_ATTEMPTS": _int("DIGEST_MAX_ATTEMPTS", 5),
        "DIGEST_RETRY_MINUTES": _int("DIGEST_RETRY_MINUTES", 30),
        "DIGEST_WEBHOOK_TIMEOUT": _int("DIGEST_WEBHOOK_TIMEOUT", 10),
        "DIGEST_WEBHOOK_RETRIES": _int("DIGEST_WEBHOOK_RETRIES", 2),
        "DIGEST_WEBHOOK_RETRY_SECONDS": _int("DIGEST_WEBHOOK_RETRY_SECONDS", 2),
        # Webhooks may not reach private or local addresses unless this is set (e.g. an intranet Teams relay).
        "DIGEST_WEBHOOK_ALLOW_PRIVATE": _bool("DIGEST_WEBHOOK_ALLOW_PRIVATE", False),
        # Cron jobs claim each email before sending it; a claim left by a run that died (its machine lost, say)
        # is taken over by the next run after this many minutes. Longer than any one send can take.
        "CRON_CLAIM_MINUTES": _int("CRON_CLAIM_MINUTES", 10),
    }


def rate_limit_settings() -> dict:
    """Limits shared through Redis; if Redis fails, each process keeps limiting on its own (never a 500)."""
    return {
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        # Fail fast when Redis is unreachable, so a family's form waits at most a second before the fallback.
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SWALLOW_ERRORS": True,
    }


def proxy_settings() -> dict:
    """How many reverse proxies in front of Engage set each X-Forwarded-* header (0: trust none)."""
    hops = _int("PROXY_FIX_X_FOR", 0)
    return {
        "PROXY_FIX_X_FOR": hops,
        "PROXY_FIX_X_PROTO": _int("PROXY_FIX_X_PROTO", hops),
        # Off unless asked for: a proxy that does not set X-Forwarded-Host passes on whatever the client sent.
        "PROXY_FIX_X_HOST": _int("PROXY_FIX_X_HOST", 0),
        #: gunicorn's own list of trusted proxies, read here only to check it agrees with PROXY_FIX_X_FOR.
        "FORWARDED_ALLOW_IPS": os.environ.get("FORWARDED_ALLOW_IPS"),
    }


def database_url(instance_path: Path) -> str:
    """`DATABASE_URL`, or a SQLite file in the instance folder."""
    url = os.environ.get("DATABASE_URL")
    if url:
        # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants the driver named.
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url
    return f"sqlite:///{instance_path / 'engage.sqlite'}"


def _instance_secret(instance_path: Path, environment: str) -> str | None:
    """A development key kept in the instance folder, so sessions survive restarts; never in production."""
    if environment == "production":
        return None
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def check_production_safety(config: dict) -> None:
    """Refuse to start in production with anything that would make the site unsafe, saying what to set."""
    if config.get("ENGAGE_ENV") != "production":
        return
    _check_secret_key(config.get("SECRET_KEY") or "")
    if config.get("DEBUG"):
        raise ConfigurationError("Debug mode is on: unset FLASK_DEBUG for a production start.")
    if not config.get("SESSION_COOKIE_SECURE"):
        raise ConfigurationError(
            "SESSION_COOKIE_SECURE is off: serve Engage over HTTPS and set SESSION_COOKIE_SECURE=true."
        )
    if not config.get("SITE_URL"):
        raise ConfigurationError("SITE_URL is not set: set it to the public address, e.g. https://engage.example.org")
    if str(config.get("RATELIMIT_STORAGE_URI", "memory://")).startswith("memory://"):
        raise ConfigurationError(
            "RATELIMIT_STORAGE_URI is the in-memory store, which multiplies every limit by the number of workers "
            "and machines: set RATELIMIT_STORAGE_URI=redis://HOST:6379/0 (a Redis server every machine reaches)."
        )
    _check_proxy(config)
    if not config.get("AREA_FILE"):
        raise ConfigurationError(
            "ENGAGE_AREA_FILE is not set, so Engage would serve the fictional demo area to the public: copy "
            "deploy/areas/example-borough.toml, describe your area in it, and set ENGAGE_AREA_FILE to its path, "
            'e.g. ENGAGE_AREA_FILE=/etc/engage/area.toml (README, "Setting up your area").'
        )


def _check_secret_key(key: str) -> None:
    if not key:
        raise ConfigurationError(
            "SECRET_KEY is not set. Set SECRET_KEY to a random value of at least "
            f"{MINIMUM_SECRET_KEY_LENGTH} characters, for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
        )
    if len(key) < MINIMUM_SECRET_KEY_LENGTH or key.lower() in KNOWN_DEVELOPMENT_KEYS or _guessable(key):
        raise ConfigurationError(
            "SECRET_KEY is too weak (a word, a repeat or a pattern): use a random value of at least "
            f"{MINIMUM_SECRET_KEY_LENGTH} characters, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
        )


def _guessable(key: str) -> bool:
    """True for keys such as "changeme" padded or repeated to length, which a length check lets through."""
    from zxcvbn import zxcvbn

    return zxcvbn(key[:100])["guesses_log10"] < MINIMUM_SECRET_KEY_GUESSES_LOG10


def _check_proxy(config: dict) -> None:
    hops = config.get("PROXY_FIX_X_FOR", 0)
    allowed = config.get("FORWARDED_ALLOW_IPS")
    if not 0 <= hops <= 3:
        raise ConfigurationError(f"PROXY_FIX_X_FOR={hops}: set it to the number of proxies in front of Engage (0-3).")
    if allowed and hops == 0:
        raise ConfigurationError(
            "FORWARDED_ALLOW_IPS names a reverse proxy but PROXY_FIX_X_FOR is 0, so every family would share the "
            "proxy's address for rate limits: set PROXY_FIX_X_FOR=1 (one proxy), or unset FORWARDED_ALLOW_IPS."
        )
    if hops and allowed and "*" in allowed.split(","):
        raise ConfigurationError(
            "FORWARDED_ALLOW_IPS=* trusts forwarded headers from anyone: set it to the proxy's address."
        )
