"""Before a worker's first report view: compile the report pages' templates and load each language's dates.

A fresh gunicorn worker otherwise spends its first report view compiling about twenty templates (the page, its
layouts and the GOV.UK macros: over a second) and reading Babel's locale data; gunicorn.conf.py calls this from
`post_worker_init`, so the first leader a worker serves does not wait for it."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from flask import Flask

from engage.i18n import CODES

#: Templates the report and reach pages render, with what they extend and import.
PREFIXES = ("reports/", "reach/", "staff/", "layout", "partials/", "govuk_frontend_jinja/", "govuk_frontend_wtf/")


def warm_up(app: Flask) -> None:
    environment = app.jinja_env
    for name in environment.list_templates(filter_func=lambda name: name.endswith(".html")):
        if name.startswith(PREFIXES):
            environment.get_template(name)
    for code in CODES:
        format_date(date(2026, 1, 1), "d MMMM yyyy", locale=code)
