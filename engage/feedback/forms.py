"""The family's comment form and the moderators' forms."""

from __future__ import annotations

import unicodedata

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from engage.feedback.models import CommentStatus, PublishConsent, Regulation56, RejectionCategory, Topic
from engage.feedback.service import MAX_COMMENT_LENGTH
from engage.request_values import safe_local_path

TOPIC_LABELS = {
    Topic.service: _l("A service (for example a school, a therapy or a short break)"),
    Topic.local_offer: _l("The Local Offer website and its information"),
    Topic.consultation: _l("A consultation or survey"),
    Topic.general: _l("Something else about SEND support in the area"),
}
#: What staff see: the topics families choose, and answers typed in surveys.
STAFF_TOPIC_LABELS = TOPIC_LABELS | {Topic.survey: _l("A free-text answer in a survey")}
STATUS_LABELS = {
    CommentStatus.new: _l("New"),
    CommentStatus.in_review: _l("In review"),
    CommentStatus.published: _l("Published"),
    CommentStatus.rejected: _l("Rejected"),
    CommentStatus.individual_case: _l("Individual case"),
    CommentStatus.filed: _l("Kept private with its survey response"),
}
SENTIMENT_LABELS = {
    "positive": _l("Positive"),
    "neutral": _l("Neutral"),
    "mixed": _l("Mixed"),
    "negative": _l("Negative"),
}
FLAG_LABELS = {
    "safeguarding": _l("Safeguarding"),
    "personal-details": _l("Personal details"),
    "needs-translation": _l("Needs translation"),
}
#: engage.insight.safeguarding_severity levels, as the queue and the comment page name them.
SEVERITY_LABELS = {
    3: _l("Risk to life"),
    2: _l("Harm by someone"),
    1: _l("Possible harm"),
}
#: Regulation 56(1) of the SEND Regulations 2014, as moderators code Local Offer comments.
REGULATION_56_LABELS = {
    Regulation56.content: _l("(a) Content, quality and gaps in provision"),
    Regulation56.accessibility: _l("(b) Accessibility of the information"),
    Regulation56.development: _l("(c) How the Local Offer was developed or reviewed"),
}
REJECTION_LABELS = {
    RejectionCategory.vexatious: _l("Vexatious"),
    RejectionCategory.offensive: _l("Offensive"),
    RejectionCategory.spam: _l("Spam or advertising"),
    RejectionCategory.not_relevant: _l("Not about SEND services or the Local Offer"),
    RejectionCategory.other: _l("Another reason"),
}
ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def character_count_params() -> dict:
    """Translated texts for GOV.UK's character count, whose defaults are English."""
    return {
        "textareaDescriptionText": _l("You can enter up to %{count} characters"),
        "charactersUnderLimitText": {
            "one": _l("You have %{count} character remaining"),
            "other": _l("You have %{count} characters remaining"),
        },
        "charactersAtLimitText": _l("You have 0 characters remaining"),
        "charactersOverLimitText": {
            "one": _l("You have %{count} character too many"),
            "other": _l("You have %{count} characters too many"),
        },
    }


def unreadable(value: str) -> bool:
    """Binary content: NUL and other control characters, or bytes that were not valid text."""
    return "\ufffd" in value or any(unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS for ch in value)


def drop_controls(value: str | None) -> str | None:
    """For hidden fields people never type in: keep what is readable, silently."""
    return "".join(ch for ch in value if ch not in "\ufffd" and unicodedata.category(ch) != "Cc") if value else value


class PlainText:
    """Refuses binary content with a clear message (PostgreSQL cannot store NUL, and nobody can read it)."""

    def __init__(self, message=None):
        self.message = message or _l("This contains characters we cannot read: type or paste it as plain text")

    def __call__(self, form, field):
        if unreadable(field.data or ""):
            raise ValidationError(self.message)


class SafePath:
    """Only a same-site path may be recorded as the page a comment came from."""

    def __call__(self, form, field):
        value = field.data or ""
        if value and not safe_local_path(value, ""):
            field.data = ""


