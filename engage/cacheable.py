"""The one rule for the per-process page caches: a page may be kept or served from memory only when nothing on
it differs by visitor.

A flash message waiting in the session ("Thank you ... will read your comment") is shown by the next page
rendered, so that page belongs to one visitor; so does any page a signed-in member of staff sees. The caches
ask this before they look up a page and again before they keep one.
"""

from __future__ import annotations

from flask import request, session
from flask.globals import request_ctx
from flask_login import current_user

FLASHES = "_flashes"  #: where Flask keeps messages waiting for the next page


def same_for_every_visitor() -> bool:
    """True when this request's page would be the same for anyone asking for the same URL and language."""
    return request.method == "GET" and FLASHES not in session and not getattr(current_user, "is_authenticated", False)


def may_keep_rendered_page() -> bool:
    """After rendering: True when the page showed no message and left none waiting, so it may be kept."""
    return same_for_every_visitor() and not getattr(request_ctx, "flashes", None)
