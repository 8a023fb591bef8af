"""A staff member's digest settings."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from engage.digests.webhook import check_url, reaches_private_address

SECTION_LABELS = {
    "themes": _l("Themes, with quotes that passed moderation"),
    "sentiment": _l("How people felt (sentiment)"),
    "reach": _l("Who took part, by activity"),
    "under_reached": _l("Under-reached groups"),
    "actions": _l("Actions due"),
    "moderation": _l("Comments waiting for moderation"),
    "reviews": _l("Local Offer entries due for review"),
}


class HttpUrl:
    def __call__(self, form, field):
        if field.data and check_url(field.data.strip()):
            raise ValidationError(_l("Enter a web address starting with https:// or http://"))


class PublicAddress:
    """A webhook must not point into the internal network (unless DIGEST_WEBHOOK_ALLOW_PRIVATE is set)."""

    def __call__(self, form, field):
        if not field.data or current_app.config["DIGEST_WEBHOOK_ALLOW_PRIVATE"]:
            return
        if reaches_private_address(field.data.strip()):
            raise ValidationError(
                _l(
                    "Enter a public web address: a webhook cannot go to a private, local or cloud metadata "
                    "address, such as 10.0.0.1, 127.0.0.1 or 169.254.169.254"
                )
            )


class SubscriptionForm(FlaskForm):
    active = BooleanField(_l("Send me digests"), widget=GovCheckboxInput(), default=True)
    frequency = RadioField(
        _l("How often"),
        choices=[
            ("weekly", _l("Weekly (on Mondays, for the week before)")),
            ("monthly", _l("Monthly (for the month before)")),
        ],
        widget=GovRadioInput(),
        validators=[DataRequired(message=_l("Choose how often"))],
        default="weekly",
    )
    sections = SelectMultipleField(_l("What to include"), widget=GovCheckboxesInput(), validators=[Optional()])
    email = BooleanField(_l("By email"), widget=GovCheckboxInput(), default=True)
    webhook_url = StringField(
        _l("Webhook address (optional)"),
        description=_l("The digest is also posted as JSON to this address, for example a Microsoft Teams channel."),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=500), HttpUrl(), PublicAddress()],
    )
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class UnsubscribeForm(FlaskForm):
    submit = SubmitField(_l("Unsubscribe"), widget=GovSubmitInput())


class TestForm(FlaskForm):
    """A button whose POST (with its CSRF token) emails the person their own digest now."""

    submit = SubmitField(_l("Send me a test digest now"), widget=GovSubmitInput())