def publish_consent_field() -> RadioField:
    """The family's choice about publication, asked the same way wherever a comment is sent."""
    return RadioField(
        _l("May we publish your comment?"),
        description=_l("We remove names and other personal details before anything is published."),
        choices=[
            (PublishConsent.anonymous.value, _l("Yes, you may publish it without my name")),
            (PublishConsent.private.value, _l("No, do not publish it")),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose whether we may publish your comment"))],
    )


COMMENT_LABEL = _l("Your comment")
COMMENT_DESCRIPTION = _l("Do not include personal details such as names or a child's circumstances.")
COMMENT_TOO_LONG = _l("Your comment must be 2,000 characters or fewer")


def comment_text_field(
    message,
    *,
    label=COMMENT_LABEL,
    description=COMMENT_DESCRIPTION,
    max_length: int = 2000,
    too_long=COMMENT_TOO_LONG,
    widget=None,
) -> TextAreaField:
    """The comment box, asked the same way wherever a comment is sent (feedback, Local Offer pages, consultations):
    required (`message`, also for a box of spaces), limited in length, and plain text only."""
    return TextAreaField(
        label,
        description=description,
        widget=widget or GovTextArea(),
        validators=[
            DataRequired(message=message),
            Length(max=max_length, message=too_long),
            PlainText(_l("Your comment contains characters we cannot read: type or paste it as plain text")),
        ],
    )


class CommentForm(FlaskForm):
    topic = RadioField(
        _l("What is your comment about?"),
        description=_l("If it is about a particular service, school or consultation, say which in your comment."),
        choices=[(topic.value, label) for topic, label in TOPIC_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose what your comment is about"))],
    )
    text = comment_text_field(
        _l("Enter your comment"),
        description=_l("Tell us what went well, what did not, or what is missing. Please do not include names."),
        max_length=MAX_COMMENT_LENGTH,
        too_long=_l("Your comment must be 5,000 characters or fewer"),
        widget=GovCharacterCount(),
    )
    publish_consent = publish_consent_field()
    contact_name = StringField(
        _l("Your name (optional)"), widget=GovTextInput(), validators=[Length(max=200), PlainText()]
    )
    contact_email = StringField(
        _l("Email address (optional)"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=254),
            PlainText(),
            Email(message=_l("Enter an email address in the correct format, like name@example.com")),
        ],
    )
    contact_phone = StringField(
        _l("Phone number (optional)"), widget=GovTextInput(), validators=[Length(max=40), PlainText()]
    )
    #: The page the family came from (a same-site path), and what on it: set from the link, never typed.
    page = HiddenField(validators=[Length(max=300), SafePath()], filters=[drop_controls])
    about = HiddenField(validators=[Length(max=120)], filters=[drop_controls])
    #: A honeypot: hidden from people and assistive technology; a filled one is silently discarded.
    website = StringField(_l("Leave this empty"))
    submit = SubmitField(_l("Send comment"), widget=GovSubmitInput())


class TextForm(FlaskForm):
    """One required text box and a button; labels are set per use."""

    value = TextAreaField(widget=GovTextArea(), validators=[DataRequired(message=_l("Enter some text"))])
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())

    def __init__(self, label=None, message=None, button=None, **kwargs):
        super().__init__(**kwargs)
        if label:
            self.value.label.text = label
        # A new list: validators are shared by every instance of the form class.
        self.value.validators = [DataRequired(message=message or _l("Enter some text")), PlainText()]
        if button:
            self.submit.label.text = button


class PublishForm(TextForm):
    """The area's response, and for a Local Offer comment what it intends to do (regulation 56(2))."""

    action = TextAreaField(
        _l("What the area intends to do (optional)"),
        description=_l('Shown on "You said, we did" with the response.'),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=5000), PlainText()],
    )


class RejectForm(TextForm):
    """A reason in words for the record, and a category that is counted publicly (never the words)."""

    category = RadioField(
        _l("Why it is left out"),
        choices=[(c.name, label) for c, label in REJECTION_LABELS.items()],
        widget=GovRadioInput(),
        validators=[Optional()],
        validate_choice=False,
    )


