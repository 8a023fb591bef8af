"""Staff pages: starts, completions and drop-off; responses; exports. Counts pass disclosure control.

Individual responses (the page and the row-per-response files) are for moderators and administrators, and every
view or export of them is audited: a response's ward, ethnicity, age band and need together identify most
families. Leaders get the aggregates only: the survey's page of counts and the answer-counts file, both through
disclosure control.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from engage.audit import record_audit
from engage.auth.permissions import role_required
from engage.pagination import paginate
from engage.reach.disclosure import display_count
from engage.surveys import export, queries, service

staff_bp = Blueprint("surveys_staff", __name__, template_folder="templates")
#: Who may see a survey's aggregates (counts with small numbers suppressed).
STAFF_ROLES = ("moderator", "leader", "admin")
#: Who may see individual responses.
INDIVIDUAL_ROLES = ("moderator", "admin")


@staff_bp.app_template_filter("people")
def people(n: int) -> str:
    """A count as staff may see it: 1 to 4 become "fewer than 5"."""
    shown = display_count(n)
    return _("fewer than 5") if shown == "fewer than 5" else shown


@staff_bp.errorhandler(403)
def aggregates_only(error):
    """A leader who follows an old link to individual responses is shown where the counts are (not a dead end)."""
    survey = service.registry().get((request.view_args or {}).get("survey_id", ""))
    return render_template("surveys/staff/aggregates_only.html", survey=survey), 403


def survey_or_404(survey_id: str):
    survey = service.registry().get(survey_id)
    if survey is None:
        abort(404)
    return survey


def must_redact() -> bool:
    """Moderators read free text in full; administrators, who look after the system, see it redacted."""
    return not current_user.has_role("moderator")


@staff_bp.get("/staff/surveys")
@role_required(*STAFF_ROLES)
def index():
    surveys = sorted(service.registry().surveys.values(), key=lambda s: s.opens, reverse=True)
    funnels = {s.id: queries.funnel(s) for s in surveys}
    return render_template(
        "surveys/staff/index.html", surveys=surveys, funnels=funnels, problems=service.registry().problems
    )


@staff_bp.get("/staff/surveys/<survey_id>")
@role_required(*STAFF_ROLES)
def detail(survey_id: str):
    survey = survey_or_404(survey_id)
    return render_template(
        "surveys/staff/detail.html",
        survey=survey,
        funnel=queries.funnel(survey),
        counts=queries.option_counts(survey),
        individual=current_user.has_role(*INDIVIDUAL_ROLES),
    )


@staff_bp.get("/staff/surveys/<survey_id>/responses")
@role_required(*INDIVIDUAL_ROLES)
def responses(survey_id: str):
    survey = survey_or_404(survey_id)
    page = paginate(queries.responses_query(survey_id))
    record_audit("survey.responses.view", "survey", survey_id, page=page.number, redacted=must_redact())
    return render_template(
        "surveys/staff/responses.html",
        survey=survey,
        page=page,
        questions=queries.all_questions(survey),
        redact=must_redact(),
        cell=queries.cell,
    )


@staff_bp.get("/staff/surveys/<survey_id>/export.<any(csv, ods):fmt>")
@role_required(*INDIVIDUAL_ROLES)
def export_responses(survey_id: str, fmt: str):
    """One row per response, in words; ?columns=codes for the coded layout scripts read (audited)."""
    survey = survey_or_404(survey_id)
    layout = export.layout_from(request.args.get("columns"))
    data = export.export_file(survey, fmt, redact=must_redact(), layout=layout)
    return _attachment(data, _filename(survey.id, "responses", layout, fmt), fmt)


@staff_bp.get("/staff/surveys/<survey_id>/answer-counts.<any(csv, ods):fmt>")
@role_required(*STAFF_ROLES)
def export_counts(survey_id: str, fmt: str):
    """People per answer, counts of 1 to 4 written as <5 (audited)."""
    survey = survey_or_404(survey_id)
    layout = export.layout_from(request.args.get("columns"))
    data = export.export_file(survey, fmt, redact=True, summary=True, layout=layout)
    return _attachment(data, _filename(survey.id, "answer-counts", layout, fmt), fmt)


def _filename(survey_id: str, what: str, layout: str, fmt: str) -> str:
    return f"{survey_id}-{what}{'-codes' if layout == 'codes' else ''}.{fmt}"


def _attachment(data: bytes, filename: str, fmt: str) -> Response:
    return Response(
        data,
        content_type=export.CONTENT_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
