"""Values taken from a request that steer the application: redirect targets, record ids and page numbers.

Each is decided in one place, so a view cannot forget a case: a redirect goes only to a path on this site,
and a number too big for the database is "not found" rather than an error.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter
from werkzeug.urls import iri_to_uri

#: The largest id a database integer column holds (PostgreSQL's INTEGER); anything bigger cannot exist.
MAX_ID = 2**31 - 1
#: Far beyond any list Engage shows; a bigger page number is a guess or a typo.
MAX_PAGE = 100_000
MAX_REDIRECT_LENGTH = 2000
# Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so "/\t/evil.example" and
# "/\\evil.example" both mean another host: refuse every control character, space and backslash outright.
_NEVER_IN_A_TARGET = re.compile(r"[\x00-\x20\x7f-\x9f\\]")


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` that matches only numbers a database id can hold (a longer one is a 404, not a 500)."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=MAX_ID if max is None else max, signed=signed)


def safe_local_path(target: str | None, fallback: str) -> str:
    """`target` when it is a path on this site, else `fallback`; the answer is safe to redirect to."""
    if not target or len(target) > MAX_REDIRECT_LENGTH or _NEVER_IN_A_TARGET.search(target):
        return fallback
    if not target.startswith("/") or target.startswith("//"):
        return fallback
    if any(unicodedata.category(char) in {"Cc", "Cf", "Zs", "Zl", "Zp"} for char in target):
        return fallback  # invisible or spacing characters: no real link of ours holds them
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return iri_to_uri(target)


def page_number(name: str = "page") -> int:
    """The 1-based page asked for in the query string: 1 when absent, 404 when it is not a sensible number."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return 1
    if not raw.isascii() or not raw.isdigit() or len(raw) > len(str(MAX_PAGE)) or not 0 < int(raw) <= MAX_PAGE:
        abort(404)
    return int(raw)


def local_link(target: str | None) -> str:
    """The template filter `local_link`: a stored path as a safe link on this site, or "" (show it as text)."""
    return safe_local_path(target, "")


def init_app(app: Flask) -> None:
    """Before any blueprint registers its rules, so every `<int:...>` in the URL map is bounded."""
    app.url_map.converters["int"] = BoundedIntegerConverter
    app.add_template_filter(local_link, "local_link")
