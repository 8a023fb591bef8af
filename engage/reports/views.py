"""/staff/reports: the dashboard for a period and filters, and its exports (CSV, ODS)."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from engage.audit import record_audit
from engage.auth.permissions import role_required
from engage.clock import utcnow
from engage.reach.dimensions import normalise_group
from engage.reach.periods import parse_period, period_containing, recent
from engage.reports import presenters
from engage.reports.service import Filters, build_dashboard
from engage.spreadsheets import ODS_MIMETYPE, csv_text, ods_bytes

bp = Blueprint("reports", __name__, url_prefix="/staff/reports", template_folder="templates")
ROLES = ("moderator", "leader")


def _filters() -> Filters:
    today = utcnow().date()
    period = parse_period(request.args.get("period")) or period_containing("month", today)
    args = {
        name: (request.args.get(name) or "").strip()[:80] or None for name in ("activity", "theme", "group", "language")
    }
    dimension, _, group = (args["group"] or "").partition(":")
    if args["group"] and normalise_group(dimension, group) != group:
        args["group"] = None  # not a dimension:group pair we know
    return Filters(period=period, **args)


@bp.route("/")
@role_required(*ROLES)
def dashboard():
    today = utcnow().date()
    board = build_dashboard(_filters(), today)
    return render_template(
        "reports/dashboard.html",
        board=board,
        periods=recent(today),
        charts={
            "activities": presenters.activity_chart(board),
            "themes": presenters.theme_chart(board),
            "index": [presenters.index_chart(table) for table in board.reach.dimensions],
        },
    )


@bp.route("/export.<any(csv, ods):file_format>")
@role_required(*ROLES)
def export(file_format: str):
    filters = _filters()
    board = build_dashboard(filters, utcnow().date())
    tables = presenters.export_tables(board)
    record_audit("reports.export", "report", None, format=file_format, **filters.as_args())
    name = f"engage-report-{filters.period.key}.{file_format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if file_format == "ods":
        sheets = ((title, [header, *rows]) for title, header, rows in tables)
        return Response(ods_bytes(sheets), mimetype=ODS_MIMETYPE, headers=headers)
    return Response(_csv(tables), mimetype="text/csv", headers=headers)


def _csv(tables) -> str:
    """All tables in one file, each row starting with its table's name."""
    return csv_text(row for name, header, rows in tables for row in [["table", *header], *([name, *r] for r in rows)])
