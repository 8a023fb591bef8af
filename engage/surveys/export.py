"""Exports of responses (CSV or ODS), audited."""

from __future__ import annotations

from engage.audit import record_audit
from engage.surveys import queries
from engage.surveys.definitions import Survey
from engage.surveys.ods import to_ods

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "ods": "application/vnd.oasis.opendocument.spreadsheet"}


def export_file(survey: Survey, fmt: str, *, redact: bool, actor: str = "web", summary: bool = False) -> bytes:
    """The file's bytes (one row per response, or answer counts); every export is audited."""
    if summary:
        table = list(queries.summary_rows(survey))
        data = queries.to_csv(table) if fmt == "csv" else to_ods(table, "Answer counts")
        record_audit("survey.summary.export", "survey", survey.id, format=fmt, via=actor)
        return data
    table = list(queries.rows(survey, redact=redact))
    data = queries.to_csv(table) if fmt == "csv" else to_ods(table)
    record_audit(
        "survey.responses.export", "survey", survey.id, format=fmt, rows=len(table) - 1, redacted=redact, via=actor
    )
    return data
