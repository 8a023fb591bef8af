"""How a stored answer reads on the check-answers page and staff pages, in the reader's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Flask
from flask_babel import gettext as _
from flask_babel import pgettext

from engage.dates import long_date
from engage.surveys.definitions import Question


def _label(question: Question, option_id: str) -> str:
    if option_id == "other" and question.other:
        return _("Other")
    for option in question.options:
        if option.id == option_id:
            return pgettext(option.label.context, option.label.source)
    return option_id


def answer_text(question: Question, answers: dict[str, Any]) -> str:
    value = answers.get(question.id)
    if value in (None, "", []):
        return _("Not answered")
    if question.type == "single":
        return _label(question, value)
    if question.type == "multiple":
        labels = [_label(question, v) for v in value]
        other = answers.get(question.other_key)
        if other and "other" in value:
            labels[value.index("other")] += f": {other}"
        return ", ".join(labels)
    if question.type == "date":
        return format_date_long(dt.date.fromisoformat(value))
    if question.type == "scale":
        return _("%(value)s out of %(max)d", value=value, max=question.max or 5)
    return str(value)


def format_date_long(value: dt.date) -> str:
    """GOV.UK style, e.g. 27 March 2026, with the month in the reader's language (engage.dates, the one format)."""
    return long_date(value)


def init_app(app: Flask) -> None:
    from engage.surveys.forms import field_params

    app.add_template_global(answer_text)
    app.add_template_global(field_params)
    app.add_template_filter(format_date_long)
