"""/staff/reach: upload a population baseline; see who took part against it, with small numbers protected."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from engage.auth.permissions import role_required
from engage.clock import utcnow
from engage.reach.baseline import BaselineError
from engage.reach.periods import ALL, parse_period, recent
from engage.reach.web import baselines, service
from engage.reach.web.forms import BaselineForm, ConfirmForm
from engage.reach.web.helpers import format_day
from engage.reach.web.labels import problem_message

bp = Blueprint("reach", __name__, url_prefix="/staff/reach", template_folder="templates")
ROLES = ("moderator", "leader", "admin")


@bp.route("/", methods=["GET", "POST"])
@role_required(*ROLES)
def index():
    form = BaselineForm()
    problems: list[str] = []
    if form.validate_on_submit():
        upload = form.file.data
        try:
            staged = baselines.stage(
                upload.read(), form.source.data, form.as_of.data, filename=upload.filename, actor_id=current_user.id
            )
        except BaselineError as error:
            problems = _show_problems(form, error)
        else:
            return redirect(url_for("reach.preview", baseline_id=staged.id))
    period = parse_period(request.args.get("period")) or ALL
    activity = request.args.get("activity") or None
    channel = request.args.get("channel") or None
    report, served = service.period_served(period)
    status = 400 if form.errors or problems else 200
    return render_template(
        "reach/index.html",
        form=form,
        problems=problems,
        baseline=service.current_baseline(),
        earlier=baselines.earlier_baselines(),
        rollback_form=ConfirmForm(),
        report=report,
        counted_at=served.counted_at,
        counting=served.counting,
        period=period,
        periods=recent(utcnow().date()),
        activity=activity if activity in report.titles else None,
        # One table at a time: an activity's, else a channel's, else everyone's.
        channel=channel if channel in report.totals["channel"] and activity not in report.titles else None,
    ), status


def _show_problems(form: BaselineForm, error: BaselineError) -> list[str]:
    """File problems listed under the file field; a date in the future under the date."""
    dated = [p for p in error.problems if p.column == "as_of"]
    if dated:
        form.as_of.errors = [problem_message(p) for p in dated]
    problems = [problem_message(p) for p in error.problems if p.column != "as_of"]
    if problems:
        form.file.errors = [
            ngettext(
                "Nothing was imported: the file has %(num)d problem",
                "Nothing was imported: the file has %(num)d problems",
                len(problems),
            )
        ]
    return problems


@bp.route("/baselines/<int:baseline_id>/preview")
@role_required(*ROLES)
def preview(baseline_id: int):
    staged = baselines.pending(baseline_id) or abort(404)
    return render_template(
        "reach/preview.html",
        staged=staged,
        rows=baselines.preview(staged),
        current=service.current_baseline(),
        form=ConfirmForm(),
    )


@bp.post("/baselines/<int:baseline_id>/confirm")
@role_required(*ROLES)
def confirm(baseline_id: int):
    staged = baselines.pending(baseline_id) or abort(404)
    if ConfirmForm().validate_on_submit():
        baselines.confirm(staged, actor_id=current_user.id)
        flash(_("Baseline imported: its figures are now used in every report"))
    return redirect(url_for("reach.index"))


@bp.post("/baselines/<int:baseline_id>/discard")
@role_required(*ROLES)
def discard(baseline_id: int):
    staged = baselines.pending(baseline_id) or abort(404)
    if ConfirmForm().validate_on_submit():
        baselines.discard(staged, actor_id=current_user.id)
        flash(_("Nothing was imported: the current baseline is unchanged"))
    return redirect(url_for("reach.index"))


@bp.post("/baselines/rollback")
@role_required(*ROLES)
def rollback():
    if ConfirmForm().validate_on_submit():
        try:
            restored = baselines.roll_back(actor_id=current_user.id)
        except baselines.NoEarlierBaselineError:
            flash(_("There is no earlier baseline to go back to"))
        else:
            flash(_("Rolled back: the baseline from %(day)s is current again", day=format_day(restored.as_of)))
    return redirect(url_for("reach.index"))
