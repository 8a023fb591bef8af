"""Helpers for the curation tests: read a staff form the way a browser would, and compare documents."""

from __future__ import annotations

import copy
from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """The values a browser would send for each POST form of a page (unchanged by the person)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._text: list[str] = []
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._in_form, self.fields = True, []
            self.forms.append(self.fields)
        if not self._in_form:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            # HTML drops one newline straight after <textarea>; browsers send lines ending \r\n
            text = "".join(self._text).removeprefix("\n")
            self.fields.append((self._textarea, text.replace("\n", "\r\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._in_form:
            self._in_form = False


def form_fields(html: str) -> dict[str, list[str]]:
    """name -> the values a browser would post, for the page's main (largest) POST form."""
    reader = _FormReader()
    reader.feed(html)
    out: dict[str, list[str]] = {}
    for name, value in max(reader.forms, key=len):
        out.setdefault(name, []).append(value)
    return out


# ------------------------------------------------------------------ what each form field may touch


def _first(doc: dict, key: str) -> dict:
    return (doc.get(key) or [{}])[0]


def _location(doc: dict) -> dict:
    return _first(doc, "service_at_locations").get("location") or {}


def _physical(location: dict) -> dict:
    addresses = location.get("addresses") or [{}]
    return next((a for a in addresses if a.get("address_type") == "physical"), addresses[0])


def _drop_terms(doc: dict, ids: set[str]) -> None:
    doc["attributes"] = [
        a
        for a in doc.get("attributes") or []
        if (a.get("taxonomy_term_id") or (a.get("taxonomy_term") or {}).get("id")) not in ids
    ]


def strip_field(doc: dict, field: str) -> dict:
    """``doc`` without the parts the form field ``field`` is allowed to change (the test's own spec)."""
    from engage.localoffer.taxonomy import CATEGORY_CODES, NEED_CODES, category_term_id, need_term_id

    doc = copy.deepcopy(doc)
    text_keys = {"eligibility": "eligibility_description"}
    simple = ("name", "description", "eligibility", "application_process", "fees", "url", "email", "status")
    if field in simple + ("minimum_age", "maximum_age"):
        doc.pop(text_keys.get(field, field), None)
    elif field == "organization_id":
        doc.pop("organization", None), doc.pop("organization_id", None)
    elif field == "categories":
        _drop_terms(doc, {category_term_id(c) for c in CATEGORY_CODES})
    elif field == "needs":
        _drop_terms(doc, {need_term_id(c) for c in NEED_CODES})
    elif field == "cost":
        doc.pop("cost_options", None)
    elif field == "contact_name":
        _first(doc, "contacts").pop("name", None)
    elif field == "contact_phone":
        contact = _first(doc, "contacts")
        contact["phones"] = (contact.get("phones") or [])[1:]
    elif field == "opening_times":
        _first(doc, "schedules").pop("description", None)
    elif field == "languages":
        doc.pop("languages", None)
    elif field == "location_name":
        _location(doc).pop("name", None)
    elif field in ("address_1", "town", "postcode"):
        location = _location(doc)
        _physical(location).pop({"town": "city", "postcode": "postal_code"}.get(field, field), None)
        if field == "postcode":  # the map position follows the postcode
            location.pop("latitude", None), location.pop("longitude", None)
    elif field in ("latitude", "longitude"):
        _location(doc).pop(field, None)
    elif field == "accessibility":
        _location(doc).pop("accessibility", None)
    return without_shells(doc)


def without_shells(doc: dict) -> dict:
    """Drop contacts, schedules, addresses and locations holding nothing but ids (made or emptied by an edit)."""
    ids = {"id", "service_id", "location_id", "location_type", "country", "address_type"}

    def empty(item: dict) -> bool:
        return not any(v not in (None, "", []) for k, v in item.items() if k not in ids)

    for key in ("contacts", "schedules"):
        doc[key] = [item for item in doc.get(key) or [] if not empty(item)]
    for sal in doc.get("service_at_locations") or []:
        location = sal.get("location") or {}
        location["addresses"] = [a for a in location.get("addresses") or [] if not empty(a)]
        location.pop("addresses") if not location["addresses"] else None
    doc["service_at_locations"] = [
        sal for sal in doc.get("service_at_locations") or [] if not empty(sal.get("location") or {})
    ]
    return doc


#: parts of a stored document that publishing itself changes (a second person has just checked it)
PUBLISHING_MARKS = ("last_modified", "assured_date")


#: lists the models keep without a position: PostgreSQL returns them in whatever order the rows lie, which an
#: UPDATE elsewhere in the entry can change, so the comparison is by id
UNORDERED = ("attributes", "cost_options")


def stored(doc: dict) -> dict:
    """A stored document without the marks publishing leaves."""
    doc = copy.deepcopy(doc)
    for key in PUBLISHING_MARKS:
        doc.pop(key, None)
    for key in UNORDERED:
        if isinstance(doc.get(key), list):
            doc[key] = sorted(doc[key], key=lambda item: str(item.get("id")))
    for sal in doc.get("service_at_locations") or []:
        location = sal.get("location") or {}
        if isinstance(location.get("accessibility"), list):
            location["accessibility"] = sorted(location["accessibility"], key=lambda item: str(item.get("id")))
    return doc
