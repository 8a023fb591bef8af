"""Open Referral UK services as a flat CSV (one row per service), for spreadsheets.

Columns are the standard's one-to-one service fields plus the organisation and the
category and need codes. Importing a row for a service we already hold changes only
these columns: its contacts, locations and times are kept. No Flask here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

from engage.localoffer import models as m
from engage.localoffer.oruk import service_to_oruk
from engage.localoffer.taxonomy import (
    CATEGORY_CODES,
    NEED_CODES,
    category_term_id,
    need_term_id,
)

SERVICE_FIELDS = (
    "id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "fees",
    "accreditations",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "assurer_email",
    "alert",
    "eligibility_description",
    "application_process",
)
ORG_FIELDS = ("organization_id", "organization_name", "organization_description", "organization_website")
COLUMNS = SERVICE_FIELDS + ORG_FIELDS + ("categories", "needs")


def _cell(value: Any) -> str:
    """A cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(services: Iterable[m.Service]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for service in services:
        doc = service_to_oruk(service)
        org = doc["organization"]
        codes = service.term_codes()
        row = [doc.get(f, "") for f in SERVICE_FIELDS]
        row += [org["id"], org["name"], org.get("description", ""), org.get("website", "")]
        row += [";".join(sorted(codes & CATEGORY_CODES)), ";".join(sorted(codes & NEED_CODES))]
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _number(text: str) -> Any:
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text  # left as text so validation reports it


def _attributes(row: dict[str, str], service_id: str) -> list[dict] | None:
    if not (row.get("categories") or row.get("needs")):
        return None
    out = []
    for code in filter(None, (c.strip() for c in (row.get("categories") or "").split(";"))):
        out.append({"id": m.new_id(), "taxonomy_term_id": category_term_id(code) if code in CATEGORY_CODES else code})
    for code in filter(None, (c.strip() for c in (row.get("needs") or "").split(";"))):
        out.append(
            {"id": m.new_id(), "taxonomy_term_id": need_term_id(code.upper()) if code.upper() in NEED_CODES else code}
        )
    return out


def from_csv(text: str, existing: Callable[[str], dict | None]) -> list[Any]:
    """Service documents from CSV text; ``existing(id)`` gives the current document to update."""
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    docs: list[Any] = []
    for row in rows:
        doc = dict(existing(row.get("id") or "") or {})
        for field in SERVICE_FIELDS:
            value = (row.get(field) or "").strip()
            if value:
                doc[field] = _number(value) if field.endswith("_age") else value
            elif field in doc and field not in ("id",):
                doc.pop(field)
        doc["organization"] = {
            "id": (row.get("organization_id") or "").strip(),
            "name": (row.get("organization_name") or "").strip(),
            "description": (row.get("organization_description") or "").strip(),
            "website": (row.get("organization_website") or "").strip(),
        }
        attributes = _attributes(row, doc.get("id", ""))
        if attributes is not None:
            doc["attributes"] = attributes
        docs.append(doc)
    return docs
