"""Open Referral UK (HSDS-UK-3.0) documents to and from the Local Offer models.

Serialisers leave out empty values: the standard's schemas type every field as a string
or number, so ``null`` would not validate. Beyond the UK profile we also emit a few
HSDS 3.0 core fields the profile allows (``eligibility_description``,
``application_process``, language ``name``/``code``, contact ``email``/``phones``),
so nothing a family sees is lost in an export. No Flask here.
"""

from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy.orm import Session

from engage.localoffer import models as m
from engage.localoffer import wards
from engage.localoffer.taxonomy import CATEGORY_TAXONOMY_ID, NEED_TAXONOMY_ID

VERSION = "HSDS-UK-3.0"
STATUSES = ("active", "inactive", "defunct", "temporarily closed")
LOCATION_TYPES = ("physical", "postal", "virtual")


def _clean(doc: dict[str, Any]) -> dict[str, Any]:
    """Drop keys whose value is None or an empty string."""
    return {k: v for k, v in doc.items() if v is not None and v != ""}


def _timestamp(value: datetime.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def organization_to_oruk(org: m.Organization) -> dict[str, Any]:
    return _clean(
        {
            "id": org.id,
            "name": org.name,
            "description": org.description or org.name,
            "email": org.email,
            "website": org.website,
        }
    )


def taxonomy_to_oruk(taxonomy: m.Taxonomy) -> dict[str, Any]:
    return _clean(
        {
            "id": taxonomy.id,
            "name": taxonomy.name,
            "description": taxonomy.description or taxonomy.name,
            "uri": taxonomy.uri,
            "version": taxonomy.version,
        }
    )


def term_to_oruk(term: m.TaxonomyTerm) -> dict[str, Any]:
    taxonomy = term.taxonomy
    return _clean(
        {
            "id": term.id,
            "name": term.name,
            "description": term.description or term.name,
            "parent_id": term.parent_id,
            "taxonomy": taxonomy.name if taxonomy else term.taxonomy_label,
            "taxonomy_id": term.taxonomy_id,
            "term_uri": term.term_uri,
            "term": term.code,
        }
    )


def service_summary(service: m.Service) -> dict[str, Any]:
    """The one-to-one fields of a service, as in a list page."""
    doc = {
        "id": service.id,
        "organization_id": service.organization_id,
        "name": service.name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "fees": service.fees,
        "accreditations": service.accreditations,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": service.assured_date.isoformat() if service.assured_date else None,
        "assurer_email": service.assurer_email,
        "alert": service.alert,
        "last_modified": _timestamp(service.last_modified),
        "eligibility_description": service.eligibility,
        "application_process": service.application_process,
    }
    doc = _clean(doc)
    doc["organization"] = organization_to_oruk(service.organization)
    return doc


def _contact(contact: m.Contact) -> dict[str, Any]:
    doc = _clean(
        {
            "id": contact.id,
            "service_id": contact.service_id,
            "name": contact.name,
            "title": contact.title,
            "email": contact.email,
        }
    )
    if contact.phone:
        doc["phones"] = [{"id": contact.phone_id or m.new_id(), "number": contact.phone}]
    return doc


def _schedule(schedule: m.Schedule) -> dict[str, Any]:
    return _clean(
        {
            "id": schedule.id,
            "service_id": schedule.service_id,
            "freq": schedule.freq,
            "interval": schedule.interval,
            "byday": schedule.byday,
            "opens_at": schedule.opens_at,
            "closes_at": schedule.closes_at,
            "description": schedule.description,
            "attending_type": schedule.attending_type,
            "notes": schedule.notes,
        }
    )


def _accessibility(item: m.Accessibility) -> dict[str, Any]:
    return _clean(
        {
            "id": item.id,
            "location_id": item.location_id,
            "description": item.description,
            "details": item.details,
            "url": item.url,
        }
    )


def location_to_oruk(location: m.Location) -> dict[str, Any]:
    doc = _clean(
        {
            "id": location.id,
            "location_type": location.location_type,
            "name": location.name,
            "description": location.description,
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
    )
    if location.address_1 and location.postal_code:
        doc["addresses"] = [
            {
                "id": location.address_id or m.new_id(),
                "location_id": location.id,
                "address_1": location.address_1,
                "city": location.city or "",
                "state_province": location.state_province or "",
                "postal_code": location.postal_code,
                "country": location.country or "GB",
                "address_type": "physical",
            }
        ]
    doc["accessibility"] = [_accessibility(a) for a in location.accessibility]
    return doc


def _attribute(attribute: m.ServiceAttribute) -> dict[str, Any]:
    return _clean(
        {
            "id": attribute.id,
            "link_id": attribute.service_id,
            "link_type": attribute.link_type,
            "taxonomy_term_id": attribute.taxonomy_term_id,
            "taxonomy_term": term_to_oruk(attribute.term),
        }
    )


def _cost_option(option: m.CostOption) -> dict[str, Any]:
    return _clean(
        {
            "id": option.id,
            "service_id": option.service_id,
            "option": option.option,
            "amount": option.amount,
            "amount_description": option.amount_description,
        }
    )


def service_to_oruk(service: m.Service) -> dict[str, Any]:
    """A fully nested service, as ``GET /services/{id}`` returns it."""
    doc = service_summary(service)
    doc["contacts"] = [_contact(c) for c in service.contacts]
    doc["schedules"] = [_schedule(s) for s in service.schedules]
    doc["languages"] = [
        _clean({"id": lang.id, "service_id": service.id, "name": lang.name, "code": lang.code})
        for lang in service.languages
    ]
    doc["cost_options"] = [_cost_option(c) for c in service.cost_options]
    doc["attributes"] = [_attribute(a) for a in service.attributes]
    doc["service_at_locations"] = [sal_to_oruk(sal, with_service=False) for sal in service.service_at_locations]
    doc["service_areas"] = []
    doc["funding"] = []
    return doc


def sal_to_oruk(sal: m.ServiceAtLocation, with_service: bool = True) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": sal.id,
        "service_id": sal.service_id,
        "location_id": sal.location_id,
        "location": location_to_oruk(sal.location),
    }
    if with_service:
        doc["service"] = service_summary(sal.service)
    return doc


def page(contents: list[dict], total: int, page_number: int, per_page: int) -> dict[str, Any]:
    """An Open Referral list page around ``contents``."""
    total_pages = max(1, -(-total // per_page)) if per_page else 1
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": total == 0,
        "contents": contents,
    }


# ---------------------------------------------------------------- reading documents
# ``apply_service`` trusts its input: the importer validates the whole file first.


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value[:10]) if value else None


def _int(value: Any) -> int | None:
    return None if value is None or value == "" else int(float(value))


def _upsert(session: Session, model: type, id_: str) -> Any:
    obj = session.get(model, id_)
    if obj is None:
        obj = model(id=id_)
        session.add(obj)
    return obj


def apply_organization(session: Session, doc: dict[str, Any]) -> m.Organization:
    org = _upsert(session, m.Organization, doc["id"])
    org.name = doc["name"]
    org.description = doc.get("description") or ""
    org.email = doc.get("email") or None
    org.website = doc.get("website") or None
    return org


def _apply_term(session: Session, doc: dict[str, Any]) -> m.TaxonomyTerm:
    term = session.get(m.TaxonomyTerm, doc["id"])
    if term is not None and term.taxonomy_id in (CATEGORY_TAXONOMY_ID, NEED_TAXONOMY_ID):
        return term  # Engage's own terms are not renamed by imports
    term = _upsert(session, m.TaxonomyTerm, doc["id"])
    term.name = doc["name"]
    term.description = doc.get("description") or ""
    term.parent_id = doc.get("parent_id")
    term.taxonomy_label = doc.get("taxonomy")
    term.term_uri = doc.get("term_uri")
    term.code = doc.get("term") or term.code
    taxonomy_id = doc.get("taxonomy_id")
    if taxonomy_id and session.get(m.Taxonomy, taxonomy_id) is not None:
        term.taxonomy_id = taxonomy_id
    return term


def apply_location(session: Session, doc: dict[str, Any]) -> m.Location:
    loc = _upsert(session, m.Location, doc["id"])
    loc.location_type = doc.get("location_type") or "physical"
    loc.name = doc.get("name")
    loc.description = doc.get("description") or ""
    loc.latitude = doc.get("latitude")
    loc.longitude = doc.get("longitude")
    addresses = doc.get("addresses") or []
    address = next((a for a in addresses if a.get("address_type") == "physical"), None)
    address = address or (addresses[0] if addresses else {})
    loc.address_id = address.get("id")
    loc.address_1 = address.get("address_1")
    loc.city = address.get("city")
    loc.state_province = address.get("state_province")
    loc.postal_code = address.get("postal_code")
    loc.country = address.get("country")
    wards.place_location(session, loc)
    loc.accessibility = [
        m.Accessibility(
            id=a["id"],
            description=a.get("description") or a.get("accessibility") or "",
            details=a.get("details") or "",
            url=a.get("url"),
        )
        for a in doc.get("accessibility") or []
    ]
    return loc


def _contacts(doc: dict[str, Any]) -> list[m.Contact]:
    out = []
    for pos, c in enumerate(doc.get("contacts") or []):
        phone = (c.get("phones") or [{}])[0]
        out.append(
            m.Contact(
                id=c["id"],
                position=pos,
                name=c.get("name"),
                title=c.get("title"),
                email=c.get("email"),
                phone=phone.get("number"),
                phone_id=phone.get("id"),
            )
        )
    return out


def _schedules(doc: dict[str, Any]) -> list[m.Schedule]:
    return [
        m.Schedule(
            id=s["id"],
            position=pos,
            freq=s.get("freq"),
            interval=_int(s.get("interval")),
            byday=s.get("byday"),
            opens_at=(s.get("opens_at") or "")[:5] or None,
            closes_at=(s.get("closes_at") or "")[:5] or None,
            description=s.get("description") or "",
            attending_type=s.get("attending_type"),
            notes=s.get("notes") or "",
        )
        for pos, s in enumerate(doc.get("schedules") or [])
    ]


def _is_free(doc: dict[str, Any]) -> bool | None:
    amounts = [c.get("amount") for c in doc.get("cost_options") or []]
    if amounts:
        return all(not a for a in amounts)
    return None


def _replace_children(session: Session, service: m.Service, doc: dict[str, Any]) -> None:
    """Children are replaced whole; their ids come from the document."""
    for name in ("contacts", "schedules", "languages", "cost_options", "attributes", "service_at_locations"):
        getattr(service, name).clear()
    session.flush()
    service.contacts = _contacts(doc)
    service.schedules = _schedules(doc)
    service.languages = [
        m.ServiceLanguage(id=lang["id"], position=pos, name=lang.get("name"), code=lang.get("code"))
        for pos, lang in enumerate(doc.get("languages") or [])
    ]
    service.cost_options = [
        m.CostOption(
            id=c["id"],
            option=c.get("option"),
            amount=c.get("amount"),
            amount_description=c.get("amount_description"),
        )
        for c in doc.get("cost_options") or []
    ]
    service.attributes = [
        m.ServiceAttribute(
            id=a["id"],
            taxonomy_term_id=_apply_term(session, a["taxonomy_term"]).id
            if a.get("taxonomy_term")
            else a["taxonomy_term_id"],
            link_type=a.get("link_type"),
        )
        for a in doc.get("attributes") or []
    ]
    service.service_at_locations = [
        m.ServiceAtLocation(id=sal["id"], location_id=apply_location(session, sal["location"]).id)
        for sal in doc.get("service_at_locations") or []
    ]


def apply_service(session: Session, doc: dict[str, Any], organization_id: str) -> m.Service:
    """Create or update a service (and its children) from a validated document."""
    service = _upsert(session, m.Service, doc["id"])
    service.organization_id = organization_id
    service.name = doc["name"]
    service.description = doc.get("description") or ""
    service.url = doc.get("url") or None
    service.email = doc.get("email") or None
    service.status = doc.get("status") or "active"
    service.fees = doc.get("fees") or ""
    service.accreditations = doc.get("accreditations") or ""
    service.alert = doc.get("alert") or ""
    service.eligibility = doc.get("eligibility_description") or ""
    service.application_process = doc.get("application_process") or ""
    service.minimum_age = _int(doc.get("minimum_age"))
    service.maximum_age = _int(doc.get("maximum_age"))
    service.assured_date = _date(doc.get("assured_date"))
    service.assurer_email = doc.get("assurer_email") or None
    service.is_free = _is_free(doc)
    _replace_children(session, service, doc)
    return service
