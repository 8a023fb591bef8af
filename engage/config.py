"""Settings from environment variables, with safe defaults for a laptop and a refusal to run production unsafely."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

#: Keys that have appeared in documentation or tests: never acceptable in production.
KNOWN_DEVELOPMENT_KEYS = {"dev", "development", "test", "testing", "secret", "changeme", "change-me"}
MINIMUM_SECRET_KEY_LENGTH = 32


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
        # A server's connections can drop (restart, failover): test each before use. A SQLite file cannot.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": not database.startswith("sqlite")},
        "AREA_NAME": os.environ.get("AREA_NAME", "Example Borough"),
        "PARTNERSHIP_NAME": os.environ.get("PARTNERSHIP_NAME", "Example Borough SEND Partnership"),
        "SITE_URL": os.environ.get("SITE_URL", "http://127.0.0.1:8000"),
        "MAX_CONTENT_LENGTH": _int("MAX_CONTENT_LENGTH", 2 * 1024 * 1024),
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "STAFF_IDLE_MINUTES": _int("STAFF_IDLE_MINUTES", 30),
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
        # Consultations: the largest document a moderator may upload (PDF, DOCX or ODT), in bytes.
        "CONSULTATION_DOCUMENT_MAX_BYTES": _int("CONSULTATION_DOCUMENT_MAX_BYTES", 10_000_000),
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
    """Refuse to start in production with a missing, short or known key, or with debug on."""
    if config.get("ENGAGE_ENV") != "production":
        return
    key = config.get("SECRET_KEY") or ""
    if not key:
        raise ConfigurationError(
            "SECRET_KEY is not set. Set SECRET_KEY to a random value of at least "
            f"{MINIMUM_SECRET_KEY_LENGTH} characters, for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
        )
    if len(key) < MINIMUM_SECRET_KEY_LENGTH or key.lower() in KNOWN_DEVELOPMENT_KEYS:
        raise ConfigurationError(
            f"SECRET_KEY is too weak: use a random value of at least {MINIMUM_SECRET_KEY_LENGTH} characters."
        )
    if config.get("DEBUG"):
        raise ConfigurationError("Debug mode is on: unset FLASK_DEBUG for a production start.")
