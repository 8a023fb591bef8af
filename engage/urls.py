"""Absolute links for emails, webhooks and the terminal, always on the public address (SITE_URL)."""

from __future__ import annotations

from flask import current_app, url_for


def external_url(endpoint: str, **values) -> str:
    """An absolute URL on SITE_URL, in or out of a request (a request's own host may be an internal one)."""
    with current_app.test_request_context(base_url=current_app.config["SITE_URL"]):
        return url_for(endpoint, _external=True, **values)
