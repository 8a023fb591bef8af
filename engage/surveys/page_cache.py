"""A per-process (per-application) cache of question pages that hold no answers yet (the usual case going forward).

Such a page is the same for everyone with the same URL, language and shown questions, except for
its CSRF token, which is swapped in per request. Pages with answers or errors are always rendered, and
so is any page that differs by visitor (a flash message waiting or shown, a signed-in member of staff):
see engage.cacheable.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import current_app
from flask_wtf.csrf import generate_csrf

from engage.cacheable import may_keep_rendered_page, same_for_every_visitor

PLACEHOLDER = "\x00csrf\x00"
MAX_PAGES = 512


def _cache() -> OrderedDict[Hashable, str]:
    """This application's pages (two applications in one process, as in tests, may differ in settings)."""
    return current_app.extensions.setdefault("surveys_page_cache", OrderedDict())


def render(key: Hashable, render_page: Callable[[], str]) -> str:
    if not same_for_every_visitor():
        return render_page()
    token = generate_csrf()
    pages = _cache()
    html = pages.get(key)
    if html is not None:
        pages.move_to_end(key)
        return html.replace(PLACEHOLDER, token)
    html = render_page()
    if may_keep_rendered_page():
        pages[key] = html.replace(token, PLACEHOLDER)
        if len(pages) > MAX_PAGES:
            pages.popitem(last=False)
    return html


def clear() -> None:
    _cache().clear()
