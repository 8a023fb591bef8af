"""Consultation forms: families' comment and follow forms, and the staff editing forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import IntegerField, RadioField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, Regexp

from engage.consultations.formats import (
    ACTION_STATUS_LABELS,
    AUDIENCE_LABELS,
    FORMAT_LABELS,
    INVOLVEMENT_LABELS,
    promise_keys,
    promise_label,
)
from engage.consultations.models import Audience, DocumentFormat
from engage.feedback.forms import comment_text_field, publish_consent_field
from engage.i18n import LANGUAGES
from engage.reach.web.forms import DayField


class CommentForm(FlaskForm):
    """A comment on a consultation: filed into the feedback moderation queue, topic "consultation"."""

    text = comment_text_field(_l("Write your comment"))
    publish_consent = publish_consent_field()
    #: kept apart from the comment (moderators never see it): only to tell them what came of it
    hear_back_email = StringField(
        _l("Email address to hear what happens (optional)"),
        description=_l(
            "We email you when the outcome is published and when an action from this consultation changes status. "
            "Moderators do not see it with your comment."
        ),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=254),
            Email(message=_l("Enter an email address in the correct format, like name@example.com")),
        ],
    )
    submit = SubmitField(_l("Send comment"), widget=GovSubmitInput())


class FollowForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        description=_l("We email you when this consultation moves on and when its outcome is published."),
        widget=GovTextInput(),
        validators=[
            InputRequired(message=_l("Enter your email address")),
            Length(max=254),
            Email(message=_l("Enter an email address in the correct format, like name@example.com")),
        ],
    )
    submit = SubmitField(_l("Follow by email"), widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """A button: following and unfollowing happen on POST, never by opening a link."""

    submit = SubmitField(_l("Confirm"), widget=GovSubmitInput())


def _audience_choices():
    return [(a.value, AUDIENCE_LABELS[a]) for a in Audience]


class ConsultationForm(FlaskForm):
    title = StringField(_l("Title"), widget=GovTextInput(), validators=[InputRequired(), Length(max=200)])
    slug = StringField(
        _l("Web address"),
        description=_l("Lower-case letters, numbers and hyphens: /consultations/short-breaks-2027"),
        widget=GovTextInput(),
        validators=[
            InputRequired(),
            Length(max=80),
            Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Use lower-case letters, numbers and hyphens only")),
        ],
    )
    summary = TextAreaField(_l("Summary"), widget=GovTextArea(), validators=[InputRequired(), Length(max=1000)])
    body = TextAreaField(
        _l("What it is about"),
        description=_l("You can use Markdown for headings, bold text, lists and links."),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=20000)],
    )
    audience = RadioField(_l("Who it is for"), choices=_audience_choices(), widget=GovRadioInput())
    opens_on = DayField(_l("Opens on"), format="%d %m %Y", widget=GovDateInput(), validators=[InputRequired()])
    closes_on = DayField(_l("Last day to take part"), format="%d %m %Y", widget=GovDateInput(),
                         validators=[InputRequired()])  # fmt: skip
    outcome_on = DayField(_l("Outcome expected by (optional)"), format="%d %m %Y", widget=GovDateInput(),
                          validators=[Optional()])  # fmt: skip
    promised_formats = SelectMultipleField(
        _l("Formats promised to families"),
        description=_l("The consultation cannot be published until each of these is there."),
        widget=GovCheckboxesInput(),
        validators=[Optional()],
    )
    survey_ids = SelectMultipleField(_l("Linked surveys"), widget=GovCheckboxesInput(), validators=[Optional()])
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())

    def fill_choices(self, survey_choices: list[tuple[str, str]]) -> None:
        self.promised_formats.choices = [(key, promise_label(key)) for key in promise_keys()]
        self.survey_ids.choices = survey_choices


class DocumentForm(FlaskForm):
    title = StringField(_l("Document title"), widget=GovTextInput(), validators=[InputRequired(), Length(max=200)])
    submit = SubmitField(_l("Add document"), widget=GovSubmitInput())


def _format_choices():
    return [(f.value, FORMAT_LABELS[f]) for f in DocumentFormat if f != DocumentFormat.bsl_video]


class VersionForm(FlaskForm):
    format = SelectField(_l("Format"), choices=_format_choices(), widget=GovSelect())
    language = SelectField(
        _l("Language (translations only)"),
        choices=[("", "")] + [(lang.code, lang.native_name) for lang in LANGUAGES if lang.code != "en"],
        widget=GovSelect(),
        validators=[Optional()],
    )
    file = FileField(
        _l("File (PDF, DOCX or ODT)"),
        widget=GovFileInput(),
        validators=[FileRequired(message=_l("Choose a file"))],
    )
    submit = SubmitField(_l("Upload"), widget=GovSubmitInput())


class VideoForm(FlaskForm):
    url = StringField(_l("BSL video link"), widget=GovTextInput(), validators=[InputRequired(), Length(max=500)])
    submit = SubmitField(_l("Add video link"), widget=GovSubmitInput())


class OutcomeForm(FlaskForm):
    we_asked = TextAreaField(_l("We asked"), widget=GovTextArea(), validators=[InputRequired(), Length(max=10000)])
    you_said = TextAreaField(_l("You said"), widget=GovTextArea(), validators=[InputRequired(), Length(max=10000)])
    we_did = TextAreaField(_l("We did"), widget=GovTextArea(), validators=[InputRequired(), Length(max=10000)])
    submit = SubmitField(_l("Publish the outcome"), widget=GovSubmitInput())


def _action_status_choices():
    return [(status.value, label) for status, label in ACTION_STATUS_LABELS.items()]


class ActionForm(FlaskForm):
    title = StringField(_l("What we will do"), widget=GovTextInput(), validators=[InputRequired(), Length(max=200)])
    owner = StringField(
        _l("Team responsible"),
        description=_l("A team, not a person's name: this is public."),
        widget=GovTextInput(),
        validators=[InputRequired(), Length(max=120)],
    )
    status = RadioField(_l("Status"), choices=_action_status_choices(), default="planned", widget=GovRadioInput())
    reason = TextAreaField(
        _l("Why not (for not doing)"), widget=GovTextArea(), validators=[Optional(), Length(max=2000)]
    )
    due_on = DayField(_l("Due by (optional)"), format="%d %m %Y", widget=GovDateInput(), validators=[Optional()])
    consultation_id = SelectField(_l("Consultation"), widget=GovSelect(), validators=[Optional()])
    themes = SelectMultipleField(_l("Themes"), widget=GovCheckboxesInput(), validators=[Optional()])
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class ActionUpdateForm(FlaskForm):
    text = TextAreaField(_l("Public update"), widget=GovTextArea(), validators=[InputRequired(), Length(max=2000)])
    status = RadioField(_l("Status"), choices=_action_status_choices(), widget=GovRadioInput())
    reason = TextAreaField(
        _l("Why not (for not doing)"), widget=GovTextArea(), validators=[Optional(), Length(max=2000)]
    )
    submit = SubmitField(_l("Post update"), widget=GovSubmitInput())


class CoProductionForm(FlaskForm):
    involvement = RadioField(
        _l("Level of involvement"),
        choices=[(level.value, label) for level, label in INVOLVEMENT_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose the level of involvement"))],
    )
    agenda_set_by = StringField(
        _l("Who set the agenda"), widget=GovTextInput(), validators=[Optional(), Length(max=200)]
    )
    pcf_representatives = IntegerField(
        _l("Parent Carer Forum representatives who shaped it"), widget=GovTextInput(),
        validators=[Optional(), NumberRange(min=0, max=10000)],
    )  # fmt: skip
    young_people_shaping = IntegerField(
        _l("Young people who shaped it"), widget=GovTextInput(), validators=[Optional(), NumberRange(min=0, max=10000)]
    )
    decided_where = StringField(_l("Where the decision was taken"), widget=GovTextInput(),
                                validators=[Optional(), Length(max=200)])  # fmt: skip
    submit = SubmitField(_l("Save the record"), widget=GovSubmitInput())


class PeriodForm(FlaskForm):
    """The period of the co-production record (GET, no CSRF)."""

    class Meta:
        csrf = False

    since = DayField(_l("From"), format="%d %m %Y", widget=GovDateInput(), validators=[Optional()])
    until = DayField(_l("To"), format="%d %m %Y", widget=GovDateInput(), validators=[Optional()])
    submit = SubmitField(_l("Show"), widget=GovSubmitInput())
