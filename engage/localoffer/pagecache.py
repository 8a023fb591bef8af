"""Rendered public Local Offer pages, kept per process and reused until the directory changes.

A search page or service page is the same for every anonymous reader of one language, so it
is rendered once and served from memory after that. Each process looks at the directory's
version (the newest change to any service) at most once a second, so a published change
shows everywhere within about a second. Staff, readers with a message waiting, and very
long addresses are always rendered afresh.
"""

from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

import sqlalchemy as sa
from flask import Response, current_app, request

from engage.cacheable import may_keep_rendered_page, same_for_every_visitor
from engage.extensions import db
from engage.i18n import current_language_code
from engage.localoffer import models as m

MAX_ENTRIES = 2000
MAX_KEY_LENGTH = 512
CHECK_EVERY_SECONDS = 1.0
MAX_AGE_SECONDS = 300.0


class PageCache:
    def __init__(self) -> None:
        self._pages: OrderedDict[tuple, tuple[float, str]] = OrderedDict()
        self._version: tuple | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def _current_version(self) -> tuple:
        now = time.monotonic()
        if now - self._checked_at >= CHECK_EVERY_SECONDS:
            row = db.session.execute(sa.select(sa.func.max(m.Service.last_modified), sa.func.count(m.Service.id))).one()
            with self._lock:
                if tuple(row) != self._version:
                    self._pages.clear()
                    self._version = tuple(row)
                self._checked_at = now
        return self._version or ()

    def get(self, key: tuple) -> str | None:
        self._current_version()
        with self._lock:
            hit = self._pages.get(key)
            if hit is None or time.monotonic() - hit[0] > MAX_AGE_SECONDS:
                return None
            self._pages.move_to_end(key)
            return hit[1]

    def put(self, key: tuple, html: str) -> None:
        with self._lock:
            self._pages[key] = (time.monotonic(), html)
            while len(self._pages) > MAX_ENTRIES:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._checked_at = 0.0


def _cache() -> PageCache:
    return current_app.extensions.setdefault("localoffer_page_cache", PageCache())


def clear() -> None:
    """Forget this process's rendered pages (the service layer calls this on every change)."""
    _cache().clear()


def _cacheable() -> bool:
    return (
        current_app.config.get("LOCAL_OFFER_PAGE_CACHE") is not False
        and len(request.full_path) <= MAX_KEY_LENGTH
        and same_for_every_visitor()
    )


def cached_page(view: Callable) -> Callable:
    """Serve the view's HTML from the cache when the page is the same for everyone."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not _cacheable():
            return view(*args, **kwargs)
        key = (current_language_code(), request.full_path)
        cache = _cache()
        html = cache.get(key)
        if html is None:
            html = view(*args, **kwargs)
            if not isinstance(html, str):
                return html
            if may_keep_rendered_page():
                cache.put(key, html)
        return Response(html, mimetype="text/html")

    return wrapped


def field_html(field, **params) -> str:
    """A form field rendered through the GOV.UK macros, reused while its value, errors and language stay the same.

    The filter checkboxes are the costliest part of the search page and identical for most readers.
    """
    fragments = current_app.extensions.setdefault("localoffer_fragments", {})
    key = (current_language_code(), field.name, repr(field.data), repr(field.errors), repr(sorted(params.items())))
    html = fragments.get(key)
    if html is None:
        html = field(params=params)
        if len(fragments) >= MAX_ENTRIES:
            fragments.clear()
        fragments[key] = html
    return html
