"""The co-production record: staff record how far families shaped each consultation, and list it for a period
with CSV and ODS exports (evidence for an area SEND inspection). Exports are audited."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engage.audit import record_audit
from engage.auth.permissions import role_required
from engage.consultations import queries, service
from engage.consultations.dates import end_of_day, last_day, start_of_day, uk_day
from engage.consultations.formats import INVOLVEMENT_LABELS
from engage.consultations.forms import CoProductionForm, PeriodForm
from engage.consultations.models import Consultation, Involvement
from engage.consultations.staff_views import EDITORS, READERS, _consultation_or_404, _detail, bp
from engage.spreadsheets import ODS_MIMETYPE, csv_text, ods_bytes

HEADER = ("Consultation", "Opened", "Closed", "Level of involvement", "Agenda set by",
          "Parent Carer Forum representatives", "Young people", "Decision taken")  # fmt: skip


@bp.post("/<int:consultation_id>/co-production")
@role_required(*EDITORS)
def record_coproduction(consultation_id: int):
    consultation = _consultation_or_404(consultation_id)
    form = CoProductionForm()
    if not form.validate_on_submit():
        return _detail(consultation, _("Choose the level of involvement"))
    service.record_coproduction(
        consultation, involvement=Involvement(form.involvement.data), agenda_set_by=form.agenda_set_by.data or "",
        pcf_representatives=form.pcf_representatives.data, young_people_shaping=form.young_people_shaping.data,
        decided_where=form.decided_where.data or "",
    )  # fmt: skip
    flash(_("Saved."))
    return redirect(url_for(".detail", consultation_id=consultation.id))


def _row(c: Consultation) -> tuple:
    level = str(INVOLVEMENT_LABELS[c.involvement]) if c.involvement else ""
    return (c.title, uk_day(c.opens_at).isoformat(), last_day(c.closes_at).isoformat(), level, c.agenda_set_by,
            c.pcf_representatives, c.young_people_shaping, c.decided_where)  # fmt: skip


@bp.get("/co-production")
@role_required(*READERS)
def coproduction():
    form = PeriodForm(request.args)
    form.validate()
    since = start_of_day(form.since.data) if form.since.data else None
    until = end_of_day(form.until.data) if form.until.data else None
    consultations = queries.coproduction_list(since, until)
    wanted = request.args.get("format")
    if wanted in ("csv", "ods"):
        record_audit("consultations.coproduction.export", "consultation", None, format=wanted, rows=len(consultations))
        return _export(wanted, [HEADER, *(_row(c) for c in consultations)])
    return render_template(
        "consultations/staff/coproduction.html",
        form=form,
        rows=[_row(c) for c in consultations],
        export_url=_export_url,
    )


def _export_url(wanted: str) -> str:
    """This page's period, as a download."""
    period = {name: request.args.getlist(name) for name in ("since", "until") if name in request.args}
    return url_for(".coproduction", format=wanted, **period)


def _export(wanted: str, rows: list) -> Response:
    if wanted == "csv":
        body, mimetype = csv_text(rows).encode("utf-8"), "text/csv; charset=utf-8"
    else:
        body, mimetype = ods_bytes([("Co-production", rows)]), ODS_MIMETYPE
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="co-production.{wanted}"'
    return response
