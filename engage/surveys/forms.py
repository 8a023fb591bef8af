"""WTForms forms built from a survey page, rendered with GOV.UK widgets.

Every message is translated when the form is validated, so errors appear in the person's language.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectChoice, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Regexp, StopValidation, ValidationError

from engage.plain_text import strip_control_characters
from engage.surveys.definitions import Page, Question, Survey, Text
from engage.surveys.fields import (
    DatePartsField,
    DateRange,
    GovCharacterCount,
    GovCheckboxesInput,
    GovRadioInput,
    GovTextInput,
    MaxLength,
    NumberRange,
    Optional,
    Required,
    WholeNumberField,
)

OTHER_MAX_LENGTH = 200


def t(text: Text | None):
    """A survey string, translated lazily with its element id as the context."""
    return lazy_pgettext(text.context, text.source) if text else ""


# --------------------------------------------------------------------------- building


class SurveyPageForm(FlaskForm):
    """Base of every page form; the fields are added from the definition.

    CSRFProtect checks the token of every POST before the view runs (engage.extensions.csrf, for the whole app), so
    the form itself carries no token field: building one made a new signed token on every answer saved, used only
    when the page is shown again. page.html writes the token with csrf_token() when it does show the page."""

    class Meta:
        csrf = False


class SubmitForm(FlaskForm):
    #: only what secrets.token_urlsafe (or the demo) makes: anything else (a NUL byte, which PostgreSQL refuses in
    #: a query, or an overlong string) is a forged post, refused before it reaches the database
    submission_token = HiddenField(validators=[Optional(), Regexp(r"^[A-Za-z0-9_-]{1,64}\Z")])


class EmptyForm(FlaskForm):
    """Just the CSRF token, for start and save buttons."""


def required_message(q: Question):
    return {
        "single": _l("Select an answer"),
        "scale": _l("Select an answer"),
        "multiple": _l("Select at least one answer"),
        "number": _l("Enter a number"),
        "date": _l("Enter a date"),
    }.get(q.type, _l("Enter your answer"))


def build_field(q: Question):
    checks = [Required(required_message(q)) if q.required else Optional()]
    common = {"label": t(q.label), "description": t(q.hint)}
    if q.type == "single":
        choices = [SelectChoice(o.id, t(o.label)) for o in q.options]
        return RadioField(choices=choices, widget=GovRadioInput(), validators=checks, **common)
    if q.type == "scale":
        return RadioField(choices=scale_choices(q), widget=GovRadioInput(), validators=checks, **common)
    if q.type == "multiple":
        choices = [SelectChoice(o.id, t(o.label)) for o in q.options]
        choices += [SelectChoice("other", _l("Other"))] if q.other else []
        return SelectMultipleField(choices=choices, widget=GovCheckboxesInput(), validators=checks, **common)
    if q.type == "text":
        return TextAreaField(
            widget=GovCharacterCount(),
            validators=[*checks, MaxLength(q.max_length)],
            filters=[strip_control_characters],
            **common,
        )
    if q.type == "number":
        return WholeNumberField(widget=GovTextInput(), validators=[*checks, NumberRange(q.min, q.max)], **common)
    return DatePartsField(validators=[*checks, DateRange(q.min_date, q.max_date)], **common)


def scale_choices(q: Question) -> list[SelectChoice]:
    low, high = (1 if q.min is None else q.min), q.max or 5
    choices: list[SelectChoice] = []
    for n in range(low, high + 1):
        if n == low:
            label = _l("%(number)d – %(meaning)s", number=n, meaning=t(q.min_label))
        elif n == high:
            label = _l("%(number)d – %(meaning)s", number=n, meaning=t(q.max_label))
        else:
            label = str(n)
        choices.append(SelectChoice(str(n), label))
    return choices


class OtherRequired:
    """The "please specify" box is needed when "other" is ticked."""

    def __init__(self, question_field: str):
        self.question_field = question_field

    def __call__(self, form, field):
        if "other" in (form[self.question_field].data or []) and not (field.data or "").strip():
            raise StopValidation(_("Say what your other answer is"))
        if field.data and len(field.data) > OTHER_MAX_LENGTH:
            raise ValidationError(_("Your answer must be %(max)d characters or fewer", max=OTHER_MAX_LENGTH))


def other_field_name(q: Question) -> str:
    return f"{q.id}__other"


@lru_cache(maxsize=512)
def page_form_class(survey_id: str, version: int, page_id: str, questions: tuple[Question, ...]) -> type:
    """A form class per page and set of shown questions (cached: labels are lazy strings)."""
    fields: dict[str, Any] = {}
    for q in questions:
        fields[q.id] = build_field(q)
        if q.other:
            fields[other_field_name(q)] = StringField(
                label=t(q.other),
                validators=[OtherRequired(q.id)],
                filters=[strip_control_characters],
                widget=GovTextInput(),
            )
    return type(f"PageForm_{page_id}", (SurveyPageForm,), fields)


def page_form(
    survey: Survey, page: Page, questions: list[Question], answers: dict[str, Any], **kwargs
) -> SurveyPageForm:
    """The page's form, prefilled from saved answers on GET, from the request on POST."""
    cls = page_form_class(survey.id, survey.version, page.id, tuple(questions))
    return cls(data=form_data(questions, answers), **kwargs)


