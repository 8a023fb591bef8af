"""/staff/reach: upload a population baseline; see who took part against it, with small numbers protected."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from engage.auth.permissions import role_required
from engage.clock import utcnow
from engage.reach.baseline import BaselineError
from engage.reach.periods import ALL, parse_period, recent
from engage.reach.web import service
from engage.reach.web.forms import BaselineForm
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
            service.import_baseline(
                upload.read(), form.source.data, form.as_of.data, filename=upload.filename, actor_id=current_user.id
            )
        except BaselineError as error:
            problems = [problem_message(problem) for problem in error.problems]
            count = len(problems)
            form.file.errors = [
                ngettext(
                    "Nothing was imported: the file has %(num)d problem",
                    "Nothing was imported: the file has %(num)d problems",
                    count,
                )
            ]
        else:
            flash(_("Baseline imported"))
            return redirect(url_for("reach.index"))
    period = parse_period(request.args.get("period")) or ALL
    activity = request.args.get("activity") or None
    channel = request.args.get("channel") or None
    report = service.reach_report(period.start, period.end)
    status = 400 if form.errors else 200
    return render_template(
        "reach/index.html",
        form=form,
        problems=problems,
        baseline=service.current_baseline(),
        report=report,
        period=period,
        periods=recent(utcnow().date()),
        activity=activity if activity in report.titles else None,
        # One table at a time: an activity's, else a channel's, else everyone's.
        channel=channel if channel in report.totals["channel"] and activity not in report.titles else None,
    ), status
