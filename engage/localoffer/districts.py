"""Where a family is searching from: a postcode district or town the area file lists (engage/area.py), or a full
postcode imported from the ONS Postcode Directory (engage/localoffer/postcodes.py).

Enough to answer "near EX3", "near Brookside" or "near CV1 2AB" without an external geocoder. The postcode table
is read only inside an application context.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from engage import area as areas

_FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)[0-9][A-Z]{2}$")


@dataclasses.dataclass(frozen=True)
class Place:
    key: str  #: what the family can type or pick: "EX3" or "Brookside"
    label: str
    latitude: float
    longitude: float


def places() -> dict[str, Place]:
    """Every district and town of the served area, keyed by its upper-case name."""
    return _places_for(areas.current())


@functools.cache
def _places_for(area: areas.Area) -> dict[str, Place]:
    found = {}
    for p in area.places:
        if p.kind == "district":
            found[p.code] = Place(p.code, f"{p.code} ({p.name})", p.latitude, p.longitude)
    for p in area.places:
        if p.kind == "town":
            found.setdefault(p.name.upper(), Place(p.name, p.name, p.latitude, p.longitude))
    return found


def normalise(text: str | None) -> str:
    return " ".join((text or "").upper().split())[:60]


def full_postcode(text: str | None) -> str | None:
    """A full postcode in the ONS's `pcds` form ("CV1 2AB"), or None when the text is not one."""
    match = _FULL_POSTCODE.match(normalise(text).replace(" ", ""))
    if not match:
        return None
    compact = match.group(0)
    return f"{compact[:-3]} {compact[-3:]}"


def lookup(text: str | None) -> Place | None:
    """The place for a district ("EX3"), a full postcode ("EX3 4AB") or a town name the area lists, or a
    postcode or postcode district imported from the ONS Postcode Directory."""
    if not text:
        return None
    key = normalise(text)
    if key in places():
        return places()[key]
    imported = _imported(key)
    if imported is not None:
        return imported
    match = _FULL_POSTCODE.match(key.replace(" ", ""))
    for candidate in (key.split(" ")[0], match.group(1) if match else ""):
        if candidate in places():
            return places()[candidate]
    return None


_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")


def _imported(key: str) -> Place | None:
    postcode = full_postcode(key)
    if postcode is None and not _DISTRICT.match(key):
        return None
    from flask import has_app_context

    if not has_app_context():
        return None
    from engage.extensions import db
    from engage.localoffer import postcodes

    found = postcodes.find(db.session, postcode or key)
    if found is None:
        return None
    # the label says the district only: the family's full postcode is not shown back or kept
    return Place(found.postcode.split(" ")[0], found.postcode.split(" ")[0], found.latitude, found.longitude)


def choices() -> list[Place]:
    """Districts then towns, for a select list."""
    area = areas.current()
    districts = {p.code for p in area.places if p.kind == "district"}
    items = list(places().values())
    return [p for p in items if p.key in districts] + sorted(
        (p for p in items if p.key not in districts), key=lambda p: p.key
    )


def district_for_ward(ward: str) -> str:
    """The postcode district that holds a ward (by id or label): the one the area file names, else the one
    nearest the town of the ward's name, else the area's first district."""
    area = areas.current()
    districts = [p for p in area.places if p.kind == "district"]
    ids = {g.label.casefold(): g.id for g in area.wards}
    ward_id = ids.get(ward.casefold(), ward)
    named = next((p.code for p in districts if p.ward == ward_id), None)
    if named or not districts:
        return named or ""
    town = places().get(ward.upper())
    if town is None:
        return districts[0].code
    return min(districts, key=lambda p: (p.latitude - town.latitude) ** 2 + (p.longitude - town.longitude) ** 2).code
