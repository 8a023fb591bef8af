"""Friendly error pages, in the reader's language, for every error a family or staff member can meet."""

from __future__ import annotations

from flask import Flask, current_app, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

#: Fields never echoed back on the "form expired" page, even for a survey.
NEVER_REPOST = {"csrf_token", "password", "new_password", "current_password", "confirm", "code", "submission_token"}
#: The only forms the "form expired" page offers to send again: a family's answers to one survey page, which
#: act for nobody else and are saved into the family's own draft. Any other form, a staff action above all,
#: would become a one-click forgery if the page held its fields and a fresh token.
RESUBMITTABLE_ENDPOINTS = {"surveys.page"}

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
    """A friendly page: survey answers are offered again; any other form gets a link back and no fields."""
    if request.endpoint in RESUBMITTABLE_ENDPOINTS:
        kept = [(name, value) for name, values in request.form.lists() if _may_repost(name) for value in values]
        return render_template("errors/csrf.html", kept=kept, action=request.path, back=_link_back()), 400
    return render_template("errors/csrf.html", kept=[], back=_link_back()), 400


def _may_repost(name: str) -> bool:
    return name not in NEVER_REPOST and not any(word in name for word in ("password", "secret", "token"))


def _link_back() -> str:
    """The form's own page when it has one (a GET on the same path), else the home page of its side of the site."""
    try:
        current_app.url_map.bind("").match(request.path, method="GET")
    except HTTPException:
        return url_for("auth.dashboard" if request.path.startswith("/staff/") else "pages.index")
    return request.script_root + request.path


def render_internal_error(error: Exception):
    return render_error(InternalServerError())


def init_app(app: Flask) -> None:
    for code in TITLES:
        app.register_error_handler(code, render_error)
    app.register_error_handler(CSRFError, render_csrf_error)
    app.register_error_handler(InternalServerError, render_internal_error)
