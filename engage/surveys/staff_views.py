"""Staff pages: starts, completions and drop-off; responses; exports. Counts pass disclosure control."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from engage.audit import record_audit
from engage.auth.permissions import role_required
from engage.reach.disclosure import display_count
from engage.request_values import page_number
from engage.surveys import export, queries, service

staff_bp = Blueprint("surveys_staff", __name__, template_folder="templates")
STAFF_ROLES = ("moderator", "leader")


@staff_bp.app_template_filter("people")
def people(n: int) -> str:
    """A count as staff may see it: 1 to 4 become "fewer than 5"."""
    shown = display_count(n)
    return _("fewer than 5") if shown == "fewer than 5" else shown


def survey_or_404(survey_id: str):
    survey = service.registry().get(survey_id)
    if survey is None:
        abort(404)
    return survey


def must_redact() -> bool:
    """Leaders see free text redacted; moderators read it in full."""
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
        "surveys/staff/detail.html", survey=survey, funnel=queries.funnel(survey), counts=queries.option_counts(survey)
    )


@staff_bp.get("/staff/surveys/<survey_id>/responses")
@role_required(*STAFF_ROLES)
def responses(survey_id: str):
    survey = survey_or_404(survey_id)
    page = queries.responses(survey_id, page=page_number())
    record_audit("survey.responses.view", "survey", survey_id, page=page.page, redacted=must_redact())
    return render_template(
        "surveys/staff/responses.html",
        survey=survey,
        page=page,
        questions=queries.all_questions(survey),
        redact=must_redact(),
        cell=queries.cell,
    )


@staff_bp.get("/staff/surveys/<survey_id>/export.<fmt>")
@role_required(*STAFF_ROLES)
def export_responses(survey_id: str, fmt: str):
    survey = survey_or_404(survey_id)
    if fmt not in export.CONTENT_TYPES:
        abort(404)
    summary = request.args.get("summary") == "1"
    data = export.export_file(survey, fmt, redact=must_redact(), summary=summary)
    filename = f"{survey.id}-{'answer-counts' if summary else 'responses'}.{fmt}"
    return Response(
        data,
        content_type=export.CONTENT_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
