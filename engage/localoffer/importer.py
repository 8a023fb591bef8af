"""Importing Open Referral UK JSON: validate the whole file, then apply it all or nothing.

Accepted shapes: one service object, a list page (an object with ``contents``), or an array
of service objects. Every problem is listed with its record (position and id) and field;
if there is any, nothing is written.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import uuid
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from engage.localoffer import models as m
from engage.localoffer import oruk

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?(Z|[+-][0-9:]+)?$")
#: fields we read but do not keep: reported as warnings, not errors
_NOT_STORED = ("funding", "service_areas")
MAX_RECORDS = 20000


@dataclasses.dataclass(frozen=True)
class Problem:
    record: int  #: position in the file, from 1 (0: the file itself)
    record_id: str  #: the record's Open Referral id, if it had one
    field: str  #: path inside the record, e.g. "service_at_locations[0].location.id"
    message: str

    def __str__(self) -> str:
        where = f"record {self.record}" + (f" ({self.record_id})" if self.record_id else "")
        return f"{where}, {self.field or '-'}: {self.message}"


@dataclasses.dataclass
class ImportResult:
    created: list[str] = dataclasses.field(default_factory=list)
    updated: list[str] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)
    warnings: list[Problem] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class ImportRejected(Exception):  # noqa: N818 - "rejected" says it is an error
    """The file had problems; nothing was imported."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__(f"{len(result.problems)} problem(s); nothing imported")
        self.result = result


