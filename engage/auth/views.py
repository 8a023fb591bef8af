"""Staff sign-in (password, then a one-time code), enrolment, account and user administration."""

from __future__ import annotations

import time

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from engage.auth import invitations, service, totp
from engage.auth.forms import (
    ChangePasswordForm,
    CodeForm,
    ConfirmForm,
    CreateUserForm,
    EnrolForm,
    InvitationForm,
    LoginForm,
    ResetForm,
    RoleForm,
)
from engage.auth.labels import role_label
from engage.auth.models import User
from engage.auth.permissions import role_required
from engage.auth.throttle import TooManyAttemptsError
from engage.extensions import db
from engage.request_values import safe_local_path

bp = Blueprint("auth", __name__, url_prefix="/staff", template_folder="templates")

#: How long a correct password waits for its second factor.
PENDING_SECONDS = 300


def _after_sign_in(target: str | None) -> str:
    # Only same-site paths: an open redirect would let a phishing link borrow our login page.
    return safe_local_path(target, url_for("auth.dashboard"))


def _too_many_attempts(template: str, form, field):
    # The same words for every account, known or not, so the refusal tells nobody which emails exist.
    field.errors.append(_("Too many attempts: try again later"))
    return render_template(template, form=form), 429


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = service.authenticate_password(form.email.data, form.password.data)
        except TooManyAttemptsError:
            return _too_many_attempts("auth/login.html", form, form.email)
        if user is None:
            form.email.errors.append(_("Enter a correct email address and password"))
        else:
            session.clear()
            session["pending_staff_id"] = user.id
            session["pending_since"] = time.time()
            session["next"] = _after_sign_in(request.args.get("next"))
            return redirect(url_for("auth.code"))
    return render_template("auth/login.html", form=form)


@bp.route("/login/code", methods=["GET", "POST"])
def code():
    user = _pending_user()
    if user is None:
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            verified = service.verify_second_factor(user, form.code.data)
        except TooManyAttemptsError:
            return _too_many_attempts("auth/code.html", form, form.code)
        if verified:
            target = _after_sign_in(session.get("next"))
            session.clear()
            service.start_session(user)
            login_user(user)
            return redirect(target)
        form.code.errors.append(_("The security code is wrong or has been used: wait for a new code"))
    return render_template("auth/code.html", form=form)


def _pending_user() -> User | None:
    user_id = session.get("pending_staff_id")
    if not user_id or time.time() - session.get("pending_since", 0) > PENDING_SECONDS:
        return None
    return db.session.get(User, user_id)


@bp.post("/logout")
def logout():
    """Sign out here; `everywhere` (the staff home page's second button) ends the person's other sessions too."""
    everywhere = request.form.get("everywhere") == "1"
    if current_user.is_authenticated:
        service.sign_out(current_user, g.get("staff_session_token"), everywhere=everywhere)
        logout_user()
    session.clear()
    flash(_("You have signed out on all your devices") if everywhere else _("You have signed out"))
    return redirect(url_for("auth.login"))


@bp.route("/enrol/<token>", methods=["GET", "POST"])
def enrol(token: str):
    try:
        user = service.user_for_enrolment(token)
    except service.EnrolmentError:
        return render_template("auth/enrol_invalid.html"), 404
    # A new authenticator's key comes from the link itself, so it is the same every time this link is opened
    # (on a computer, then on a phone) until a first code confirms it; a kept authenticator is confirmed as is.
    secret = user.totp_secret or totp.enrolment_secret(token, current_app.config["SECRET_KEY"])
    form = EnrolForm()
    form.account_email = user.email
    if user.password_hash is None:
        del form.current_password
    else:
        del form.password, form.confirm
    if form.validate_on_submit():
        try:
            done = service.complete_enrolment(
                user,
                form.code.data,
                secret,
                password=form.password.data if "password" in form else None,
                current_password=form.current_password.data if "current_password" in form else None,
            )
        except TooManyAttemptsError:
            return _too_many_attempts_enrol(form, user, secret)
        if done:
            flash(_("Your account is ready: sign in with your password and a security code"))
            return redirect(url_for("auth.login"))
        if "current_password" in form:
            form.current_password.errors.append(_("Check your current password and security code"))
        else:
            form.code.errors.append(_("The security code is wrong or has been used: wait for a new code"))
    return render_template("auth/enrol.html", **_enrol_context(form, user, secret)), 400 if form.errors else 200


def _enrol_context(form, user: User, secret: str) -> dict:
    new_authenticator = user.totp_secret is None
    uri = totp.provisioning_uri(secret, user.email, current_app.config.get("TOTP_ISSUER", "Engage"))
    return {
        "form": form,
        "user": user,
        "new_authenticator": new_authenticator,
        "key_groups": totp.grouped(secret) if new_authenticator else [],
        "qr": totp.qr_svg(uri, _("QR code for your authenticator app: the key in text is below it"))
        if new_authenticator
        else None,
        "uri": uri if new_authenticator else None,
    }


def _too_many_attempts_enrol(form, user: User, secret: str):
    form.current_password.errors.append(_("Too many attempts: try again later"))
    return render_template("auth/enrol.html", **_enrol_context(form, user, secret)), 429


