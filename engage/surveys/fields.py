"""Fields, validators and GOV.UK widgets for survey questions; every message in the reader's language."""

from __future__ import annotations

import datetime as dt

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from govuk_frontend_wtf import wtforms_widgets as gov
from markupsafe import Markup
from wtforms import Field, StringField
from wtforms.validators import StopValidation, ValidationError

# --------------------------------------------------------------------------- validators


class Required:
    """Stops validation with a message in the person's language when nothing was given."""

    def __init__(self, message):
        self.message = message
        self.field_flags = {"required": False}  # no HTML required: GOV.UK shows our own message

    def __call__(self, form, field):
        if field.data in (None, "", []):
            if field.process_errors:  # something was typed but could not be read: keep that message
                raise StopValidation()
            field.errors[:] = []
            raise StopValidation(str(self.message))


class Optional:
    """Nothing given is fine (clears "Not a valid choice" for an unticked radio)."""

    def __call__(self, form, field):
        if field.data in (None, "", []):
            if not field.process_errors:
                field.errors[:] = []
            raise StopValidation()


class MaxLength:
    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, form, field):
        if field.data and len(field.data) > self.limit:
            raise ValidationError(_("Your answer must be %(max)d characters or fewer", max=self.limit))


class NumberRange:
    def __init__(self, low: int | None, high: int | None):
        self.low, self.high = low, high

    def __call__(self, form, field):
        if field.data is None:
            return
        if (self.low is not None and field.data < self.low) or (self.high is not None and field.data > self.high):
            raise ValidationError(self.message())

    def message(self) -> str:
        if self.low is not None and self.high is not None:
            return _("Enter a number from %(min)d to %(max)d", min=self.low, max=self.high)
        if self.low is not None:
            return _("Enter a number of %(min)d or more", min=self.low)
        return _("Enter a number of %(max)d or less", max=self.high)


class DateRange:
    def __init__(self, low: dt.date | None, high: dt.date | None):
        self.low, self.high = low, high

    def __call__(self, form, field):
        if field.data is None:
            return
        if self.low and field.data < self.low:
            raise ValidationError(_("The date must be on or after %(date)s", date=format_date(self.low, "d MMMM y")))
        if self.high and field.data > self.high:
            raise ValidationError(_("The date must be on or before %(date)s", date=format_date(self.high, "d MMMM y")))


# --------------------------------------------------------------------------- fields


class WholeNumberField(StringField):
    """A number typed as text (so "8 " and "08" work) with a translated message for anything else."""

    def process_formdata(self, valuelist):
        self.raw_text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if self.raw_text:
            try:
                self.data = int(self.raw_text.replace(",", ""))
            except ValueError:
                raise ValueError(_("Enter a whole number, like 8")) from None

    def _value(self):
        if getattr(self, "raw_text", None) is not None:
            return self.raw_text
        return "" if self.data is None else str(self.data)


class DirectRender:
    """Render the GOV.UK macro template directly: the same HTML as govuk_frontend_wtf, without running
    Flask's context processors once per field (a question page renders many fields)."""

    def render(self, params):
        return Markup(current_app.jinja_env.get_template(self.template).render(params=params))  # noqa: S704 - autoescaped template output


class GovRadioInput(DirectRender, gov.GovRadioInput):
    pass


class GovCheckboxesInput(DirectRender, gov.GovCheckboxesInput):
    pass


class GovCharacterCount(DirectRender, gov.GovCharacterCount):
    pass


class GovTextInput(DirectRender, gov.GovTextInput):
    pass


class TranslatedDateInput(DirectRender, gov.GovDateInput):
    """GOV.UK date input with the Day, Month and Year labels in the person's language."""

    def map_gov_params(self, field, **kwargs):
        if not field.raw_data or len(field.raw_data) != 3:
            field.raw_data = None
        params = super().map_gov_params(field, **kwargs)
        for item, label in zip(params["items"], (_("Day"), _("Month"), _("Year")), strict=False):
            item["label"] = label
        return params


class DatePartsField(Field):
    """Day, month and year boxes; all three or none."""

    widget = TranslatedDateInput()

    def _value(self):
        return ""

    def process_formdata(self, valuelist):
        self.data = None
        parts = [v.strip() for v in valuelist]
        if not any(parts):
            return
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            raise ValueError(_("Enter a real date, like 27 3 2026"))
        try:
            self.data = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            raise ValueError(_("Enter a real date, like 27 3 2026")) from None
        if self.data.year < 1900:
            raise ValueError(_("Enter the year with 4 digits, like 2026"))
