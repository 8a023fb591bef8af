"""A per-process cache of question pages that hold no answers yet (the usual case going forward).

Such a page is the same for everyone with the same URL, language and shown questions, except for
its CSRF token, which is swapped in per request. Pages with answers or errors are always rendered.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask_wtf.csrf import generate_csrf

PLACEHOLDER = "\x00csrf\x00"
MAX_PAGES = 512
_pages: OrderedDict[Hashable, str] = OrderedDict()


def render(key: Hashable, render_page: Callable[[], str]) -> str:
    token = generate_csrf()
    html = _pages.get(key)
    if html is not None:
        _pages.move_to_end(key)
        return html.replace(PLACEHOLDER, token)
    html = render_page()
    _pages[key] = html.replace(token, PLACEHOLDER)
    if len(_pages) > MAX_PAGES:
        _pages.popitem(last=False)
    return html


def clear() -> None:
    _pages.clear()