def records_of(data: Any) -> list[Any] | None:
    """The service records in a parsed file, or None when its shape is not one we accept."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return data["contents"]
    if isinstance(data, dict) and "id" in data:
        return [data]
    return None


class _Checker:
    """Collects the problems of one record."""

    def __init__(self, index: int, record_id: str, out: list[Problem], warnings: list[Problem]):
        self.index, self.record_id, self.out, self.warnings = index, record_id, out, warnings

    def fail(self, field: str, message: Any) -> None:
        self.out.append(Problem(self.index, self.record_id, field, str(message)))

    def warn(self, field: str, message: Any) -> None:
        self.warnings.append(Problem(self.index, self.record_id, field, str(message)))

    def string(self, doc: dict, key: str, path: str, required: bool = False) -> str | None:
        value = doc.get(key)
        if value is None or value == "":
            if required:
                self.fail(path + key, _l("is required"))
            return None
        if not isinstance(value, str):
            self.fail(path + key, _l("must be text"))
            return None
        return value

    def ident(self, doc: dict, key: str, path: str) -> str | None:
        value = self.string(doc, key, path, required=True)
        if value is not None and not _is_uuid(value):
            self.fail(path + key, _l("must be a UUID, like 3fa85f64-5717-4562-b3fc-2c963f66afa6"))
            return None
        return value

    def link(self, doc: dict, key: str, path: str) -> None:
        value = self.string(doc, key, path)
        if value is not None and not re.match(r"^https?://[^\s/]+\.[^\s]*$|^https?://[^\s/]+$", value):
            self.fail(path + key, _l("must be a web address starting http:// or https://"))

    def email(self, doc: dict, key: str, path: str) -> None:
        value = self.string(doc, key, path)
        if value is not None and not _EMAIL.match(value):
            self.fail(path + key, _l("must be an email address"))

    def choice(self, doc: dict, key: str, path: str, allowed: tuple, required: bool = False) -> None:
        value = self.string(doc, key, path, required)
        if value is not None and value not in allowed:
            self.fail(path + key, _l("must be one of: %(allowed)s", allowed=", ".join(allowed)))

    def number(self, doc: dict, key: str, path: str, low: float, high: float) -> float | None:
        value = doc.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(path + key, _l("must be a number"))
            return None
        if not low <= value <= high:
            self.fail(path + key, _l("must be between %(low)s and %(high)s", low=low, high=high))
            return None
        return value

    def objects(self, doc: dict, key: str, path: str) -> list[tuple[str, dict]]:
        """The items of an array of objects, each with its path, checking each has an id."""
        value = doc.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path + key, _l("must be a list"))
            return []
        items = []
        for i, item in enumerate(value):
            here = f"{path}{key}[{i}]"
            if not isinstance(item, dict):
                self.fail(here, _l("must be an object"))
                continue
            self.ident(item, "id", here + ".")
            items.append((here + ".", item))
        return items


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return len(value) == 36


def _check_ages(c: _Checker, doc: dict) -> None:
    low = c.number(doc, "minimum_age", "", 0, 130)
    high = c.number(doc, "maximum_age", "", 0, 130)
    for key, value in (("minimum_age", low), ("maximum_age", high)):
        if value is not None and value != int(value):
            c.fail(key, _l("must be a whole number of years"))
    if low is not None and high is not None and low > high:
        c.fail("maximum_age", _l("must not be less than minimum_age"))


def _check_date(c: _Checker, doc: dict, key: str, path: str = "") -> None:
    value = c.string(doc, key, path)
    if value is None:
        return
    try:
        datetime.date.fromisoformat(value[:10])
    except ValueError:
        c.fail(path + key, _l("must be a date like 2025-01-31"))


def _check_organization(c: _Checker, doc: dict, known_orgs: set[str]) -> None:
    org = doc.get("organization")
    if org is None:
        org_id = c.string(doc, "organization_id", "")
        if org_id is None:
            c.fail("organization", _l("is required (an organization object or organization_id)"))
        elif org_id not in known_orgs:
            c.fail("organization_id", _l("is not a known organization; include the organization object"))
        return
    if not isinstance(org, dict):
        c.fail("organization", _l("must be an object"))
        return
    c.ident(org, "id", "organization.")
    c.string(org, "name", "organization.", required=True)
    c.string(org, "description", "organization.")
    c.email(org, "email", "organization.")
    c.link(org, "website", "organization.")


def _check_location(c: _Checker, path: str, loc: Any) -> None:
    if not isinstance(loc, dict):
        c.fail(path + "location", _l("is required and must be an object"))
        return
    path += "location."
    c.ident(loc, "id", path)
    c.choice(loc, "location_type", path, oruk.LOCATION_TYPES, required=True)
    c.string(loc, "name", path)
    for key, limit in (("latitude", 90), ("longitude", 180)):
        value = loc.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            c.fail(path + key, _l("must be a number"))
        elif value is not None and not -limit <= value <= limit:
            c.warn(path + key, _l("is out of range and was not stored"))
            loc[key] = None
    for here, address in c.objects(loc, "addresses", path):
        c.string(address, "address_1", here, required=True)
        c.string(address, "postal_code", here, required=True)
        c.string(address, "city", here)
    for here, item in c.objects(loc, "accessibility", path):
        c.link(item, "url", here)
        c.string(item, "description", here)


def _check_children(c: _Checker, doc: dict, known_terms: set[str]) -> None:
    for here, contact in c.objects(doc, "contacts", ""):
        c.string(contact, "name", here)
        c.email(contact, "email", here)
        for phone_path, phone in c.objects(contact, "phones", here):
            c.string(phone, "number", phone_path, required=True)
    for here, schedule in c.objects(doc, "schedules", ""):
        c.choice(schedule, "freq", here, ("WEEKLY", "MONTHLY"))
        for key in ("opens_at", "closes_at"):
            value = c.string(schedule, key, here)
            if value is not None and not _TIME.match(value):
                c.fail(here + key, _l("must be a time like 09:30"))
        c.number(schedule, "interval", here, 1, 366)
    for here, lang in c.objects(doc, "languages", ""):
        c.string(lang, "name", here)
        c.string(lang, "code", here)
    for here, cost in c.objects(doc, "cost_options", ""):
        c.number(cost, "amount", here, 0, 1_000_000)
        c.string(cost, "option", here)
    for here, attribute in c.objects(doc, "attributes", ""):
        _check_attribute(c, here, attribute, known_terms)
    for here, sal in c.objects(doc, "service_at_locations", ""):
        _check_location(c, here, sal.get("location"))


def _check_attribute(c: _Checker, here: str, attribute: dict, known_terms: set[str]) -> None:
    term = attribute.get("taxonomy_term")
    if isinstance(term, dict):
        c.ident(term, "id", here + "taxonomy_term.")
        c.string(term, "name", here + "taxonomy_term.", required=True)
        return
    if term is not None:
        c.fail(here + "taxonomy_term", _l("must be an object"))
        return
    term_id = c.string(attribute, "taxonomy_term_id", here, required=True)
    if term_id is not None and term_id not in known_terms:
        c.fail(here + "taxonomy_term_id", _l("is not a known taxonomy term; include taxonomy_term"))


def check_record(index: int, doc: Any, known: dict[str, set[str]], result: ImportResult) -> None:
    """Add every problem of one service record to ``result``."""
    if not isinstance(doc, dict):
        result.problems.append(Problem(index, "", "", str(_l("must be a service object"))))
        return
    record_id = doc.get("id") if isinstance(doc.get("id"), str) else ""
    c = _Checker(index, record_id[:40], result.problems, result.warnings)
    c.ident(doc, "id", "")
    c.string(doc, "name", "", required=True)
    c.choice(doc, "status", "", oruk.STATUSES, required=True)
    for key in ("description", "fees", "accreditations", "alert", "eligibility_description", "application_process"):
        c.string(doc, key, "")
    c.link(doc, "url", "")
    c.email(doc, "email", "")
    c.email(doc, "assurer_email", "")
    _check_date(c, doc, "assured_date")
    _check_ages(c, doc)
    _check_organization(c, doc, known["organizations"])
    _check_children(c, doc, known["terms"])
    for key in _NOT_STORED:
        if doc.get(key):
            c.warn(key, _l("is not kept by Engage and was skipped"))


def _check_duplicates(records: list[Any], result: ImportResult) -> None:
    seen: dict[str, int] = {}
    for index, doc in enumerate(records, 1):
        if isinstance(doc, dict) and isinstance(doc.get("id"), str):
            if doc["id"] in seen:
                message = _l("appears twice in the file (also record %(n)s)", n=seen[doc["id"]])
                result.problems.append(Problem(index, doc["id"][:40], "id", str(message)))
            seen.setdefault(doc["id"], index)


def validate(data: Any, known: dict[str, set[str]]) -> tuple[list[dict], ImportResult]:
    """Check a whole parsed file; the result lists every problem found."""
    result = ImportResult()
    records = records_of(data)
    if records is None:
        message = _l("must be a service object, a list page with contents, or an array of services")
        result.problems.append(Problem(0, "", "", str(message)))
        return [], result
    if not records:
        result.problems.append(Problem(0, "", "", str(_l("contains no services"))))
    if len(records) > MAX_RECORDS:
        result.problems.append(Problem(0, "", "", str(_l("has too many records"))))
        return [], result
    known = _with_file_ids(records, known)
    for index, doc in enumerate(records, 1):
        check_record(index, doc, known, result)
    _check_duplicates(records, result)
    _check_child_ids(records, result)
    return records, result


#: the lists of a service whose items are rows of their own, keyed by their Open Referral id
CHILD_TABLES = {
    "contacts": m.Contact,
    "schedules": m.Schedule,
    "languages": m.ServiceLanguage,
    "cost_options": m.CostOption,
    "attributes": m.ServiceAttribute,
    "service_at_locations": m.ServiceAtLocation,
}


def _child_ids(doc: Any) -> list[tuple[str, str, str]]:
    """(list name, path, id) of every child row a record would write."""
    if not isinstance(doc, dict):
        return []
    found = []
    for key in CHILD_TABLES:
        items = doc.get(key) if isinstance(doc.get(key), list) else []
        found += [(key, f"{key}[{i}].id", item["id"]) for i, item in enumerate(items) if _has_id(item)]
    return found


def _has_id(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("id"), str)


def _check_child_ids(records: list[Any], result: ImportResult) -> None:
    """A contact (schedule, language...) id used twice would make one row out of two: refuse it by name."""
    seen: dict[tuple[str, str], tuple[int, str]] = {}
    for index, doc in enumerate(records, 1):
        record_id = doc["id"][:40] if _has_id(doc) else ""
        for key, path, child_id in _child_ids(doc):
            if (key, child_id) in seen:
                first, first_path = seen[(key, child_id)]
                message = _l("is used twice (also record %(n)s, %(path)s)", n=first, path=first_path)
                result.problems.append(Problem(index, record_id, path, str(message)))
            seen.setdefault((key, child_id), (index, path))


def check_owners(session: Session, records: list[Any], result: ImportResult) -> None:
    """Refuse child ids that already belong to another service (updating would move or clash with them)."""
    from sqlalchemy import select

    wanted: dict[str, list[tuple[int, str, str, str]]] = {key: [] for key in CHILD_TABLES}
    for index, doc in enumerate(records, 1):
        for key, path, child_id in _child_ids(doc) if _has_id(doc) else []:
            wanted[key].append((index, doc["id"], path, child_id))
    for key, rows in wanted.items():
        table, owners = CHILD_TABLES[key], {}
        ids = sorted({row[3] for row in rows})
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            owners.update(
                (row[0], row[1])
                for row in session.execute(select(table.id, table.service_id).where(table.id.in_(chunk)))
            )
        for index, service_id, path, child_id in rows:
            if owners.get(child_id, service_id) != service_id:
                message = _l("already belongs to another service (%(owner)s)", owner=owners[child_id])
                result.problems.append(Problem(index, service_id[:40], path, str(message)))


def _with_file_ids(records: list[Any], known: dict[str, set[str]]) -> dict[str, set[str]]:
    """Organizations and terms defined anywhere in the file may be referred to by id."""
    orgs, terms = set(known["organizations"]), set(known["terms"])
    for doc in records:
        if not isinstance(doc, dict):
            continue
        if isinstance(doc.get("organization"), dict):
            orgs.add(str(doc["organization"].get("id")))
        attributes = doc.get("attributes") if isinstance(doc.get("attributes"), list) else []
        for attribute in attributes:
            if isinstance(attribute, dict) and isinstance(attribute.get("taxonomy_term"), dict):
                terms.add(str(attribute["taxonomy_term"].get("id")))
    return {"organizations": orgs, "terms": terms}


def known_ids(session: Session) -> dict[str, set[str]]:
    """Ids a file may refer to without including the record."""
    from sqlalchemy import select

    return {
        "organizations": set(session.scalars(select(m.Organization.id))),
        "terms": set(session.scalars(select(m.TaxonomyTerm.id))),
    }
