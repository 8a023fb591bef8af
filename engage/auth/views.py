"""Staff sign-in (password, then a one-time code), enrolment, account and user administration."""

from __future__ import annotations

import time

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from engage.auth import service, totp
from engage.auth.forms import ChangePasswordForm, CodeForm, ConfirmForm, CreateUserForm, EnrolForm, LoginForm
from engage.auth.models import User
from engage.auth.permissions import role_required
from engage.auth.throttle import TooManyAttemptsError
from engage.extensions import db
from engage.request_values import safe_local_path
from engage.urls import external_url

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
    # A new secret is shown until a first code confirms it; it rides in the signed session meanwhile.
    secret = user.totp_secret or session.get("enrol_secret") or totp.new_secret()
    session["enrol_secret"] = secret
    form = EnrolForm()
    form.account_email = user.email
    if form.validate_on_submit():
        if service.complete_enrolment(user, form.password.data, form.code.data, secret):
            session.pop("enrol_secret", None)
            flash(_("Your account is ready: sign in with your new password and a security code"))
            return redirect(url_for("auth.login"))
        form.code.errors.append(_("The security code is wrong or has been used: wait for a new code"))
    return render_template(
        "auth/enrol.html",
        form=form,
        user=user,
        secret=None if user.totp_secret else secret,
        uri=totp.provisioning_uri(secret, user.email, "Engage"),
    )


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
    link = None
    if form.validate_on_submit():
        if service.find_user(form.email.data):
            form.email.errors.append(_("There is already an account with that email address"))
        else:
            _user, token = service.create_user(form.email.data, form.role.data)
            link = external_url("auth.enrol", token=token)
    return render_template("auth/users.html", form=form, users=service.list_users(), link=link, confirm=ConfirmForm())


@bp.post("/users/<int:user_id>/active")
@role_required("admin")
def toggle_active(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = ConfirmForm()
    if form.validate_on_submit() and user.id != current_user.id:
        service.set_active(user, not user.active)
    return redirect(url_for("auth.users"))
