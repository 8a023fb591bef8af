"""The staff home (what is waiting for this person) and the administrators' audit log, with its exports."""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_babel import gettext as _

from engage import audit_log, workload
from engage.audit import record_audit
from engage.auth.permissions import role_required
from engage.auth.views import bp
from engage.clock import utcnow
from engage.pagination import paginate
from engage.spreadsheets import ODS_MIMETYPE, csv_text, ods_bytes


@bp.route("/")
@role_required("moderator", "leader", "admin")
def dashboard():
    return render_template("auth/dashboard.html", tiles=workload.tiles())


@bp.route("/audit")
@role_required("admin")
def audit():
    filters, errors = audit_log.Filters.from_args(request.args)
    page = paginate(audit_log.query(filters))
    return render_template(
        "auth/audit.html",
        page=page,
        lines=audit_log.lines(page.items),
        filters=filters,
        errors=errors,
        people=audit_log.people(),
        actions=audit_log.action_choices(),
    ), 400 if errors else 200


@bp.get("/audit/export.<fmt>")
@role_required("admin")
def audit_export(fmt: str):
    """The filtered log in words, as CSV or an OpenDocument spreadsheet; exporting it is itself audited."""
    if fmt not in ("csv", "ods"):
        abort(404)
    filters, errors = audit_log.Filters.from_args(request.args)
    if errors:
        abort(400)
    rows = list(audit_log.export_rows(filters))
    record_audit("audit.export", None, None, format=fmt, rows=len(rows) - 1, filters=filters.as_args())
    name = f"audit-log-{utcnow().date().isoformat()}.{fmt}"
    headers = {"Content-Disposition": f"attachment; filename={name}"}
    if fmt == "csv":
        return Response(csv_text(rows), mimetype="text/csv", headers=headers)
    return Response(ods_bytes([(_("Audit log"), rows)]), mimetype=ODS_MIMETYPE, headers=headers)
