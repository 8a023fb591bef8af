"""Local Offer forms: the family search, comments, and the moderators' editing forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from engage.feedback.forms import PlainText, comment_text_field, publish_consent_field
from engage.reach.web.forms import DayField

#: Labels for the category and need codes, translated when shown
CATEGORY_LABELS = {
    "education": _l("Education"),
    "health": _l("Health"),
    "social-care": _l("Social care"),
    "leisure": _l("Leisure and activities"),
    "preparing-for-adulthood": _l("Preparing for adulthood"),
    "information-advice": _l("Information, advice and support"),
}
NEED_LABELS = {
    "SPLD": _l("Specific learning difficulty (such as dyslexia)"),
    "MLD": _l("Moderate learning difficulty"),
    "SLD": _l("Severe learning difficulty"),
    "PMLD": _l("Profound and multiple learning difficulty"),
    "SEMH": _l("Social, emotional and mental health"),
    "SLCN": _l("Speech, language and communication needs"),
    "HI": _l("Hearing impairment"),
    "VI": _l("Visual impairment"),
    "MSI": _l("Multi-sensory impairment"),
    "PD": _l("Physical disability"),
    "ASD": _l("Autism"),
    "OTH": _l("Other difficulty or disability"),
}
RADIUS_CHOICES = [("1", _l("1 mile")), ("3", _l("3 miles")), ("5", _l("5 miles")), ("10", _l("10 miles"))]


class HttpUrl:
    """Only http and https web addresses."""

    def __call__(self, form, field):
        if field.data and not field.data.strip().lower().startswith(("http://", "https://")):
            raise ValidationError(_l("Enter a web address starting with http:// or https://"))


class SearchForm(FlaskForm):
    """The family search: sent with GET, so no CSRF token and shareable links."""

    class Meta:
        csrf = False

    q = StringField(_l("Search for a service"), widget=GovTextInput(), validators=[Optional(), Length(max=3000)])
    category = SelectMultipleField(
        _l("Type of service"), choices=list(CATEGORY_LABELS.items()), widget=GovCheckboxesInput(), validate_choice=False
    )
    need = SelectMultipleField(
        _l("Need"), choices=list(NEED_LABELS.items()), widget=GovCheckboxesInput(), validate_choice=False
    )
    age = IntegerField(
        _l("Age of the child or young person"),
        widget=GovTextInput(),
        validators=[Optional(), NumberRange(min=0, max=25, message=_l("Enter an age from 0 to 25"))],
    )
    cost = RadioField(
        _l("Cost"),
        choices=[("", _l("Any")), ("free", _l("Free")), ("paid", _l("Paid"))],
        default="",
        widget=GovRadioInput(),
        validate_choice=False,
    )
    near = StringField(
        _l("Near a postcode or town"),
        description=_l("For example EX3 or Brookside"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=60)],
    )
    radius = SelectField(_l("Distance"), choices=RADIUS_CHOICES, default="3", widget=GovSelect(), validate_choice=False)
    submit = SubmitField(_l("Search"), widget=GovSubmitInput())


class CommentForm(FlaskForm):
    """ "Is this page useful? What is missing?": sent to the feedback moderation queue as a Local Offer comment."""

    useful = RadioField(
        _l("Is this page useful?"),
        choices=[("yes", _l("Yes")), ("no", _l("No"))],
        widget=GovRadioInput(),
        validators=[Optional()],
        validate_choice=False,
    )
    out_of_date = BooleanField(_l("Something on this page is out of date"), widget=GovCheckboxInput())
    text = comment_text_field(
        _l("Tell us what is missing or what is out of date"),
        label=_l("What is missing?"),
        description=_l(
            "Tell us what is missing, wrong or out of date. Do not include personal details such as names "
            "or a child's circumstances."
        ),
    )
    publish_consent = publish_consent_field()
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())


class ServiceForm(FlaskForm):
    organization_id = SelectField(_l("Organisation"), widget=GovSelect(), validators=[InputRequired()])
    name = StringField(_l("Name"), widget=GovTextInput(), validators=[InputRequired(), Length(max=255)])
    description = TextAreaField(
        _l("What the service offers"),
        description=_l("You can use Markdown for bold text, lists and links."),
        widget=GovTextArea(),
        validators=[InputRequired(), Length(max=10000)],
    )
    status = SelectField(
        _l("Status"),
        choices=[
            ("active", _l("Active")),
            ("temporarily closed", _l("Temporarily closed")),
            ("inactive", _l("Inactive")),
            ("defunct", _l("Closed for good")),
        ],
        widget=GovSelect(),
    )
    categories = SelectMultipleField(
        _l("Categories"), choices=list(CATEGORY_LABELS.items()), widget=GovCheckboxesInput()
    )
    needs = SelectMultipleField(_l("Needs"), choices=list(NEED_LABELS.items()), widget=GovCheckboxesInput())
    minimum_age = IntegerField(_l("Youngest age"), widget=GovTextInput(), validators=[Optional(), NumberRange(0, 130)])
    maximum_age = IntegerField(_l("Oldest age"), widget=GovTextInput(), validators=[Optional(), NumberRange(0, 130)])
    eligibility = TextAreaField(_l("Who it is for"), widget=GovTextArea(), validators=[Length(max=5000)])
    application_process = TextAreaField(
        _l("How to access it or be referred"), widget=GovTextArea(), validators=[Length(max=5000)]
    )
    cost = RadioField(
        _l("Cost"),
        choices=[("free", _l("Free")), ("paid", _l("Paid")), ("", _l("Not known"))],
        default="",
        widget=GovRadioInput(),
        validate_choice=False,
    )
    fees = TextAreaField(_l("Details of charges"), widget=GovTextArea(), validators=[Length(max=2000)])
    url = StringField(_l("Website"), widget=GovTextInput(), validators=[Optional(), HttpUrl(), URL(), Length(max=500)])
    email = StringField(_l("Email"), widget=GovTextInput(), validators=[Optional(), Email(), Length(max=255)])
    contact_name = StringField(_l("Contact name or role"), widget=GovTextInput(), validators=[Length(max=255)])
    contact_phone = StringField(_l("Phone"), widget=GovTextInput(), validators=[Length(max=50)])
    opening_times = TextAreaField(_l("Opening times"), widget=GovTextArea(), validators=[Length(max=2000)])
    languages = StringField(
        _l("Languages spoken"),
        description=_l("Separate languages with commas"),
        widget=GovTextInput(),
        validators=[Length(max=500)],
    )
    location_name = StringField(_l("Venue name"), widget=GovTextInput(), validators=[Length(max=255)])
    address_1 = StringField(_l("Address"), widget=GovTextInput(), validators=[Length(max=255)])
    town = StringField(_l("Town"), widget=GovTextInput(), validators=[Length(max=100)])
    postcode = StringField(_l("Postcode"), widget=GovTextInput(), validators=[Length(max=20)])
    latitude = StringField(
        _l("Latitude"),
        description=_l(
            "Leave latitude and longitude empty to put the service on the map at its postcode. If you enter them, "
            "they are used instead of the postcode's (for a venue far from its postcode's centre); changing the "
            "postcode without entering them moves the service to the new postcode. For example 52.4081"
        ),
        widget=GovTextInput(),
        validators=[Length(max=20)],
    )
    longitude = StringField(
        _l("Longitude"),
        description=_l("West of Greenwich is negative, for example -1.5105"),
        widget=GovTextInput(),
        validators=[Length(max=20)],
    )
    accessibility = TextAreaField(
        _l("Accessibility of the venue"),
        description=_l("One point per line, for example step-free access or a hearing loop"),
        widget=GovTextArea(),
        validators=[Length(max=2000)],
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())

    def validate_maximum_age(self, field):
        if field.data is not None and self.minimum_age.data is not None and field.data < self.minimum_age.data:
            raise ValidationError(_l("The oldest age must not be less than the youngest age"))

    def validate_address_1(self, field):
        if bool(field.data) != bool(self.postcode.data):
            raise ValidationError(_l("Enter both the address and the postcode, or neither"))

    def validate_town(self, field):
        if field.data and not (self.address_1.data and self.postcode.data):
            raise ValidationError(_l("Enter the address and the postcode with the town"))

    def validate_latitude(self, field):
        _coordinate(field, self.longitude, LATITUDE_RANGE, _l("Enter a latitude between 49 and 61, like 52.4081"))

    def validate_longitude(self, field):
        _coordinate(field, self.latitude, LONGITUDE_RANGE, _l("Enter a longitude between -9 and 2, like -1.5105"))


#: the United Kingdom, as the area file and the postcode import check (a swapped pair falls outside)
LATITUDE_RANGE, LONGITUDE_RANGE = (49.0, 61.0), (-9.0, 2.0)


def _coordinate(field, other, limits: tuple[float, float], message) -> None:
    """A latitude or longitude in the United Kingdom, given with its pair or not at all."""
    text = (field.data or "").strip()
    if not text:
        if (other.data or "").strip():
            raise ValidationError(_l("Enter both the latitude and the longitude, or neither"))
        return
    try:
        value = float(text)
    except ValueError:
        raise ValidationError(message) from None
    if not limits[0] <= value <= limits[1]:  # also refuses nan and inf
        raise ValidationError(message)


class OrganizationForm(FlaskForm):
    name = StringField(_l("Name"), widget=GovTextInput(), validators=[InputRequired(), Length(max=255)])
    description = TextAreaField(_l("Description"), widget=GovTextArea(), validators=[Length(max=5000)])
    email = StringField(_l("Email"), widget=GovTextInput(), validators=[Optional(), Email(), Length(max=255)])
    website = StringField(
        _l("Website"), widget=GovTextInput(), validators=[Optional(), HttpUrl(), URL(), Length(max=500)]
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class TranslationForm(FlaskForm):
    language = SelectField(_l("Language"), widget=GovSelect(), validators=[InputRequired()])
    name = StringField(_l("Name"), widget=GovTextInput(), validators=[Length(max=255)])
    description = TextAreaField(_l("What the service offers"), widget=GovTextArea(), validators=[Length(max=10000)])
    eligibility = TextAreaField(_l("Who it is for"), widget=GovTextArea(), validators=[Length(max=5000)])
    application_process = TextAreaField(
        _l("How to access it or be referred"), widget=GovTextArea(), validators=[Length(max=5000)]
    )
    fees = TextAreaField(_l("Details of charges"), widget=GovTextArea(), validators=[Length(max=2000)])
    submit = SubmitField(_l("Save translation"), widget=GovSubmitInput())


class ImportForm(FlaskForm):
    file = FileField(_l("Open Referral UK file (JSON or CSV)"), widget=GovFileInput(), validators=[InputRequired()])
    publish = BooleanField(_l("Publish at once (administrators only)"), widget=GovCheckboxInput())
    submit = SubmitField(_l("Import"), widget=GovSubmitInput())


class PostcodeUploadForm(FlaskForm):
    """An administrator's upload of the ONS Postcode Directory (the same import as `area import-postcodes`)."""

    file = FileField(
        _l("ONS Postcode Directory file (CSV)"),
        description=_l("The whole country's file or your area's extract, as the ONS publishes it (it can be large)"),
        widget=GovFileInput(),
        validators=[InputRequired(message=_l("Choose the ONS Postcode Directory CSV file"))],
    )
    neighbours = StringField(
        _l("Neighbouring authorities whose postcodes to keep too (optional)"),
        description=_l("Their ONS codes, separated by commas, for example E07000132, E08000025"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=300)],
    )
    submit = SubmitField(_l("Import postcodes"), widget=GovSubmitInput())

    def codes(self) -> list[str]:
        return [code.strip().upper() for code in (self.neighbours.data or "").split(",") if code.strip()]

    def validate_neighbours(self, field):
        from engage.area import ONS_LA_CODE

        bad = [code for code in self.codes() if not ONS_LA_CODE.match(code)]
        if bad:
            raise ValidationError(
                _l("%(codes)s: not a local authority's ONS code (like E06000034)", codes=", ".join(bad))
            )


