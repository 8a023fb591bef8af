"""Between the moderators' service form and an Open Referral document. No Flask here.

The form shows a part of a service: the first contact's name and phone, the first schedule's
description, the first location's address... A document holds much more (structured opening
times, contact emails, cost details, a county, terms from other taxonomies). So an edit is
a *merge*: each form field reads its part of the document, and only a field whose submitted
value differs from what the form showed writes its part back. Everything else, ids included,
is carried over untouched. (Rebuilding the document from the form lost every part the form
does not show: issue 16.)
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from engage.localoffer import districts
from engage.localoffer.models import new_id
from engage.localoffer.taxonomy import CATEGORY_CODES, NEED_CODES, category_term_id, need_term_id

LANGUAGE_CODES = {
    "english": "en",
    "polish": "pl",
    "romanian": "ro",
    "lithuanian": "lt",
    "urdu": "ur",
    "bengali": "bn",
    "arabic": "ar",
    "punjabi": "pa",
    "british sign language": "bfi",
    "bsl": "bfi",
    "welsh": "cy",
}
#: Engage's own term ids, back to their codes (pending documents carry only the id)
_CATEGORY_BY_ID = {category_term_id(c): c for c in CATEGORY_CODES}
_NEED_BY_ID = {need_term_id(c): c for c in NEED_CODES}

#: form field -> the document key it edits, for the one-to-one text fields
_TEXT_KEYS = {
    "name": "name",
    "description": "description",
    "eligibility": "eligibility_description",
    "application_process": "application_process",
    "fees": "fees",
    "url": "url",
    "email": "email",
}


def _text(value: Any) -> str:
    """Text as a browser sends it back: no surrounding space, \\n line ends."""
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _set(doc: dict, key: str, value: Any) -> None:
    """Set a key, or drop it when empty (Open Referral leaves empty values out)."""
    if value is None or value == "":
        doc.pop(key, None)
    else:
        doc[key] = value


# ---------------------------------------------------------------- the parts of a document


def _first(doc: dict, key: str) -> dict:
    items = doc.get(key) or []
    return items[0] if items else {}


def _contact(doc: dict, create: bool) -> dict:
    if not doc.get("contacts") and create:
        doc["contacts"] = [{"id": new_id()}]
    return _first(doc, "contacts")


def _location(doc: dict, create: bool) -> dict:
    if not doc.get("service_at_locations") and create:
        doc["service_at_locations"] = [{"id": new_id(), "location": {"id": new_id(), "location_type": "physical"}}]
    sal = _first(doc, "service_at_locations")
    return sal.setdefault("location", {}) if sal else {}


def _address(doc: dict, create: bool) -> dict:
    location = _location(doc, create)
    if not location.get("addresses") and create:
        location["addresses"] = [{"id": new_id(), "country": "GB", "address_type": "physical"}]
    addresses = location.get("addresses") or [{}]
    return next((a for a in addresses if a.get("address_type") == "physical"), addresses[0])


def _prune(doc: dict, key: str) -> None:
    """Drop the first contact or schedule when the edit left it holding nothing but its id."""
    items = doc.get(key) or []
    if items and not (set(items[0]) - {"id", "service_id", "phones"} or items[0].get("phones")):
        doc[key] = items[1:]


def _prune_address(doc: dict) -> None:
    """Drop the address when the edit emptied both its first line and its postcode."""
    location = _location(doc, False)
    addresses = location.get("addresses") or []
    address = _address(doc, False)
    if address in addresses and not (address.get("address_1") or address.get("postal_code")):
        addresses.remove(address)


def term_code(attribute: dict, codes: dict[str, str]) -> str | None:
    """The category or need code of an attribute (Engage's own terms only), else None."""
    return codes.get(attribute.get("taxonomy_term_id") or (attribute.get("taxonomy_term") or {}).get("id"))


# ---------------------------------------------------------------------- reading


def _read_terms(doc: dict, codes: dict[str, str]) -> list[str]:
    return sorted({c for a in doc.get("attributes") or [] if (c := term_code(a, codes))})


def _read_cost(doc: dict) -> str:
    amounts = [c.get("amount") for c in doc.get("cost_options") or []]
    if not amounts:
        return ""
    return "free" if not any(amounts) else "paid"


def _language_name(lang: dict) -> str:
    return lang.get("name") or lang.get("code") or ""


def form_data(doc: dict) -> dict[str, Any]:
    """What the form shows of a document."""
    contact, schedule = _first(doc, "contacts"), _first(doc, "schedules")
    location = _first(doc, "service_at_locations").get("location") or {}
    addresses = location.get("addresses") or [{}]
    address = next((a for a in addresses if a.get("address_type") == "physical"), addresses[0])
    data: dict[str, Any] = {form: doc.get(key) for form, key in _TEXT_KEYS.items()}
    data.update(
        organization_id=(doc.get("organization") or {}).get("id") or doc.get("organization_id"),
        status=doc.get("status", "active"),
        categories=_read_terms(doc, _CATEGORY_BY_ID),
        needs=_read_terms(doc, _NEED_BY_ID),
        minimum_age=doc.get("minimum_age"),
        maximum_age=doc.get("maximum_age"),
        cost=_read_cost(doc),
        contact_name=contact.get("name"),
        contact_phone=(contact.get("phones") or [{}])[0].get("number"),
        opening_times=schedule.get("description"),
        languages=", ".join(n for n in map(_language_name, doc.get("languages") or []) if n),
        location_name=location.get("name"),
        address_1=address.get("address_1"),
        town=address.get("city"),
        postcode=address.get("postal_code"),
        latitude=_coordinate_text(location.get("latitude")),
        longitude=_coordinate_text(location.get("longitude")),
        accessibility="\n".join(a.get("description", "") for a in location.get("accessibility") or []),
    )
    return data


def _coordinate_text(value: Any) -> str | None:
    return None if value is None else f"{float(value):.6f}".rstrip("0").rstrip(".")


def same(before: Any, after: Any) -> bool:
    """Whether a submitted value is what the form showed (so the field was not edited)."""
    if isinstance(before, list) or isinstance(after, list):
        return sorted(before or []) == sorted(after or [])
    if isinstance(before, int) or isinstance(after, int):
        return before == after
    return _text(before) == _text(after)


# ---------------------------------------------------------------------- writing


def _write_text(key: str) -> Callable[[dict, Any, dict], None]:
    def write(doc: dict, value: Any, _org: dict) -> None:
        _set(doc, key, _text(value))

    return write


def _write_plain(key: str) -> Callable[[dict, Any, dict], None]:
    def write(doc: dict, value: Any, _org: dict) -> None:
        _set(doc, key, value)

    return write


def _write_organization(doc: dict, _value: Any, organization: dict) -> None:
    doc["organization"] = organization
    doc["organization_id"] = organization["id"]


def _write_terms(codes: dict[str, str], term_id: Callable[[str], str]) -> Callable[[dict, Any, dict], None]:
    def write(doc: dict, value: Any, _org: dict) -> None:
        wanted = list(value or [])
        kept = [a for a in doc.get("attributes") or [] if term_code(a, codes) in (None, *wanted)]
        have = {term_code(a, codes) for a in kept}
        doc["attributes"] = kept + [{"id": new_id(), "taxonomy_term_id": term_id(c)} for c in wanted if c not in have]

    return write


def _write_cost(doc: dict, value: Any, _org: dict) -> None:
    options = doc.get("cost_options") or []
    if value == "free":
        options = [{**o, "amount": 0} for o in options] or [{"id": new_id(), "option": "free", "amount": 0}]
    elif value == "paid":
        options = [o for o in options if o.get("amount")] or [{"id": new_id(), "option": "paid", "amount": 1}]
    else:
        options = []
    doc["cost_options"] = options


def _write_contact_name(doc: dict, value: Any, _org: dict) -> None:
    _set(_contact(doc, bool(_text(value))), "name", _text(value))
    _prune(doc, "contacts")


def _write_contact_phone(doc: dict, value: Any, _org: dict) -> None:
    contact = _contact(doc, bool(_text(value)))
    phones = contact.get("phones") or []
    if _text(value):
        contact["phones"] = [{**(phones[0] if phones else {"id": new_id()}), "number": _text(value)}] + phones[1:]
    elif contact:
        _set(contact, "phones", phones[1:])
    _prune(doc, "contacts")


def _write_opening_times(doc: dict, value: Any, _org: dict) -> None:
    if not doc.get("schedules") and _text(value):
        doc["schedules"] = [{"id": new_id()}]
    if doc.get("schedules"):
        _set(doc["schedules"][0], "description", _text(value))
    _prune(doc, "schedules")


def _write_languages(doc: dict, value: Any, _org: dict) -> None:
    existing = {_language_name(lang).casefold(): lang for lang in doc.get("languages") or [] if _language_name(lang)}
    nameless = [lang for lang in doc.get("languages") or [] if not _language_name(lang)]
    names = [n.strip() for n in _text(value).split(",") if n.strip()]
    doc["languages"] = nameless + [
        existing.get(n.casefold())
        or {k: v for k, v in (("id", new_id()), ("name", n), ("code", LANGUAGE_CODES.get(n.casefold()))) if v}
        for n in dict.fromkeys(names)
    ]


def _write_location_name(doc: dict, value: Any, _org: dict) -> None:
    _set(_location(doc, bool(_text(value))), "name", _text(value))


def _write_address(key: str) -> Callable[[dict, Any, dict], None]:
    def write(doc: dict, value: Any, _org: dict) -> None:
        text = _text(value).upper() if key == "postal_code" else _text(value)
        _set(_address(doc, bool(text)), key, text)
        if key == "postal_code":
            _follow_postcode(_location(doc, False), text)
        _prune_address(doc)

    return write


def _follow_postcode(location: dict, postcode: str) -> None:
    """The map position moves with the postcode (dropped when the postcode is not one we know)."""
    if not location:
        return
    place = districts.lookup(postcode) if postcode else None
    _set(location, "latitude", place.latitude if place else None)
    _set(location, "longitude", place.longitude if place else None)


def _write_coordinate(key: str) -> Callable[[dict, Any, dict], None]:
    """Coordinates staff type win over the postcode's; emptied, the service goes back to its postcode's.
    (Written after the postcode, so a new postcode with typed coordinates keeps the typed ones.)"""

    def write(doc: dict, value: Any, _org: dict) -> None:
        text = _text(value)
        location = _location(doc, bool(text))
        if not location:
            return
        if text:
            _set(location, key, round(float(text), 6))
            return
        postcode = _address(doc, False).get("postal_code")
        place = districts.lookup(postcode) if postcode else None
        _set(location, key, getattr(place, key) if place else None)

    return write


def _write_accessibility(doc: dict, value: Any, _org: dict) -> None:
    lines = [line.strip() for line in _text(value).splitlines() if line.strip()]
    location = _location(doc, bool(lines))
    if not location:
        return
    existing = {a.get("description", ""): a for a in location.get("accessibility") or []}
    location["accessibility"] = [existing.get(line) or {"id": new_id(), "description": line} for line in lines]


#: form field -> how it writes its value into a document (it touches nothing else)
WRITERS: dict[str, Callable[[dict, Any, dict], None]] = {
    **{form: _write_text(key) for form, key in _TEXT_KEYS.items()},
    "organization_id": _write_organization,
    "status": _write_plain("status"),
    "categories": _write_terms(_CATEGORY_BY_ID, category_term_id),
    "needs": _write_terms(_NEED_BY_ID, need_term_id),
    "minimum_age": _write_plain("minimum_age"),
    "maximum_age": _write_plain("maximum_age"),
    "cost": _write_cost,
    "contact_name": _write_contact_name,
    "contact_phone": _write_contact_phone,
    "opening_times": _write_opening_times,
    "languages": _write_languages,
    "location_name": _write_location_name,
    "address_1": _write_address("address_1"),
    "town": _write_address("city"),
    "postcode": _write_address("postal_code"),
    # after the postcode, which moves the map position: coordinates typed in the same edit win
    "latitude": _write_coordinate("latitude"),
    "longitude": _write_coordinate("longitude"),
    "accessibility": _write_accessibility,
}


def changed_fields(base: dict, data: dict[str, Any]) -> list[str]:
    """The form fields whose submitted value differs from what the form showed of ``base``."""
    shown = form_data(base)
    return [name for name in WRITERS if name in data and not same(shown.get(name), data.get(name))]


def document(base: dict, data: dict[str, Any], organization: dict) -> dict:
    """``base`` with the edited form fields merged in; every other part (ids too) kept as it was."""
    doc = copy.deepcopy(base)
    doc.setdefault("id", new_id())
    doc.setdefault("status", "active")
    for name in changed_fields(base, data) if base else [n for n in WRITERS if n in data]:
        WRITERS[name](doc, data.get(name), organization)
    return doc
