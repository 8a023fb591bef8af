"""The GOV.UK error summary for a form, each link taking the reader to the box they need to fix."""

from __future__ import annotations

from flask import Flask
from govuk_frontend_wtf.main import wtforms_errors
from govuk_frontend_wtf.wtforms_widgets import GovDateInput


def error_summary_params(form, title: str) -> dict:
    """Parameters for govukErrorSummary.

    govuk-frontend-wtf links every error to the field's id; for a date that is the group around the three
    boxes, where a link cannot put the cursor, so GOV.UK's pattern links to the Day box instead.
    """
    params = wtforms_errors(form, {"titleText": title})
    first_box = {f"#{field.id}": f"#{field.name}-day" for field in form if isinstance(field.widget, GovDateInput)}
    for error in params["errorList"]:
        error["href"] = first_box.get(error["href"], error["href"])
    return params


def init_app(app: Flask) -> None:
    app.add_template_global(error_summary_params)
