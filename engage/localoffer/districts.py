"""A small bundled lookup of Example Borough's postcode districts and towns.

Enough to answer "near EX3" or "near Brookside" without an external geocoder.
No Flask here.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "districts.json"
_FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)[0-9][A-Z]{2}$")


@dataclasses.dataclass(frozen=True)
class Place:
    key: str  #: what the family can type or pick: "EX3" or "Brookside"
    label: str
    latitude: float
    longitude: float


@functools.cache
def places() -> dict[str, Place]:
    """Every district and town, keyed by its upper-case name."""
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    found = {}
    for d in data["districts"]:
        found[d["code"]] = Place(d["code"], f"{d['code']} ({d['name']})", d["latitude"], d["longitude"])
    for t in data["towns"]:
        found.setdefault(t["name"].upper(), Place(t["name"], t["name"], t["latitude"], t["longitude"]))
    return found


def lookup(text: str | None) -> Place | None:
    """The place for a district ("EX3"), a full postcode ("EX3 4AB") or a town name."""
    if not text:
        return None
    key = " ".join(text.upper().split())[:60]
    if key in places():
        return places()[key]
    match = _FULL_POSTCODE.match(key.replace(" ", ""))
    for candidate in (key.split(" ")[0], match.group(1) if match else ""):
        if candidate in places():
            return places()[candidate]
    return None


def choices() -> list[Place]:
    """Districts then towns, for a select list."""
    items = list(places().values())
    return [p for p in items if p.key.startswith("EX")] + sorted(
        (p for p in items if not p.key.startswith("EX")), key=lambda p: p.key
    )


def district_for_ward(ward: str) -> str:
    """The postcode district that holds a ward (Northgate shares EX2 with Abbey)."""
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    by_ward = {d["ward"]: d["code"] for d in data["districts"]}
    return by_ward.get(ward, "EX2" if ward == "Northgate" else "EX1")
