"""Digest settings for staff (/staff/digests) and the signed unsubscribe link (works without signing in)."""

from __future__ import annotations

import smtplib

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from engage.auth.permissions import role_required
from engage.digests import deliveries, service, trial
from engage.digests.compose import ROLE_SECTIONS
from engage.digests.forms import SECTION_LABELS, SubscriptionForm, TestForm, UnsubscribeForm
from engage.digests.models import SECTIONS
from engage.request_values import page_number

bp = Blueprint("digests", __name__, template_folder="templates")


def _section_choices() -> list[tuple[str, str]]:
    allowed = ROLE_SECTIONS.get(current_user.role.value, set())
    return [(s, SECTION_LABELS[s]) for s in SECTIONS if s in allowed]


@bp.route("/staff/digests", methods=["GET", "POST"])
@role_required("moderator", "leader", "admin")
def settings():
    subscription = service.subscription_for(current_user)
    form = SubscriptionForm(obj=None)
    form.sections.choices = _section_choices()
    if not form.is_submitted() and subscription is not None:
        form.active.data, form.frequency.data = subscription.active, subscription.frequency.value
        form.sections.data, form.email.data = subscription.sections, subscription.email
        form.webhook_url.data = subscription.webhook_url
    elif not form.is_submitted():
        form.sections.data = [value for value, _label in form.sections.choices]
    if form.validate_on_submit():
        if form.active.data and not form.email.data and not (form.webhook_url.data or "").strip():
            form.email.errors.append(_("Choose email, a webhook address, or both"))
        else:
            service.save_subscription(
                current_user,
                frequency=form.frequency.data,
                sections=form.sections.data or [],
                email=form.email.data,
                webhook_url=(form.webhook_url.data or "").strip() or None,
                active=form.active.data,
            )
            flash(_("Your digest settings are saved"))
            return redirect(url_for("digests.settings"))
    return render_template(
        "digests/settings.html", form=form, deliveries=service.deliveries_for(current_user), test_form=TestForm()
    ), (400 if form.errors else 200)


@bp.get("/staff/digests/preview")
@role_required("moderator", "leader", "admin")
def preview():
    """The digest this person would get now, in the browser (nothing is sent or recorded)."""
    return render_template("digests/preview.html", digest=trial.own_digest(current_user), test_form=TestForm())


@bp.post("/staff/digests/test")
@role_required("moderator", "leader", "admin")
def send_test():
    """Email this person their own digest now, through SMTP; a few an hour at most, each audited."""
    form = TestForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        trial.send_test(current_user)
    except trial.TooManyTestsError:
        problem = _(
            "You have sent yourself %(n)d test digests in the last hour: try again later", n=trial.TESTS_PER_HOUR
        )
        return _test_refused(problem, 429)
    except (smtplib.SMTPException, OSError):
        return _test_refused(_("The test digest could not be sent: the mail server did not accept it"), 503)
    flash(_("A test digest is on its way to %(email)s", email=current_user.email))
    return redirect(url_for("digests.settings"))


def _test_refused(problem: str, status: int):
    return render_template("digests/test_refused.html", problem=problem), status


@bp.get("/staff/digests/deliveries")
@role_required("admin")
def deliveries_list():
    """Every digest delivery for administrators: who, when, which period, how it went and why it failed."""
    status_value = request.args.get("status", "")
    status = next((s for s in deliveries.STATUSES if s.value == status_value), None)
    page, emails = deliveries.page_of_deliveries(page_number(), status)
    return render_template(
        "digests/deliveries.html",
        page=page,
        emails=emails,
        status=status,
        statuses=deliveries.STATUSES,
    )


@bp.route("/digests/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    """GET shows a confirmation page; only the POST (with its CSRF token) changes anything."""
    subscription = service.subscription_from_token(token) or abort(404)
    form = UnsubscribeForm()
    if form.validate_on_submit():
        service.unsubscribe(subscription)
        return render_template("digests/unsubscribed.html")
    return render_template("digests/unsubscribe.html", form=form, active=subscription.active)