class ActionForm(FlaskForm):
    """An empty form: a button that changes state, protected by the CSRF token."""

    submit = SubmitField(_l("Confirm"), widget=GovSubmitInput())


class EvergreenPageForm(FlaskForm):
    """A moderator's edit of an information page the law expects (content, owner and next review)."""

    title = StringField(_l("Title"), widget=GovTextInput(), validators=[InputRequired(), Length(max=255)])
    body = TextAreaField(
        _l("Content"),
        description=_l("You can use Markdown for headings, bold text, lists and links (http and https only)."),
        widget=GovTextArea(),
        validators=[InputRequired(message=_l("Enter the content")), Length(max=20000), PlainText()],
    )
    owner = StringField(
        _l("Owner"),
        description=_l("The team accountable for keeping this page right"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter the owner")), Length(max=255), PlainText()],
    )
    review_due = DayField(
        _l("Next review due"),
        description=_l("For example, 30 11 2027"),
        format="%d %m %Y",
        widget=GovDateInput(),
        validators=[InputRequired(message=_l("Enter the date the next review is due, like 30 11 2027"))],
    )
    submit = SubmitField(_l("Save page"), widget=GovSubmitInput())

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._today = today

    def validate_review_due(self, field):
        if field.data and self._today and field.data <= self._today:
            raise ValidationError(_l("The next review must be due after today"))
