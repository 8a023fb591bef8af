"""Readable differences between two versions of a service or an information page.

A reviewer reads a change field by field, in words ("Opening times: Wednesday 09:00–16:00 →
removed"), with the changed words marked. Ids, Open Referral paths and the order of lists mean
nothing to a reviewer, so a document is first *described*: each field becomes the words a family
would read, and each list (contacts, opening times, languages...) a set of such lines, compared
by meaning rather than by position.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from typing import Any

from flask_babel import lazy_gettext as _l

from engage.localoffer.editing import term_code
from engage.localoffer.forms import CATEGORY_LABELS, NEED_LABELS
from engage.localoffer.taxonomy import CATEGORY_CODES, NEED_CODES, category_term_id, need_term_id

_CATEGORY_BY_ID = {category_term_id(c): c for c in CATEGORY_CODES}
_NEED_BY_ID = {need_term_id(c): c for c in NEED_CODES}
DAYS = {
    "MO": _l("Monday"),
    "TU": _l("Tuesday"),
    "WE": _l("Wednesday"),
    "TH": _l("Thursday"),
    "FR": _l("Friday"),
    "SA": _l("Saturday"),
    "SU": _l("Sunday"),
}
STATUS_LABELS = {
    "active": _l("Active"),
    "temporarily closed": _l("Temporarily closed"),
    "inactive": _l("Inactive"),
    "defunct": _l("Closed for good"),
}
#: field -> its label, in the order a reviewer reads them
SERVICE_LABELS = {
    "name": _l("Name"),
    "organization": _l("Organisation"),
    "status": _l("Status"),
    "description": _l("What the service offers"),
    "categories": _l("Categories"),
    "needs": _l("Needs"),
    "other_terms": _l("Other classifications"),
    "minimum_age": _l("Youngest age"),
    "maximum_age": _l("Oldest age"),
    "eligibility_description": _l("Who it is for"),
    "application_process": _l("How to access it or be referred"),
    "cost_options": _l("Cost"),
    "fees": _l("Details of charges"),
    "url": _l("Website"),
    "email": _l("Email"),
    "contacts": _l("Contacts"),
    "schedules": _l("Opening times"),
    "languages": _l("Languages spoken"),
    "locations": _l("Venues"),
    "accessibility": _l("Accessibility of the venue"),
    "accreditations": _l("Accreditations"),
    "alert": _l("Alert"),
    "assured_date": _l("Last checked"),
    "assurer_email": _l("Checked by"),
}
PAGE_LABELS = {"title": _l("Title"), "body": _l("Content"), "owner": _l("Owner"), "review_due": _l("Next review due")}


@dataclasses.dataclass(frozen=True)
class Piece:
    """A run of words: ``same`` in both versions, ``removed`` or ``added``."""

    kind: str
    text: str


@dataclasses.dataclass(frozen=True)
class Change:
    """One field that changed, as pieces of text to show in order."""

    label: Any
    pieces: tuple[Piece, ...]


# ------------------------------------------------------------------- describing a service


def _join(*parts: Any) -> str:
    return ", ".join(str(p) for p in parts if p not in (None, ""))


def _schedule(s: dict) -> str:
    days = " ".join(str(DAYS.get(d.strip(), d.strip())) for d in (s.get("byday") or "").split(",") if d.strip())
    if s.get("freq") == "MONTHLY":
        days = _join(_l("monthly"), days)
    elif (s.get("interval") or 1) > 1:
        days = _join(days, _l("every %(n)s weeks", n=s["interval"]))
    hours = "–".join(t[:5] for t in (s.get("opens_at"), s.get("closes_at")) if t)
    return _join(" ".join(p for p in (days, hours) if p), s.get("description"), s.get("attending_type"), s.get("notes"))


def _contact(c: dict) -> str:
    return _join(c.get("name"), c.get("title"), c.get("email"), *(p.get("number") for p in c.get("phones") or []))


def _cost(c: dict) -> str:
    amount = c.get("amount")
    price = (_l("free") if not amount else f"£{amount:g}") if amount is not None else None
    return _join(c.get("option"), " ".join(str(p) for p in (price, c.get("amount_description")) if p))


def _location(loc: dict) -> str:
    address = next(iter(loc.get("addresses") or []), {})
    fields = ("address_1", "city", "state_province", "postal_code")
    return _join(loc.get("name"), *(address.get(k) for k in fields), loc.get("description"))


def _terms(doc: dict) -> tuple[set, set, set]:
    categories, needs, other = set(), set(), set()
    for attribute in doc.get("attributes") or []:
        if code := term_code(attribute, _CATEGORY_BY_ID):
            categories.add(str(CATEGORY_LABELS[code]))
        elif code := term_code(attribute, _NEED_BY_ID):
            needs.add(str(NEED_LABELS[code]))
        else:
            other.add((attribute.get("taxonomy_term") or {}).get("name") or attribute.get("taxonomy_term_id") or "")
    return categories, needs, other - {""}


def describe_service(doc: dict | None) -> dict[str, Any]:
    """A service document as words: text per field, a set of lines per list."""
    doc = doc or {}
    locations = [sal.get("location") or {} for sal in doc.get("service_at_locations") or []]
    categories, needs, other = _terms(doc)
    words: dict[str, Any] = {key: doc.get(key) for key in SERVICE_LABELS}
    words.update(
        organization=(doc.get("organization") or {}).get("name") or doc.get("organization_id"),
        status=STATUS_LABELS.get(doc.get("status") or "", doc.get("status")),
        categories=categories,
        needs=needs,
        other_terms=other,
        cost_options={_cost(c) for c in doc.get("cost_options") or []},
        contacts={_contact(c) for c in doc.get("contacts") or []},
        schedules={_schedule(s) for s in doc.get("schedules") or []},
        languages={lang.get("name") or lang.get("code") or "" for lang in doc.get("languages") or []},
        locations={_location(loc) for loc in locations},
        accessibility={
            _join(a.get("description"), a.get("details")) for loc in locations for a in loc.get("accessibility") or []
        },
    )
    return {k: ({x for x in v if x} if isinstance(v, set) else v) for k, v in words.items()}


#: parts the service form shows only in part (or not at all): listed beside it, so an editor sees what is kept
KEPT_PARTS = ("schedules", "contacts", "cost_options", "locations", "other_terms", "accreditations", "alert")


def kept_parts(doc: dict | None) -> list[tuple[Any, list[str]]]:
    """(label, lines) of what an entry holds beyond the form's fields, for the edit page."""
    words = describe_service(doc)
    parts = [(key, words.get(key)) for key in KEPT_PARTS]
    return [(SERVICE_LABELS[k], sorted(v) if isinstance(v, set) else [v]) for k, v in parts if v]


