"""Between the moderators' service form and an Open Referral document. No Flask here."""

from __future__ import annotations

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


def _first(doc: dict, key: str) -> dict:
    items = doc.get(key) or []
    return dict(items[0]) if items else {}


def form_data(doc: dict) -> dict[str, Any]:
    """Initial form values from a document."""
    contact, schedule = _first(doc, "contacts"), _first(doc, "schedules")
    location = _first(doc, "service_at_locations").get("location", {})
    address = (location.get("addresses") or [{}])[0]
    codes = {a.get("taxonomy_term", {}).get("term") for a in doc.get("attributes") or []}
    amounts = [c.get("amount") for c in doc.get("cost_options") or []]
    return {
        "organization_id": doc.get("organization", {}).get("id") or doc.get("organization_id"),
        "name": doc.get("name"),
        "description": doc.get("description"),
        "status": doc.get("status", "active"),
        "categories": sorted(codes & CATEGORY_CODES),
        "needs": sorted(codes & NEED_CODES),
        "minimum_age": doc.get("minimum_age"),
        "maximum_age": doc.get("maximum_age"),
        "eligibility": doc.get("eligibility_description"),
        "application_process": doc.get("application_process"),
        "cost": ("free" if not any(amounts) else "paid") if amounts else "",
        "fees": doc.get("fees"),
        "url": doc.get("url"),
        "email": doc.get("email"),
        "contact_name": contact.get("name"),
        "contact_phone": (contact.get("phones") or [{}])[0].get("number"),
        "opening_times": schedule.get("description"),
        "languages": ", ".join(lang.get("name") or lang.get("code", "") for lang in doc.get("languages") or []),
        "location_name": location.get("name"),
        "address_1": address.get("address_1"),
        "town": address.get("city"),
        "postcode": address.get("postal_code"),
        "accessibility": "\n".join(a.get("description", "") for a in location.get("accessibility") or []),
    }


def _text(value: Any) -> str:
    return (value or "").strip()


def _location(base: dict, data: dict) -> list[dict]:
    if not _text(data.get("postcode")):
        return []
    sal = _first(base, "service_at_locations")
    location = dict(sal.get("location") or {})
    place = districts.lookup(data["postcode"])
    if place and location.get("latitude") is None:
        location["latitude"], location["longitude"] = place.latitude, place.longitude
    address = (location.get("addresses") or [{}])[0]
    location.update(
        id=location.get("id") or new_id(),
        location_type="physical",
        name=_text(data.get("location_name")) or _text(data.get("town")),
        addresses=[
            {
                "id": address.get("id") or new_id(),
                "address_1": _text(data.get("address_1")),
                "city": _text(data.get("town")),
                "state_province": "",
                "postal_code": _text(data["postcode"]).upper(),
                "country": "GB",
                "address_type": "physical",
            }
        ],
        accessibility=[
            {"id": new_id(), "description": line.strip()}
            for line in (data.get("accessibility") or "").splitlines()
            if line.strip()
        ],
    )
    return [{"id": sal.get("id") or new_id(), "location": location}]


def _children(base: dict, data: dict) -> dict[str, Any]:
    contact, schedule = _first(base, "contacts"), _first(base, "schedules")
    contacts = []
    if _text(data.get("contact_name")) or _text(data.get("contact_phone")):
        phone = (contact.get("phones") or [{}])[0]
        contacts.append(
            {
                "id": contact.get("id") or new_id(),
                "name": _text(data.get("contact_name")),
                "phones": [{"id": phone.get("id") or new_id(), "number": _text(data["contact_phone"])}]
                if _text(data.get("contact_phone"))
                else [],
            }
        )
    schedules = []
    if _text(data.get("opening_times")):
        schedules.append({"id": schedule.get("id") or new_id(), "description": _text(data["opening_times"])})
    languages = [
        {"id": new_id(), "name": name, "code": LANGUAGE_CODES.get(name.casefold())}
        for name in (n.strip() for n in (data.get("languages") or "").split(","))
        if name
    ]
    return {
        "contacts": contacts,
        "schedules": schedules,
        "languages": [{k: v for k, v in lang.items() if v} for lang in languages],
    }


def document(base: dict, data: dict, organization: dict) -> dict:
    """The document a form describes, keeping ids and anything the form does not show."""
    doc = dict(base)
    doc.update(
        id=base.get("id") or new_id(),
        name=_text(data["name"]),
        description=_text(data.get("description")),
        status=data.get("status") or "active",
        eligibility_description=_text(data.get("eligibility")),
        application_process=_text(data.get("application_process")),
        fees=_text(data.get("fees")),
        url=_text(data.get("url")),
        email=_text(data.get("email")),
        organization=organization,
        minimum_age=data.get("minimum_age"),
        maximum_age=data.get("maximum_age"),
    )
    cost = data.get("cost")
    doc["cost_options"] = [{"id": new_id(), "option": str(cost), "amount": 0 if cost == "free" else 1}] if cost else []
    doc["attributes"] = [
        {"id": new_id(), "taxonomy_term_id": category_term_id(c)} for c in data.get("categories") or []
    ]
    doc["attributes"] += [{"id": new_id(), "taxonomy_term_id": need_term_id(c)} for c in data.get("needs") or []]
    doc.update(_children(base, data))
    doc["service_at_locations"] = _location(base, data)
    return {k: v for k, v in doc.items() if v is not None and v != ""}
