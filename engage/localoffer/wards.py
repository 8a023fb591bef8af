"""A service's ward, and ward names from the ONS ward names and codes lookup. No Flask here.

A location's ward is the ONS ward (osward) of its postcode in the imported ONS Postcode Directory
(engage/localoffer/postcodes.py); `place_location` sets it whenever a location is written (staff save, Open
Referral import, publish, restore), so it never needs saving by hand. Its name is the area file's label for that
ward code, else the name in the ONS lookup imported by `flask --app wsgi area import-wards`, else unknown.

`import_wards` reads the lookup CSV the ONS Open Geography Portal publishes ("Ward to Local Authority District
(May 2024) Lookup in the UK", or "Wards (December 2024) Names and Codes in the UK"): its columns carry the year,
`WD24CD`, `WD24NM`, then `WD24NMW`, `LAD24CD`, `LAD24NM`, `ObjectId`...; we read the ward code and name and, when
present, the local authority code. All or nothing: a bad line names itself and nothing is changed.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engage import area as areas
from engage.localoffer import models as m

_WARD_CODE_COLUMN = re.compile(r"^WD(\d{2})CD$", re.IGNORECASE)
_WARD_NAME_COLUMN = "WD{year}NM"
_LA_CODE_COLUMN = "LAD{year}CD"
_FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9][A-Z]{2})$")


class WardImportError(ValueError):
    """The ward names file cannot be imported; nothing was changed."""


@dataclass
class WardImport:
    la_codes: tuple[str, ...]
    year: str = ""  #: the two-digit year of the columns read ("24" for WD24CD)
    imported: Counter = field(default_factory=Counter)  #: ward names kept, by local authority ("" when none)
    other_areas: Counter = field(default_factory=Counter)  #: rows of other authorities, by code (for the error)
    locations_named: int = 0  #: service locations whose ward now shows in words

    @property
    def total(self) -> int:
        return sum(self.imported.values())


# ---------------------------------------------------------------------------- a location's ward


def pcds(postcode: str | None) -> str | None:
    """A full postcode in the ONS's `pcds` form ("CV1 2AB"), or None."""
    match = _FULL_POSTCODE.match("".join((postcode or "").upper().split()))
    return f"{match.group(1)} {match.group(2)}" if match else None


def name_for(session: Session, code: str | None) -> str | None:
    """A ward code in words: the area file's label for it, else the imported ONS name, else None."""
    if not code:
        return None
    area = areas.current()
    ward_id = area.ward_for_ons_code(code)
    label = next((group.label for group in area.wards if group.id == ward_id), None)
    if label:
        return label
    return session.scalar(sa.select(m.WardName.name).where(m.WardName.code == code))


def ward_of(session: Session, postcode: str | None) -> tuple[str | None, str | None]:
    """(ward code, ward name) of an imported full postcode; (None, None) when the postcode is not imported."""
    key = pcds(postcode)
    code = session.scalar(sa.select(m.Postcode.ward_code).where(m.Postcode.postcode == key)) if key else None
    return (code, name_for(session, code)) if code else (None, None)


def place_location(session: Session, location: m.Location) -> None:
    """Set a location's ward from its postcode (called whenever a location is written)."""
    # the service being written may be half-built: looking up must not flush it
    with session.no_autoflush:
        location.ward_code, location.ward_name = ward_of(session, location.postal_code)


def refresh_locations(session: Session) -> int:
    """Re-place every location after new postcodes or ward names arrive; returns how many have a named ward."""
    named = 0
    for location in session.scalars(sa.select(m.Location).where(m.Location.postal_code.is_not(None))):
        place_location(session, location)
        named += bool(location.ward_name)
    return named


# ---------------------------------------------------------------------------- the ONS lookup


def _columns(fieldnames: list[str]) -> tuple[str, str, str | None, str]:
    """(ward code, ward name, local authority code or None, year) columns of the file; raises naming them."""
    by_upper = {name.strip().upper(): name for name in fieldnames}
    years = sorted((match.group(1) for name in by_upper if (match := _WARD_CODE_COLUMN.match(name))), reverse=True)
    year = next((y for y in years if _WARD_NAME_COLUMN.format(year=y) in by_upper), None)
    if year is None:
        shown = ", ".join(name.strip() for name in fieldnames[:12]) or "no header row"
        raise WardImportError(
            "This is not an ONS ward names and codes lookup: expected a ward code and name column of one year "
            f"(like WD24CD and WD24NM, with LAD24CD for the local authority); found {shown}."
        )
    la_column = by_upper.get(_LA_CODE_COLUMN.format(year=year))
    return by_upper[f"WD{year}CD"], by_upper[_WARD_NAME_COLUMN.format(year=year)], la_column, year


def read_wards(lines: Iterable[str], la_codes: tuple[str, ...], report: WardImport) -> dict[str, dict]:
    """The wards of `la_codes` in the file (all of them when it names no local authority), by code."""
    reader = csv.DictReader(lines)
    code_column, name_column, la_column, report.year = _columns(list(reader.fieldnames or []))
    wanted, wards = set(la_codes), {}
    for line_number, row in enumerate(reader, start=2):
        la_code = (row.get(la_column) or "").strip().upper() if la_column else ""
        if la_column and la_code not in wanted:
            report.other_areas[la_code or "(blank)"] += 1
            continue
        code = (row.get(code_column) or "").strip().upper()
        name = " ".join((row.get(name_column) or "").split())
        if not areas.ONS_WARD_CODE.match(code):
            raise WardImportError(f"Line {line_number}: {code!r} is not an ONS ward code (E05 or W05 and six digits).")
        if not name or len(name) > 255:
            raise WardImportError(f"Line {line_number}: ward {code} has no name (or one over 255 characters).")
        if code in wards and wards[code]["name"] != name:
            raise WardImportError(
                f"Line {line_number}: ward {code} is named both {wards[code]['name']!r} and {name!r}."
            )
        if code not in wards:
            report.imported[la_code] += 1
        wards[code] = {"code": code, "name": name, "la_code": la_code}
    return wards


def import_wards(session: Session, stream: Iterable[str], la_codes: Iterable[str]) -> WardImport:
    """Store the names of the wards of `la_codes` (replacing names held for those codes) and re-name every
    service location's ward, all or nothing; the caller commits."""
    report = WardImport(tuple(dict.fromkeys(la_codes)))
    wards = read_wards(stream, report.la_codes, report)
    if not wards:
        others = ", ".join(code for code, _ in report.other_areas.most_common(5)) or "none"
        raise WardImportError(
            f"The file holds no ward of {', '.join(report.la_codes)}: it has wards of {others}. "
            "Download the lookup for the whole country, or name your authority with --la."
        )
    codes = list(wards)
    for start in range(0, len(codes), 500):
        session.execute(sa.delete(m.WardName).where(m.WardName.code.in_(codes[start : start + 500])))
    session.execute(sa.insert(m.WardName), list(wards.values()))
    session.flush()
    report.locations_named = refresh_locations(session)
    return report
