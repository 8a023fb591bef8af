"""The baseline upload form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovFileInput, GovSubmitInput, GovTextInput
from wtforms import DateField, StringField, SubmitField
from wtforms.utils import unset_value
from wtforms.validators import DataRequired, Length


class DayField(DateField):
    """A date from GOV.UK's three boxes (day, month, year), with a translated message when it is not a date."""

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        if self.raw_data is not None and len(self.raw_data) != 3:
            # the widget expects exactly three boxes; a hand-made request may send fewer
            self.raw_data = (list(self.raw_data) + ["", "", ""])[:3]

    def process_formdata(self, valuelist):
        if not valuelist or not any(v.strip() for v in valuelist):
            self.data = None
            return
        try:
            super().process_formdata([" ".join(v.strip() for v in valuelist)])
        except ValueError:
            self.data = None
            raise ValueError(_l("Enter a real date, like 15 1 2026")) from None


class BaselineForm(FlaskForm):
    file = FileField(
        _l("Population baseline (CSV)"),
        description=_l(
            "Columns: dimension, group, count. One row per group; every row is checked before anything is saved."
        ),
        widget=GovFileInput(),
        validators=[
            FileRequired(message=_l("Choose a CSV file")),
            FileAllowed(["csv"], message=_l("The file must be a CSV file")),
        ],
    )
    source = StringField(
        _l("Source of the numbers"),
        description=_l("For example: School census and EHC plan caseload, January 2026"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter the source of the numbers")), Length(max=200)],
    )
    as_of = DayField(
        _l("Date the numbers describe"),
        description=_l("For example, 15 1 2026"),
        format="%d %m %Y",
        widget=GovDateInput(),
        validators=[DataRequired(message=_l("Enter the date the numbers describe, like 15 1 2026"))],
    )
    submit = SubmitField(_l("Upload and check the figures"), widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """A button that changes data (confirm, discard, roll back): the form carries the CSRF token."""

    submit = SubmitField(_l("Confirm"), widget=GovSubmitInput())