def form_data(questions: list[Question], answers: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for q in questions:
        value = answers.get(q.id)
        if q.type == "date" and value:
            value = dt.date.fromisoformat(value)
        elif q.type in ("scale", "number") and value is not None:
            value = str(value) if q.type == "scale" else value
        data[q.id] = value
        if q.other:
            data[other_field_name(q)] = answers.get(q.other_key)
    return data


def answers_from_form(form: SurveyPageForm, questions: list[Question], *, valid_only: bool = False) -> dict[str, Any]:
    """Stored values from a validated form (only error-free fields when ``valid_only``)."""
    values: dict[str, Any] = {}
    for q in questions:
        field = form[q.id]
        if valid_only and field.errors:
            continue
        values[q.id] = stored_value(q, field.data)
        if q.other and not (valid_only and form[other_field_name(q)].errors):
            values[q.other_key] = (form[other_field_name(q)].data or "").strip() or None
    return values


def stored_value(q: Question, data: Any) -> Any:
    if data in (None, "", []):
        return None
    if q.type == "scale":
        return int(data)
    if q.type == "date":
        return data.isoformat()
    if q.type == "text":
        return data.strip() or None
    return data


class CodeFormat:
    def __call__(self, form, field):
        from engage.surveys.service import CODE_LENGTH, normalise_code

        if len(normalise_code(field.data)) != CODE_LENGTH:
            raise ValidationError(_("Enter the %(length)d-character code, like ABCD 2345", length=CODE_LENGTH))


class ResumeForm(FlaskForm):
    code = StringField(
        _l("Your resume code"),
        description=_l("It has 8 letters and numbers, for example ABCD 2345."),
        validators=[Required(_l("Enter your resume code")), CodeFormat()],
        widget=GovTextInput(),
        render_kw={
            "params": {
                "classes": "govuk-input--width-10",
                "spellcheck": False,
                "autocomplete": "off",
                "attributes": {"autocapitalize": "characters"},
            }
        },
    )


class EmailShape:
    def __call__(self, form, field):
        value = (field.data or "").strip()
        if len(value) > 254 or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise ValidationError(_("Enter an email address in the correct format, like name@example.com"))


class ResumeEmailForm(FlaskForm):
    email = StringField(
        _l("Email address (optional)"),
        description=_l("We will send the code and link once, then delete your email address."),
        validators=[Required(_l("Enter an email address")), EmailShape()],
        widget=GovTextInput(),
        render_kw={"params": {"type": "email", "autocomplete": "email", "spellcheck": False}},
    )


def field_params(question: Question, field) -> dict:
    """GOV.UK macro parameters for one question: its label or legend, and type-specific settings."""
    text = str(field.label.text) + ("" if question.required else " " + _("(optional)"))
    if question.type in ("single", "multiple", "scale", "date"):
        return {"fieldset": {"legend": {"text": text, "classes": "govuk-fieldset__legend--s"}}}
    label = {"label": {"text": text, "classes": "govuk-label--s"}}
    if question.type == "number":
        return label | {"inputmode": "numeric", "spellcheck": False, "classes": "govuk-input--width-5"}
    return label | character_count_texts() | {"maxlength": question.max_length, "rows": 5}


def character_count_texts() -> dict:
    """The character count's messages in the reader's language (GOV.UK's defaults are English)."""
    return {
        "textareaDescriptionText": _("You can enter up to %{count} characters"),
        "charactersUnderLimitText": {
            "one": _("You have %{count} character remaining"),
            "other": _("You have %{count} characters remaining"),
        },
        "charactersAtLimitText": _("You have 0 characters remaining"),
        "charactersOverLimitText": {
            "one": _("You have %{count} character too many"),
            "other": _("You have %{count} characters too many"),
        },
    }
