"""Staff pages under /staff/events: moderators and admins create and edit events, see bookings with names and
access needs, print a sign-in sheet and record attendance; leaders see counts only. Changes are audited (in
engage.consultations.event_admin); reading booking names is audited too."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from engage.audit import record_audit
from engage.auth.permissions import role_required
from engage.consultations import event_admin, event_cron, event_walk_ins, events
from engage.consultations.event_admin import EventError
from engage.consultations.event_formats import ACCESS_NEEDS, STATUS_LABELS
from engage.consultations.event_forms import AttendanceForm, ButtonForm, EventForm
from engage.consultations.event_models import HOLDING, BookingStatus, Event, EventMode
from engage.consultations.models import Consultation
from engage.extensions import db

bp = Blueprint("events_staff", __name__, url_prefix="/staff/events", template_folder="templates")
EDITORS = ("moderator", "admin")
READERS = ("moderator", "leader", "admin")


def _event_or_404(event_id: int) -> Event:
    return db.session.get(Event, event_id) or abort(404)


@bp.get("/")
@role_required(*READERS)
def index():
    rows = [(e, events.waiting_count(e)) for e in event_admin.all_for_staff()]
    return render_template("consultations/events/staff/index.html", rows=rows)


def _consultation_choices() -> list[tuple[str, str]]:
    found = db.session.execute(select(Consultation.id, Consultation.title).order_by(Consultation.title)).all()
    return [("", _("None: a stand-alone event"))] + [(str(i), title) for i, title in found]


def _form_data(event: Event) -> dict:
    data = {name: getattr(event, name) for name in event_admin.FIELDS}
    data["mode"] = event.mode.value
    data["starts_at"], data["ends_at"] = (
        event_admin.london_text(event.starts_at),
        event_admin.london_text(event.ends_at),
    )
    data["consultation_id"] = str(event.consultation_id or "")
    return data


def _edit_page(form: EventForm, event: Event | None, status: int = 200):
    return render_template("consultations/events/staff/form.html", form=form, event=event), status


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit(event_id: int | None = None):
    event = _event_or_404(event_id) if event_id is not None else None
    form = EventForm(data=_form_data(event) if event and request.method == "GET" else None)
    form.consultation_id.choices = _consultation_choices()
    if not form.validate_on_submit():
        return _edit_page(form, event, 400 if request.method == "POST" else 200)
    starts, ends = event_admin.parse_london(form.starts_at.data), event_admin.parse_london(form.ends_at.data)
    if starts is None or ends is None:
        field = form.starts_at if starts is None else form.ends_at
        field.errors = [_("Enter a date and time like 3 December 2026 at 10:00")]
        return _edit_page(form, event, 400)
    values = {
        "title": form.title.data.strip(), "description": form.description.data or "",
        "mode": EventMode(form.mode.data), "starts_at": starts, "ends_at": ends, "venue": form.venue.data or "",
        "online_details": form.online_details.data or "", "venue_access": list(form.venue_access.data or []),
        "parking": form.parking.data or "", "nearest_bus": form.nearest_bus.data or "",
        "support": list(form.support.data or []), "capacity": form.capacity.data,
        "consultation_id": int(form.consultation_id.data) if form.consultation_id.data else None,
    }  # fmt: skip
    try:
        event = event_admin.save(event, values, actor_id=current_user.id)
    except EventError as error:
        if str(error) == "ends":
            form.ends_at.errors = [_("The event must end after it starts")]
        else:
            form.capacity.errors = [_("There are more people booked than that: cancel bookings first")]
        return _edit_page(form, event, 400)
    event_cron.send_offers(event_id=event.id)  # more places: the waiting list's offers go out now
    flash(_("Saved."))
    return redirect(url_for(".detail", event_id=event.id))


def _sees_names() -> bool:
    return current_user.has_role("moderator", "admin")


@bp.get("/<int:event_id>")
@role_required(*READERS)
def detail(event_id: int):
    event = _event_or_404(event_id)
    form = AttendanceForm(data={"walk_ins": event.walk_ins, "closing_note": event.closing_note})
    return _detail_page(event, form, event_walk_ins.shown(event.walk_in_equality), [])


def _detail_page(event: Event, form: AttendanceForm, typed: dict[str, str], errors: list, status: int = 200):
    names = _sees_names()
    if names:
        record_audit("events.bookings.view", "event", event.id)
    attended = {b.id for b in event.bookings if b.status == BookingStatus.attended}
    waiting = [b for b in event.bookings if b.status == BookingStatus.waiting]
    return render_template(
        "consultations/events/staff/detail.html", event=event, sees_names=names,
        summary=event_admin.access_summary(event), counts=event_admin.counts(event), holding=event_admin.holding(event),
        waiting=waiting, attended=attended, form=form, cancel_form=ButtonForm(),
        status_labels=STATUS_LABELS, access_labels=ACCESS_NEEDS, Status=BookingStatus, HOLDING=HOLDING,
        walk_in_questions=event_walk_ins.questions(), walk_in_typed=typed, walk_in_errors=errors,
    ), status  # fmt: skip


@bp.get("/<int:event_id>/sign-in-sheet")
@role_required(*EDITORS)
def sign_in_sheet(event_id: int):
    event = _event_or_404(event_id)
    record_audit("events.bookings.sign_in_sheet", "event", event.id)
    return render_template(
        "consultations/events/staff/sign_in.html", event=event, holding=event_admin.holding(event),
        access_labels=ACCESS_NEEDS,
    )  # fmt: skip


@bp.post("/<int:event_id>/attendance")
@role_required(*EDITORS)
def attendance(event_id: int):
    event = _event_or_404(event_id)
    form = AttendanceForm()
    if not form.validate_on_submit():
        flash(_("Enter the number of people who came without booking, as a number."))
        return redirect(url_for(".detail", event_id=event.id))
    breakdown = event_walk_ins.parse(request.form, form.walk_ins.data)
    if breakdown.errors:  # nothing saved; the page shows what was typed beside the messages
        return _detail_page(event, form, breakdown.typed, breakdown.errors, 400)
    ids = {int(v) for v in request.form.getlist("attended") if v.isdigit()}
    event_admin.record_attendance(event, ids, form.walk_ins.data, form.closing_note.data or "",
                                  actor_id=current_user.id, walk_in_equality=breakdown.counts)  # fmt: skip
    flash(_("Attendance saved."))
    return redirect(url_for(".detail", event_id=event.id))


@bp.post("/<int:event_id>/cancel")
@role_required(*EDITORS)
def cancel(event_id: int):
    event = _event_or_404(event_id)
    if ButtonForm().validate_on_submit() and event.cancelled_at is None:
        told = event_admin.cancel_event(event, actor_id=current_user.id)
        if told is None:
            flash(_("The event was already cancelled: the families have been told."))
            return redirect(url_for(".detail", event_id=event.id))
        flash(_("The event is cancelled. Families emailed (booked, offered a place or waiting): %(count)s.",
                count=told.emailed))  # fmt: skip
        if told.failed:
            flash(_("Emails the server refused: %(count)s. Tell those families yourself (their details are below).",
                    count=told.failed))  # fmt: skip
        if told.phone_only:
            flash(_("Families who gave only a mobile number: %(count)s. Ring or text them (their numbers are below).",
                    count=told.phone_only))  # fmt: skip
    return redirect(url_for(".detail", event_id=event.id))
