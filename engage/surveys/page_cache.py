"""A per-process (per-application) cache of question pages that hold no answers yet (the usual case going forward).

Such a page is the same for everyone with the same URL, language and shown questions, except for
its CSRF token, which is swapped in per request. Pages with answers or errors are always rendered.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import current_app
from flask_wtf.csrf import generate_csrf

PLACEHOLDER = "\x00csrf\x00"
MAX_PAGES = 512


def _cache() -> OrderedDict[Hashable, str]:
    """This application's pages (two applications in one process, as in tests, may differ in settings)."""
    return current_app.extensions.setdefault("surveys_page_cache", OrderedDict())


def render(key: Hashable, render_page: Callable[[], str]) -> str:
    token = generate_csrf()
    pages = _cache()
    html = pages.get(key)
    if html is not None:
        pages.move_to_end(key)
        return html.replace(PLACEHOLDER, token)
    html = render_page()
    pages[key] = html.replace(token, PLACEHOLDER)
    if len(pages) > MAX_PAGES:
        pages.popitem(last=False)
    return html


def clear() -> None:
    _cache().clear()
