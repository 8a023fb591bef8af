"""The booking form families fill in (the least needed), and the staff forms for events and attendance."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import IntegerField, RadioField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, ValidationError

from engage.consultations.event_formats import ACCESS_NEEDS, EQUALITY_QUESTIONS, MODE_LABELS, SUPPORT, VENUE_ACCESS
from engage.feedback.forms import PlainText
from engage.surveys.loader import load_standard

#: a UK mobile: 07… or +44 7…, spaces allowed
MOBILE = re.compile(r"^(?:\+44\s?7|07)(?:\s?\d){9}$")
#: the largest party one booking may bring (bigger groups talk to the organiser)
MAX_PARTY = 10


def _equality_field(name: str, spec: dict) -> RadioField:
    context = f"standard.q.{name}"
    choices = [("", _l("Prefer not to say"))]
    choices += [(o["id"], lazy_pgettext(f"{context}.option.{o['id']}", o["label"])) for o in spec["options"]]
    return RadioField(
        lazy_pgettext(f"{context}.label", spec["label"]), choices=choices, default="", widget=GovRadioInput()
    )


class BookingForm(FlaskForm):
    name = StringField(
        _l("Your name or initials"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter your name or initials")), Length(max=100), PlainText()],
    )
    email = StringField(
        _l("Email address"),
        description=_l("We send your booking, a reminder and, if you are waiting, any place that comes free."),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=254),
            Email(message=_l("Enter an email address in the correct format, like name@example.com")),
        ],
    )
    mobile = StringField(
        _l("Mobile number"),
        description=_l("If you have no email address. The organiser may text or call you about the event."),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=32)],
    )
    party_size = IntegerField(
        _l("How many people are coming, including you?"),
        description=_l("Count everyone who needs a place: parents, carers and young people."),
        default=1,
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter how many people are coming, as a number")),
            NumberRange(min=1, max=MAX_PARTY, message=_l("Enter a number from 1 to 10")),
        ],
    )
    access_needs = SelectMultipleField(
        _l("What would help you take part? (optional)"),
        choices=list(ACCESS_NEEDS.items()),
        widget=GovCheckboxesInput(),
        validators=[Optional()],
    )
    interpreter_language = StringField(
        _l("If you need a language interpreter, which language?"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=60), PlainText()],
    )
    access_other = TextAreaField(
        _l("Anything else the organiser should arrange (optional)"),
        description=_l("For example dietary needs. Do not include details of your child's health."),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=500), PlainText()],
    )
    submit = SubmitField(_l("Book"), widget=GovSubmitInput())

    def validate_mobile(self, field):
        if field.data and not MOBILE.match(field.data.strip()):
            raise ValidationError(_l("Enter a UK mobile number, like 07700 900 982"))

    def validate(self, extra_validators=None) -> bool:
        # checked here, not per field: Optional() stops a blank field's own checks
        valid = super().validate(extra_validators)
        if not (self.email.data or "").strip() and not (self.mobile.data or "").strip():
            self.email.errors = [*self.email.errors, _l("Enter an email address or a mobile number")]
            valid = False
        needs = self.access_needs.data or []
        if "interpreter" in needs and not (self.interpreter_language.data or "").strip():
            self.interpreter_language.errors = [
                *self.interpreter_language.errors,
                _l("Enter the language you need an interpreter for"),
            ]
            valid = False
        return valid

    def equality_answers(self) -> dict[str, str]:
        """Reach dimension -> option id, for the questions answered (not "prefer not to say")."""
        standard = load_standard()
        return {
            standard[name]["reach"]: getattr(self, f"eq_{name}").data
            for name in EQUALITY_QUESTIONS
            if getattr(self, f"eq_{name}").data
        }


for _name, _spec in load_standard().items():
    if _name in EQUALITY_QUESTIONS:
        setattr(BookingForm, f"eq_{_name}", _equality_field(_name, _spec))


class ButtonForm(FlaskForm):
    """A button: cancelling and accepting happen on POST, never by opening a link."""

    submit = SubmitField(_l("Confirm"), widget=GovSubmitInput())


class EventForm(FlaskForm):
    title = StringField(
        _l("Title"), widget=GovTextInput(), validators=[InputRequired(message=_l("Enter a title")), Length(max=200)]
    )
    description = TextAreaField(_l("Description"), widget=GovTextArea(), validators=[Optional(), Length(max=5000)])
    mode = RadioField(
        _l("How people take part"),
        choices=[(m.value, label) for m, label in MODE_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose how people take part"))],
    )
    starts_at = StringField(
        _l("Starts (London time)"),
        description=_l("For example 3 December 2026 at 10:00"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter when the event starts"))],
    )
    ends_at = StringField(
        _l("Ends (London time)"),
        description=_l("For example 3 December 2026 at 12:00"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter when the event ends"))],
    )
    venue = StringField(_l("Venue and address"), widget=GovTextInput(), validators=[Optional(), Length(max=300)])
    online_details = StringField(
        _l("How to join online (sent to people booked)"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=500)],
    )
    venue_access = SelectMultipleField(
        _l("The venue has"), choices=list(VENUE_ACCESS.items()), widget=GovCheckboxesInput(), validators=[Optional()]
    )
    parking = StringField(_l("Parking"), widget=GovTextInput(), validators=[Optional(), Length(max=200)])
    nearest_bus = StringField(_l("Nearest bus stop"), widget=GovTextInput(), validators=[Optional(), Length(max=200)])
    support = SelectMultipleField(
        _l("Support offered"), choices=list(SUPPORT.items()), widget=GovCheckboxesInput(), validators=[Optional()]
    )
    capacity = IntegerField(
        _l("Places (people)"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter the number of places")), NumberRange(min=1, max=10000)],
    )
    consultation_id = SelectField(_l("Part of a consultation"), widget=GovSelect(), validators=[Optional()])
    submit = SubmitField(_l("Save event"), widget=GovSubmitInput())


class AttendanceForm(FlaskForm):
    walk_ins = IntegerField(
        _l("People who came without booking"), default=0, widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter a number")), NumberRange(min=0, max=10000)],
    )  # fmt: skip
    closing_note = TextAreaField(
        _l("What was said (a short note; it can feed the consultation's outcome)"),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=5000)],
    )
    submit = SubmitField(_l("Save attendance"), widget=GovSubmitInput())
