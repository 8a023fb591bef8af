"""Password policy and hashing (argon2id): 12 to 128 characters, no common passwords, no truncation."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
MAX_LENGTH = 128
_hasher = PasswordHasher()
# Verifying against this when the email is unknown makes both failures take the same time.
_DUMMY_HASH = _hasher.hash("engage-timing-equaliser-not-a-password")


@cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords from zxcvbn's lists (a superset of the 3,000 we must refuse)."""
    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"])


def password_problem(password: str, email: str | None = None):
    """Why this password is refused (a translatable message), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _l("Password must be %(n)d characters or more", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _l("Password must be %(n)d characters or fewer", n=MAX_LENGTH)
    lowered = password.lower()
    if lowered in common_passwords() or len(set(lowered)) < 4:
        return _l("That password is too common: choose a longer phrase of unrelated words")
    if email and _contains_address(lowered, email.lower()):
        return _l("Your password must not be your email address")
    return None


#: A name part this short ("al", "jo") turns up inside ordinary words; only longer ones are looked for.
MIN_NAME_PART = 4


def _contains_address(password: str, email: str) -> bool:
    """The whole address, or the part before the @ when it is long enough to be a real name, is in it."""
    name = email.split("@")[0]
    return email in password or password == name or (len(name) >= MIN_NAME_PART and name in password)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; runs a full argon2 verification even for unknown accounts."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
