"""Public event pages: the list, one event with its booking form, the booking page (see, cancel, accept an offered
place) and the event's calendar file. No account is needed; no JavaScript either."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engage.clock import utcnow
from engage.consultations import event_cron, event_emails, event_queries, events
from engage.consultations.calendar import event_ics
from engage.consultations.event_forms import BookingForm, ButtonForm
from engage.consultations.event_models import BookingStatus
from engage.consultations.events import Details, Outcome
from engage.extensions import limiter
from engage.i18n import current_language_code
from engage.surveys.service import clean_src

bp = Blueprint("events", __name__, template_folder="templates")


def _rate_limit() -> str:
    return current_app.config["FEEDBACK_RATE_LIMIT"]


def _published_or_404(event_id: int):
    event = event_queries.published(event_id)
    if event is None:
        abort(404)
    return event


@bp.get("/events")
def index():
    return render_template("consultations/events/index.html", rows=event_queries.upcoming(utcnow()))


def _show(event, form=None, status: int = 200, message: str | None = None):
    now = utcnow()
    src = clean_src(request.values.get("src"))
    return render_template(
        "consultations/events/show.html",
        event=event,
        form=form or BookingForm(formdata=None),
        src=src,
        message=message,
        **event_queries.page_facts(event, now),
    ), status


@bp.get("/events/<int:event_id>")
def show(event_id: int):
    return _show(_published_or_404(event_id))


@bp.post("/events/<int:event_id>/book")
@limiter.limit(_rate_limit)
def book(event_id: int):
    event = _published_or_404(event_id)
    form = BookingForm()
    if not form.validate_on_submit():
        return _show(event, form=form, status=400)
    details = Details(
        name=form.name.data, email=form.email.data or None, mobile=form.mobile.data or None,
        party_size=form.party_size.data, access_needs=form.access_needs.data or [],
        interpreter_language=form.interpreter_language.data or "", access_other=form.access_other.data or "",
        equality=form.equality_answers(), language=current_language_code(), src=clean_src(request.form.get("src")),
    )  # fmt: skip
    result = events.book(event, details)
    if result.outcome == Outcome.closed:
        return _show(event, status=409, message=_("This event is not taking bookings."))
    if result.outcome == Outcome.too_large:
        message = _("This event has %(count)s places in all, fewer than your party. Please contact the organiser.",
                    count=event.capacity)  # fmt: skip
        return _show(event, form=form, status=409, message=message)
    if result.outcome == Outcome.already:
        return render_template("consultations/events/already.html", event=event), 409
    event_emails.send(result.booking, result.outcome.value)
    return redirect(url_for("events.booking", token=events.booking_token(result.booking)))


@bp.get("/events/<int:event_id>/event.ics")
def calendar(event_id: int):
    event = _published_or_404(event_id)
    url = url_for("events.show", event_id=event.id, _external=True)
    response = make_response(event_ics(event, url, request.host.split(":")[0]))
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="event.ics"'
    return response


def _booking_or_bad_link(token: str):
    booking = events.booking_from_token(token)
    if booking is None:
        abort(make_response(render_template("consultations/events/bad_link.html"), 404))
    return booking


@bp.get("/events/booking/<token>")
def booking(token: str):
    booking = _booking_or_bad_link(token)
    return render_template(
        "consultations/events/booking.html", booking=booking, event=booking.event, token=token, form=ButtonForm(),
        Status=BookingStatus, now=utcnow(),
    )  # fmt: skip


@bp.post("/events/booking/<token>/cancel")
def cancel(token: str):
    booking = _booking_or_bad_link(token)
    if not ButtonForm().validate_on_submit():
        return redirect(url_for("events.booking", token=token))
    if events.cancel(booking):
        event_cron.send_offers(event_id=booking.event_id)  # the freed places' offers go out now, not at the next cron
        flash(_("Your booking is cancelled. Thank you for letting us know."))
    else:
        flash(_("This booking was already cancelled. Nothing has changed."))
    return redirect(url_for("events.booking", token=token))


@bp.post("/events/booking/<token>/accept")
def accept(token: str):
    booking = _booking_or_bad_link(token)
    if not ButtonForm().validate_on_submit():
        return redirect(url_for("events.booking", token=token))
    if events.accept_offer(booking):
        event_emails.send(booking, "booked")
        flash(_("Your place is booked."))
    else:
        flash(_("This offer has ended or was already answered. Nothing has changed."))
    return redirect(url_for("events.booking", token=token))
