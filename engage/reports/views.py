"""/staff/reports: the dashboard for a period and filters, and its exports (CSV, ODS)."""

from __future__ import annotations

import io
import zipfile

from flask import Blueprint, Response, render_template, request

from engage.audit import record_audit
from engage.auth.permissions import role_required
from engage.clock import utcnow
from engage.reach.dimensions import normalise_group
from engage.reach.periods import parse_period, recent
from engage.reports import presenters
from engage.reports.service import Filters, build_dashboard, default_period
from engage.spreadsheets import ODS_MIMETYPE, csv_text, ods_bytes

bp = Blueprint("reports", __name__, url_prefix="/staff/reports", template_folder="templates")
ROLES = ("moderator", "leader")


def _filters() -> Filters:
    period = parse_period(request.args.get("period")) or default_period(utcnow().date())
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
    index = []
    for table in board.reach.dimensions:
        rows = presenters.reach_rows(board, table)
        index.append((presenters.index_chart(table, rows), table, rows))
    return render_template(
        "reports/dashboard.html",
        board=board,
        summary=presenters.filter_summary(board),
        periods=recent(today),
        charts={
            "activities": presenters.activity_chart(board),
            "themes": presenters.theme_chart(board),
            "index": index,
        },
    )


@bp.route("/export.<any(csv, ods):file_format>")
@role_required(*ROLES)
def export(file_format: str):
    """ODS: one sheet per table. CSV: a zip holding one CSV file per table, or the one table `?table=` names
    (the table's position, 1 for the first), since a CSV file can hold one table only."""
    filters = _filters()
    board = build_dashboard(filters, utcnow().date())
    tables = presenters.export_tables(board)
    name = f"engage-report-{presenters.slug(presenters.filter_summary(board))}"
    record_audit("reports.export", "report", None, format=file_format, **filters.as_args())
    if file_format == "ods":
        sheets = ((title, [header, *rows]) for title, header, rows in tables)
        return _download(ods_bytes(sheets), ODS_MIMETYPE, f"{name}.ods")
    chosen = request.args.get("table", type=int)
    if chosen is not None and 1 <= chosen <= len(tables):
        title, header, rows = tables[chosen - 1]
        return _download(csv_text([header, *rows]), "text/csv", f"{name}-{presenters.slug([title])}.csv")
    return _download(_zip_of_csv(tables), "application/zip", f"{name}-csv.zip")


def _download(body, mimetype: str, filename: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _zip_of_csv(tables) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for position, (title, header, rows) in enumerate(tables, start=1):
            archive.writestr(f"{position}-{presenters.slug([title])}.csv", csv_text([header, *rows]))
    return buffer.getvalue()