# ---------------------------------------------------------------------- comparing


def _words(text: str) -> list[str]:
    return re.findall(r"\s+|[^\s]+", text)


def inline(before: str, after: str) -> tuple[Piece, ...]:
    """One text turned into another, word by word."""
    a, b = _words(before), _words(after)
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(b[j1:j2])))
    if not any(p.kind == "same" and p.text.strip() for p in pieces):  # nothing shared: say "old → new"
        return (Piece("removed", before), Piece("arrow", ""), Piece("added", after))
    return tuple(pieces)


def _text(value: Any) -> str:
    return "" if value is None else str(value).replace("\r\n", "\n").strip()


def _compare_text(before: Any, after: Any) -> tuple[Piece, ...]:
    a, b = _text(before), _text(after)
    if a == b:
        return ()
    if not a:
        return (Piece("added", b),)
    if not b:
        return (Piece("removed", a), Piece("arrow", ""), Piece("gone", ""))
    return inline(a, b)


def _compare_set(before: set, after: set) -> tuple[Piece, ...]:
    gone, new = sorted(before - after), sorted(after - before)
    if len(gone) == 1 and len(new) == 1:
        return inline(gone[0], new[0])
    pieces: list[Piece] = []
    for line in gone:
        pieces += [Piece("removed", line), Piece("arrow", ""), Piece("gone", ""), Piece("break", "")]
    for line in new:
        pieces += [Piece("added", line), Piece("break", "")]
    return tuple(pieces[:-1])


def compare(before: dict[str, Any], after: dict[str, Any], labels: dict[str, Any]) -> list[Change]:
    """The fields that differ between two described versions, in the labels' order."""
    changes = []
    for key, label in labels.items():
        a, b = before.get(key), after.get(key)
        if isinstance(a, set) or isinstance(b, set):
            pieces = _compare_set(a or set(), b or set())
        else:
            pieces = _compare_text(a, b)
        if pieces:
            changes.append(Change(label, pieces))
    return changes


def service_changes(before: dict | None, after: dict | None) -> list[Change]:
    """What changed between two Open Referral documents of a service."""
    return compare(describe_service(before), describe_service(after), SERVICE_LABELS)


def page_changes(before: dict | None, after: dict | None) -> list[Change]:
    """What changed between two versions of an information page."""
    return compare(before or {}, after or {}, PAGE_LABELS)


def as_text(changes: list[Change]) -> str:
    """Changes as plain lines ("Opening times: Wednesday 09:00–16:00 → removed"), for the revision record."""
    marks = {"same": "{}", "removed": "[-{}-]", "added": "{+{}+}", "arrow": " → ", "gone": "removed", "break": "; "}
    return "\n".join(
        f"{change.label}: "
        + "".join(
            marks[p.kind].replace("{}", p.text) if p.kind in ("same", "removed", "added") else marks[p.kind]
            for p in change.pieces
        )
        for change in changes
    )
