"""Home, cookies, accessibility statement and privacy notice (health checks: engage/ops/health.py)."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template

from engage.i18n import has_language_prefix, preferred_language, url_in_language

bp = Blueprint("pages", __name__, template_folder="templates")


@bp.route("/")
def index():
    # Only the bare home page guesses a language; everywhere else the URL says which.
    if not has_language_prefix():
        best = preferred_language()
        if best != "en":
            response = redirect(url_in_language(best))
            response.headers["Vary"] = "Accept-Language"
            return response
    response = current_app.make_response(render_template("pages/index.html"))
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.route("/cookies")
def cookies():
    return render_template("pages/cookies.html")


@bp.route("/accessibility")
def accessibility():
    return render_template("pages/accessibility.html")


@bp.route("/privacy")
def privacy():
    return render_template("pages/privacy.html")
