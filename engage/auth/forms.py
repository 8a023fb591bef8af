"""Staff sign-in, enrolment and account forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, RadioField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from engage.auth.models import Role
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


class CreateUserForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[
            DataRequired(message=_l("Enter an email address")),
            Email(message=_l("Enter an email address in the correct format, like name@example.com")),
        ],
    )
    role = RadioField(
        _l("Role"),
        choices=[
            (Role.moderator.value, _l("Moderator (Parent Carer Forum)")),
            (Role.leader.value, _l("Leader (council, NHS or education)")),
            (Role.admin.value, _l("Administrator")),
        ],
        widget=GovRadioInput(),
        validators=[DataRequired(message=_l("Choose a role"))],
    )
    submit = SubmitField(_l("Create account"), widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """An empty form: a button whose POST carries the CSRF token."""

    submit = SubmitField(_l("Confirm"), widget=GovSubmitInput())