class Regulation56Form(FlaskForm):
    code = RadioField(
        _l("What the comment is about (regulation 56(1))"),
        choices=[(c.name, label) for c, label in REGULATION_56_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose what the comment is about"))],
    )
    submit = SubmitField(_l("Save code"), widget=GovSubmitInput())


class SentimentForm(FlaskForm):
    sentiment = RadioField(
        _l("Sentiment"),
        choices=list(SENTIMENT_LABELS.items()),
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose the sentiment"))],
    )
    submit = SubmitField(_l("Save sentiment"), widget=GovSubmitInput())


class ThemesForm(FlaskForm):
    themes = SelectMultipleField(_l("Themes"), coerce=int, widget=GovCheckboxesInput(), validate_choice=True)
    submit = SubmitField(_l("Save themes"), widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    submit = SubmitField(_l("Confirm"), widget=GovSubmitInput())


class QueueFilterForm(FlaskForm):
    """Filters for the queue (a GET form: nothing changes, so no CSRF token)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search comments"), widget=GovTextInput(), validators=[Optional(), Length(max=100)])
    order = SelectField(
        _l("Order"),
        choices=[
            ("urgent", _l("Most urgent first")),
            ("oldest", _l("Oldest first")),
            ("newest", _l("Newest first")),
        ],
        widget=GovSelect(),
        validators=[Optional()],
    )
    status = SelectField(_l("Status"), widget=GovSelect(), validators=[Optional()])
    topic = SelectField(_l("Topic"), widget=GovSelect(), validators=[Optional()])
    language = SelectField(_l("Language"), widget=GovSelect(), validators=[Optional()])
    sentiment = SelectField(_l("Sentiment"), widget=GovSelect(), validators=[Optional()])
    theme = SelectField(_l("Theme"), widget=GovSelect(), validators=[Optional()])
    flag = SelectField(_l("Flag"), widget=GovSelect(), validators=[Optional()])
    regulation = SelectField(_l("Regulation 56(1) code"), widget=GovSelect(), validators=[Optional()])
    age = SelectField(_l("Age"), widget=GovSelect(), validators=[Optional()])
    submit = SubmitField(_l("Apply filters"), widget=GovSubmitInput())


class ThemeAddForm(FlaskForm):
    name = StringField(
        _l("Theme name"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter a theme name")), Length(max=120), PlainText()],
    )
    submit = SubmitField(_l("Add theme"), widget=GovSubmitInput())


class ThemeMergeForm(FlaskForm):
    target = SelectField(_l("Merge into"), coerce=int, widget=GovSelect())
    submit = SubmitField(_l("Merge"), widget=GovSubmitInput())


class SubjectFindForm(FlaskForm):
    email = StringField(
        _l("Contact email address"),
        widget=GovTextInput(),
        validators=[
            DataRequired(message=_l("Enter an email address")),
            Email(message=_l("Enter an email address in the correct format, like name@example.com")),
        ],
    )
    submit = SubmitField(_l("Find"), widget=GovSubmitInput())


class SubjectExportForm(FlaskForm):
    email = HiddenField(validators=[DataRequired()])
    format = RadioField(
        _l("Format"), choices=[("json", "JSON"), ("csv", "CSV")], default="json", widget=GovRadioInput()
    )
    submit = SubmitField(_l("Download everything held"), widget=GovSubmitInput())


class SubjectEraseForm(FlaskForm):
    email = HiddenField(validators=[DataRequired()])
    mode = RadioField(
        _l("How to erase"),
        choices=[
            ("delete", _l("Delete the comments completely")),
            (
                "anonymise",
                _l("Keep the redacted comments for counts; delete contact details, original text and translation"),
            ),
        ],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose how to erase"))],
    )
    confirm = BooleanField(
        _l("I have checked this is the person's request"),
        widget=GovCheckboxInput(),
        validators=[DataRequired(message=_l("Confirm you have checked the request"))],
    )
    submit = SubmitField(_l("Erase"), widget=GovSubmitInput())


class BulkThemesForm(FlaskForm):
    """Code the comments ticked in the queue with one theme, or take it off them."""

    comments = SelectMultipleField(coerce=int, validate_choice=False)
    theme = SelectField(_l("Theme"), widget=GovSelect(), validators=[DataRequired(message=_l("Choose a theme"))])
    operation = RadioField(
        _l("Add or remove"),
        choices=[("add", _l("Add this theme")), ("remove", _l("Remove this theme"))],
        default="add",
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Choose whether to add or remove the theme"))],
    )
    queue = HiddenField()
    submit = SubmitField(_l("Code the ticked comments"), widget=GovSubmitInput())
