"""Staff pages for the actions tracker, under /staff/consultations/actions (moderators and admins edit, leaders
read); changes are audited in engage.consultations.actions."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from engage.auth.permissions import role_required
from engage.clock import utcnow
from engage.concurrency import StaleEditError, advance
from engage.consultations import actions, edit_conflicts, tracker
from engage.consultations.errors import ConsultationError
from engage.consultations.forms import ActionForm, ActionUpdateForm
from engage.consultations.models import Action, ActionStatus, Consultation
from engage.consultations.staff_views import EDITORS, READERS, bp
from engage.extensions import db
from engage.feedback.models import Theme
from engage.pagination import paginate_list


def _action_or_404(action_id: int) -> Action:
    return db.session.get(Action, action_id) or abort(404)


@bp.get("/actions")
@role_required(*READERS)
def actions_index():
    """Every action or (?due=overdue, ?due=soon: the staff home's links) the unfinished ones past or near their date."""
    due = request.args.get("due", "")
    due = due if due in tracker.DUE_FILTERS else ""
    found = tracker.actions_due(due, utcnow().date()) if due else tracker.actions()
    return render_template("consultations/staff/actions.html", actions=paginate_list(found), due=due)


def _fill(form: ActionForm) -> None:
    consultations = db.session.scalars(select(Consultation).order_by(Consultation.title))
    form.consultation_id.choices = [("", "")] + [(str(c.id), c.title) for c in consultations]
    themes = db.session.scalars(select(Theme).where(Theme.retired.is_(False)).order_by(Theme.name))
    form.themes.choices = [(t.slug, t.name) for t in themes]


@bp.route("/actions/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def new_action():
    form = ActionForm()
    _fill(form)
    if form.validate_on_submit():
        chosen = form.consultation_id.data
        try:
            action = actions.create_action(
                title=form.title.data.strip(), owner=form.owner.data.strip(), status=ActionStatus(form.status.data),
                reason=form.reason.data or "", due_on=form.due_on.data,
                consultation=db.session.get(Consultation, int(chosen)) if chosen else None,
                theme_slugs=list(form.themes.data or []),
            )  # fmt: skip
        except ConsultationError as error:
            form.reason.errors.append(str(error))
        else:
            flash(_("Saved."))
            return redirect(url_for(".action_detail", action_id=action.id))
    return render_template("consultations/staff/action_form.html", form=form)


@bp.get("/actions/<int:action_id>")
@role_required(*READERS)
def action_detail(action_id: int):
    """Leaders read; the update form posts to `post_action_update`, which only editors may do."""
    action = _action_or_404(action_id)
    form = ActionUpdateForm(data={"status": action.status.value})
    hidden = edit_conflicts.drawn(action.version, _shown(action))
    return render_template("consultations/staff/action_detail.html", action=action, form=form, **hidden)


def _shown(action: Action) -> dict:
    """What the update form shows of the action (its words are new each time)."""
    return {"status": action.status.value, "reason": action.reason or ""}


def _refused(action: Action, typed: ActionUpdateForm, seen: int):
    """Someone posted an update after this form was drawn: nothing posted, the status and reason merged."""
    current = _shown(action)
    make = lambda data: ActionUpdateForm(formdata=None, data=data)  # noqa: E731
    form, refusal = edit_conflicts.refused_form(action, "consultation_action", current, typed, make, seen)
    title = _("Someone else posted an update to this action while you were writing yours")
    return edit_conflicts.render_refused("consultations/staff/action_detail.html", action, current, form, refusal,
                                         title, action=action)  # fmt: skip


@bp.post("/actions/<int:action_id>/updates")
@role_required(*EDITORS)
def post_action_update(action_id: int):
    action = _action_or_404(action_id)
    form = ActionUpdateForm()
    if form.validate_on_submit():
        try:
            advance(action, edit_conflicts.posted_version())
            actions.post_update(
                action, text=form.text.data, status=ActionStatus(form.status.data), reason=form.reason.data or ""
            )
        except StaleEditError as stale:
            db.session.rollback()
            return _refused(action, form, stale.seen)
        except ConsultationError as error:
            db.session.rollback()  # the version moved on above
            form.reason.errors.append(str(error))
        else:
            flash(_("Update posted."))
            return redirect(url_for(".action_detail", action_id=action.id))
    hidden = edit_conflicts.drawn(action.version, _shown(action))
    return render_template("consultations/staff/action_detail.html", action=action, form=form, **hidden), 400