@bp.post("/session/extend")
@role_required("moderator", "leader", "admin")
def extend_session():
    """Loading the user already moved the idle timer on; scripts get 204, forms go back where they were."""
    if request.accept_mimetypes.best == "application/json":
        return "", 204
    return redirect(_after_sign_in(request.form.get("next")))


@bp.route("/account/password", methods=["GET", "POST"])
@role_required("moderator", "leader", "admin")
def change_password():
    form = ChangePasswordForm()
    form.account_email = current_user.email
    if form.validate_on_submit():
        try:
            changed = service.change_password(
                current_user, form.current_password.data, form.new_password.data, form.code.data
            )
        except TooManyAttemptsError:
            return _too_many_attempts("auth/change_password.html", form, form.current_password)
        if changed:
            flash(_("Your password has been changed. Your other sessions have been signed out."))
            return redirect(url_for("auth.dashboard"))
        form.current_password.errors.append(_("Check your current password and security code"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/users", methods=["GET", "POST"])
@role_required("admin")
def users():
    form = CreateUserForm()
    created = None
    if form.validate_on_submit():
        if service.find_user(form.email.data):
            form.email.errors.append(_("There is already an account with that email address"))
        else:
            user, token = service.create_user(form.email.data, form.role.data)
            created = _link_shown(user, token, "invitation", form.send_email.data)
            form = CreateUserForm(formdata=None)
    status = 400 if form.errors else 200
    return render_template("auth/users.html", form=form, users=service.list_users(), created=created), status


def _link_shown(user: User, token: str, kind: str, email: bool) -> dict:
    """What the page shows once after a link is made: the link itself, and whether the email went."""
    sent = invitations.send_invitation(user, token, kind) if email else None
    return {"user": user, "link": invitations.enrolment_link(token), "sent": sent, "kind": kind}


def _account(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


def _person_page(user: User, *, status: int = 200, shown: dict | None = None, problem: str | None = None, **forms):
    """One person's account: their state and a form for each thing an administrator may do to it. `forms`
    holds the one just sent back with its errors (it also feeds the error summary); `problem` is a refusal."""
    failed = next(iter(forms.values()), None)
    return render_template(
        "auth/user.html",
        person=user,
        form=failed,
        problem=problem,
        role_form=forms.get("role_form") or RoleForm(formdata=None, role=user.role.value),
        reset_form=forms.get("reset_form") or ResetForm(formdata=None),
        invitation_form=forms.get("invitation_form") or InvitationForm(formdata=None),
        confirm=ConfirmForm(formdata=None),
        shown=shown,
    ), status


@bp.get("/users/<int:user_id>")
@role_required("admin")
def user(user_id: int):
    return _person_page(_account(user_id))


@bp.post("/users/<int:user_id>/role")
@role_required("admin")
def change_role(user_id: int):
    person = _account(user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return _person_page(person, status=400, role_form=form)
    try:
        service.change_role(person, form.role.data)
    except service.LastAdministratorError:
        form.role.errors.append(
            _(
                "You cannot take the administrator role from the last active administrator: "
                "make someone else an administrator first"
            )
        )
        return _person_page(person, status=409, role_form=form)
    flash(_("%(email)s is now: %(role)s", email=person.email, role=role_label(person.role)))
    return redirect(url_for("auth.user", user_id=person.id))


@bp.post("/users/<int:user_id>/reset")
@role_required("admin")
def reset(user_id: int):
    person = _account(user_id)
    form = ResetForm()
    if not form.validate_on_submit():
        return _person_page(person, status=400, reset_form=form)
    if person.id == current_user.id:
        form.what.errors.append(
            _("You cannot reset your own sign-in here: use Change your password, or ask another administrator")
        )
        return _person_page(person, status=409, reset_form=form)
    token = service.issue_reset(
        person,
        password=form.what.data in ("password", "both"),
        authenticator=form.what.data in ("authenticator", "both"),
    )
    return _person_page(person, shown=_link_shown(person, token, "reset", form.send_email.data))


@bp.post("/users/<int:user_id>/invitation")
@role_required("admin")
def renew_invitation(user_id: int):
    person = _account(user_id)
    form = InvitationForm()
    if not form.validate_on_submit():
        return _person_page(person, status=400, invitation_form=form)
    if person.is_enrolled:
        problem = _("%(email)s has already set up their account: start a reset instead", email=person.email)
        return _person_page(person, status=409, problem=problem)
    token = service.renew_invitation(person)
    return _person_page(person, shown=_link_shown(person, token, "invitation", form.send_email.data))


@bp.post("/users/<int:user_id>/active")
@role_required("admin")
def toggle_active(user_id: int):
    person = _account(user_id)
    form = ConfirmForm()
    if form.validate_on_submit() and person.id != current_user.id:
        try:
            service.set_active(person, not person.active)
        except service.LastAdministratorError:
            return _person_page(person, status=409, problem=_("You cannot deactivate the last active administrator"))
        if person.active:
            flash(_("%(email)s can sign in again", email=person.email))
        else:
            flash(_("%(email)s is deactivated and signed out everywhere", email=person.email))
    return redirect(url_for("auth.user", user_id=person.id))
