"""Staff sign-in, enrolment and account forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovPasswordInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, PasswordField, RadioField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from engage.auth.labels import ROLE_LABELS
from engage.auth.passwords import password_problem


class StrongPassword:
    """The password policy; the view sets `form.account_email` so the address itself is refused too."""

    def __call__(self, form, field):
        problem = password_problem(field.data or "", getattr(form, "account_email", None))
        if problem:
            raise ValidationError(str(problem))


class LoginForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter your email address")), Length(max=254)],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[DataRequired(message=_l("Enter your password")), Length(max=1024)],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class CodeForm(FlaskForm):
    code = StringField(
        _l("Security code"),
        description=_l("The 6-digit code from your authenticator app"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter the security code")), Length(max=20)],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class EnrolForm(FlaskForm):
    password = PasswordField(
        _l("Create a password"),
        description=_l("At least 12 characters. A phrase of three or four unrelated words works well."),
        widget=GovPasswordInput(),
        validators=[DataRequired(message=_l("Create a password")), StrongPassword()],
    )
    confirm = PasswordField(
        _l("Type the password again"),
        widget=GovPasswordInput(),
        validators=[EqualTo("password", message=_l("The passwords do not match"))],
    )
    #: Asked instead of a new password when only the authenticator is being replaced (the view removes the
    #: fields an enrolment does not need).
    current_password = PasswordField(
        _l("Your current password"),
        widget=GovPasswordInput(),
        validators=[DataRequired(message=_l("Enter your password")), Length(max=1024)],
    )
    code = StringField(
        _l("Security code"),
        description=_l("The 6-digit code your authenticator app shows for Engage"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter the security code"))],
    )
    submit = SubmitField(_l("Finish setting up"), widget=GovSubmitInput())


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), widget=GovPasswordInput(), validators=[DataRequired(message=_l("Enter your password"))]
    )
    new_password = PasswordField(
        _l("New password"),
        description=_l("At least 12 characters. A phrase of three or four unrelated words works well."),
        widget=GovPasswordInput(),
        validators=[DataRequired(message=_l("Create a password")), StrongPassword()],
    )
    code = StringField(
        _l("Security code"),
        description=_l("The 6-digit code from your authenticator app"),
        widget=GovTextInput(),
        validators=[DataRequired(message=_l("Enter the security code"))],
    )
    submit = SubmitField(_l("Change password"), widget=GovSubmitInput())


def _role_field(label):
    return RadioField(
        label,
        choices=list(ROLE_LABELS.items()),
        widget=GovRadioInput(),
        validators=[DataRequired(message=_l("Choose a role"))],
    )


def _email_field():
    return BooleanField(
        _l("Email the link to them now"),
        description=_l("Untick this where the person has no email here: copy the link and pass it on yourself."),
        widget=GovCheckboxInput(),
        default=True,
    )


class CreateUserForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[
            DataRequired(message=_l("Enter an email address")),
            Email(message=_l("Enter an email address in the correct format, like name@example.com")),
        ],
    )
    role = _role_field(_l("Role"))
    send_email = _email_field()
    submit = SubmitField(_l("Create account"), widget=GovSubmitInput())


class RoleForm(FlaskForm):
    role = _role_field(_l("Role"))
    submit = SubmitField(_l("Change role"), widget=GovSubmitInput())


RESET_CHOICES = {
    "password": _l("Password only: they keep their authenticator app"),
    "authenticator": _l("Authenticator only: a lost or new phone; they keep their password"),
    "both": _l("Both the password and the authenticator"),
}


class ResetForm(FlaskForm):
    what = RadioField(
        _l("What to reset"),
        choices=list(RESET_CHOICES.items()),
        widget=GovRadioInput(),
        validators=[DataRequired(message=_l("Choose what to reset"))],
    )
    send_email = _email_field()
    submit = SubmitField(_l("Start the reset"), widget=GovSubmitInput())


class InvitationForm(FlaskForm):
    send_email = _email_field()
    submit = SubmitField(_l("Send a new link"), widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """An empty form: a button whose POST carries the CSRF token."""

    submit = SubmitField(_l("Confirm"), widget=GovSubmitInput())
