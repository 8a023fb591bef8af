"""Exports of responses (CSV or ODS), audited."""

from __future__ import annotations

from engage.audit import record_audit
from engage.spreadsheets import ODS_MIMETYPE, ods_bytes
from engage.surveys import queries
from engage.surveys.definitions import Survey

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "ods": ODS_MIMETYPE}


def export_file(survey: Survey, fmt: str, *, redact: bool, actor: str = "web", summary: bool = False) -> bytes:
    """The file's bytes (one row per response, or answer counts); every export is audited."""
    if summary:
        table = list(queries.summary_rows(survey))
        data = queries.to_csv(table) if fmt == "csv" else ods_bytes([("Answer counts", table)])
        record_audit("survey.summary.export", "survey", survey.id, format=fmt, via=actor)
        return data
    table = list(queries.rows(survey, redact=redact))
    data = queries.to_csv(table) if fmt == "csv" else ods_bytes([("Responses", table)])
    record_audit(
        "survey.responses.export", "survey", survey.id, format=fmt, rows=len(table) - 1, redacted=redact, via=actor
    )
    return data
