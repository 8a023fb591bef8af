"""Friendly error pages, in the reader's language, for every error a family or staff member can meet."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

#: Fields never echoed back on the "form expired" page.
NEVER_REPOST = {"csrf_token", "password", "new_password", "current_password", "code"}

TITLES = {
    400: _l("There is a problem with your request"),
    403: _l("You do not have permission to see this page"),
    404: _l("Page not found"),
    405: _l("That action is not allowed here"),
    413: _l("What you sent is too large"),
    429: _l("Too many attempts: try again later"),
    500: _l("Sorry, there is a problem with the service"),
}


def render_error(error: HTTPException):
    code = error.code or 500
    title = TITLES.get(code, TITLES[500])
    wants_json = request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"
    if wants_json:
        return {"error": str(title), "status": code}, code
    return render_template("errors/error.html", code=code, title=title), code


def render_csrf_error(error: CSRFError):
    """Keep what can be kept: the page offers to send the same answers again with a fresh token."""
    kept = [(name, value) for name, values in request.form.lists() if name not in NEVER_REPOST for value in values]
    return render_template("errors/csrf.html", kept=kept, action=request.path), 400


def render_internal_error(error: Exception):
    return render_error(InternalServerError())


def init_app(app: Flask) -> None:
    for code in TITLES:
        app.register_error_handler(code, render_error)
    app.register_error_handler(CSRFError, render_csrf_error)
    app.register_error_handler(InternalServerError, render_internal_error)
