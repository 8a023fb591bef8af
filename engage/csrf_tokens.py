"""Flask-WTF's CSRF tokens, signed and checked by one itsdangerous serializer per secret key.

flask_wtf.csrf.generate_csrf and validate_csrf build a new URLSafeTimedSerializer on every call (each page with a
form, each POST); it holds nothing but the key and salt, so one per (key, salt) gives the same tokens and the same
checks. Flask-WTF looks the name up in its module at call time, which is what this replaces.
"""

from __future__ import annotations

from functools import lru_cache

import flask_wtf.csrf
from itsdangerous import URLSafeTimedSerializer


@lru_cache(maxsize=8)
def csrf_serializer(secret_key: str | bytes, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=salt)


def use_one_serializer_per_key() -> None:
    flask_wtf.csrf.URLSafeTimedSerializer = csrf_serializer
