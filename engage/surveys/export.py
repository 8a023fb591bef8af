"""Exports of responses (CSV or ODS), audited: in words by default, or with the stored codes for scripts."""

from __future__ import annotations

from engage.audit import record_audit
from engage.spreadsheets import ODS_MIMETYPE, ods_bytes
from engage.surveys import labelled, queries
from engage.surveys.definitions import Survey

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "ods": ODS_MIMETYPE}
#: Column layouts: "words" for people (question texts, labels, dates in words); "codes" for scripts (question
#: ids, option ids, language codes, channel slugs, ISO times), stable across versions.
LAYOUTS = ("words", "codes")


def export_file(
    survey: Survey, fmt: str, *, redact: bool, actor: str = "web", summary: bool = False, layout: str = "words"
) -> bytes:
    """The file's bytes (one row per response, or answer counts); every export is audited."""
    codes = layout == "codes"
    if summary:
        table = list(queries.summary_rows(survey) if codes else labelled.summary_rows(survey))
        data = queries.to_csv(table) if fmt == "csv" else ods_bytes([("Answer counts", table)])
        record_audit("survey.summary.export", "survey", survey.id, format=fmt, layout=layout, via=actor)
        return data
    table = list(queries.rows(survey, redact=redact) if codes else labelled.rows(survey, redact=redact))
    data = queries.to_csv(table) if fmt == "csv" else ods_bytes([("Responses", table)])
    record_audit(
        "survey.responses.export",
        "survey",
        survey.id,
        format=fmt,
        layout=layout,
        rows=len(table) - 1,
        redacted=redact,
        via=actor,
    )
    return data


def layout_from(value: str | None) -> str:
    """The layout a request asked for; anything else is the layout in words."""
    return value if value in LAYOUTS else "words"
