"""Postcodes from the ONS Postcode Directory (ONSPD): where each live postcode of the area is, and its ward.

`import_postcodes` reads the directory's published CSV (one row per postcode, many columns; we use `pcds` or
`pcd`, `lat`, `long`, `oslaua`, `osward`, `doterm`) as a stream, so the 2.6-million-row national file takes
bounded memory, keeps the live postcodes (no `doterm`) of the local authorities asked for, and replaces those
authorities' postcodes in one transaction: a file that fails part-way leaves the table as it was.

`find` answers the Local Offer's distance search. A family's postcode is looked up and dropped, never stored.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from engage import area as areas
from engage.localoffer import models as m

#: columns we need, by what they hold; the first name found is used
POSTCODE_COLUMNS = ("pcds", "pcd")
REQUIRED_COLUMNS = ("lat", "long", "oslaua", "osward", "doterm")
#: ONSPD's latitude for a postcode with no grid reference
NO_GRID_REFERENCE = 99.999999
BATCH = 5000


class PostcodeImportError(ValueError):
    """The file cannot be imported; nothing was changed."""


@dataclass
class PostcodeImport:
    la_codes: tuple[str, ...]
    imported: Counter = field(default_factory=Counter)  #: live postcodes kept, by local authority
    terminated: int = 0  #: postcodes of those authorities with a doterm (closed), skipped
    no_location: int = 0  #: postcodes with no grid reference, skipped
    other_areas: Counter = field(default_factory=Counter)  #: rows of other authorities, by code (for the error)

    @property
    def total(self) -> int:
        return sum(self.imported.values())


@dataclass(frozen=True)
class Found:
    postcode: str
    latitude: float
    longitude: float
    ward_code: str


def _normalise(text: str) -> str:
    compact = "".join(text.upper().split())
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) >= 5 else compact


def read_rows(lines: Iterable[str], la_codes: tuple[str, ...], report: PostcodeImport) -> Iterator[dict]:
    """The live, located postcodes of `la_codes` in an ONSPD CSV, one at a time; raises on a wrong layout or a
    bad value (naming the line)."""
    reader = csv.DictReader(lines)
    found = [name.strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = found
    postcode_column = next((name for name in POSTCODE_COLUMNS if name in found), None)
    missing = [name for name in REQUIRED_COLUMNS if name not in found]
    if postcode_column is None or missing:
        expected = ["pcds (or pcd)", *REQUIRED_COLUMNS]
        shown = ", ".join(found[:12]) + (", ..." if len(found) > 12 else "") if found else "no header row"
        raise PostcodeImportError(
            f"This is not an ONS Postcode Directory CSV: expected the columns {', '.join(expected)}; found {shown}."
        )
    wanted = set(la_codes)
    for line_number, row in enumerate(reader, start=2):
        la_code = (row.get("oslaua") or "").strip()
        if la_code not in wanted:
            report.other_areas[la_code or "(blank)"] += 1
            continue
        if (row.get("doterm") or "").strip():
            report.terminated += 1
            continue
        postcode = _normalise(row.get(postcode_column) or "")
        try:
            latitude, longitude = float(row["lat"]), float(row["long"])
        except (TypeError, ValueError) as exc:
            raise PostcodeImportError(
                f"Line {line_number}: {postcode or 'a postcode'} has lat {row.get('lat')!r} and long "
                f"{row.get('long')!r}, which are not numbers."
            ) from exc
        if latitude == NO_GRID_REFERENCE or not (49 <= latitude <= 61 and -9 <= longitude <= 2):
            report.no_location += 1
            continue
        if not 5 <= len(postcode) <= 8:
            raise PostcodeImportError(f"Line {line_number}: {postcode!r} is not a postcode.")
        report.imported[la_code] += 1
        yield {
            "postcode": postcode,
            "district": postcode.split(" ")[0],
            "latitude": latitude,
            "longitude": longitude,
            "la_code": la_code,
            "ward_code": (row.get("osward") or "").strip()[:9],
        }


def import_postcodes(
    session: Session, stream: io.TextIOBase | Iterable[str], la_codes: Iterable[str]
) -> PostcodeImport:
    """Replace the postcodes of `la_codes` with the file's, all or nothing; the caller commits."""
    report = PostcodeImport(tuple(dict.fromkeys(la_codes)))
    session.execute(sa.delete(m.Postcode).where(m.Postcode.la_code.in_(report.la_codes)))
    seen: set[str] = set()
    batch: list[dict] = []
    for row in read_rows(stream, report.la_codes, report):
        if row["postcode"] in seen:
            raise PostcodeImportError(f"{row['postcode']} appears twice in the file.")
        seen.add(row["postcode"])
        batch.append(row)
        if len(batch) >= BATCH:
            session.execute(sa.insert(m.Postcode), batch)
            batch = []
    if batch:
        session.execute(sa.insert(m.Postcode), batch)
    if not report.total:
        others = ", ".join(code for code, _ in report.other_areas.most_common(5)) or "none"
        raise PostcodeImportError(
            f"The file holds no live postcode of {', '.join(report.la_codes)}: it has postcodes of {others}. "
            "Download the directory for your area (or the whole country), or name your authority with --la."
        )
    return report


def find(session: Session, text: str) -> Found | None:
    """A full postcode ("cv12ab" or "CV1 2AB"), or the centre of a postcode district ("CV1"), if imported."""
    key = " ".join(text.upper().split())
    if " " in key or len(key) > 4:
        row = session.get(m.Postcode, _normalise(key))
        return Found(row.postcode, row.latitude, row.longitude, row.ward_code) if row else None
    centre = session.execute(
        sa.select(sa.func.avg(m.Postcode.latitude), sa.func.avg(m.Postcode.longitude), sa.func.count()).where(
            m.Postcode.district == key
        )
    ).one()
    if not centre[2]:
        return None
    return Found(key, float(centre[0]), float(centre[1]), "")


def count(session: Session) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(m.Postcode)) or 0


#: how far outside the imported postcodes' bounding box typed coordinates may lie before staff are warned (about
#: 11 km north-south, 7 km east-west in England): a venue just over the border is normal, a swapped pair is not
NEAR_DEGREES = 0.1


@dataclass(frozen=True)
class Bounds:
    south: float
    north: float
    west: float
    east: float


def bounds(session: Session) -> Bounds | None:
    """The bounding box of every imported postcode (the area's and its neighbours'), else of the places the area
    file lists, else None."""
    row = session.execute(
        sa.select(
            sa.func.min(m.Postcode.latitude),
            sa.func.max(m.Postcode.latitude),
            sa.func.min(m.Postcode.longitude),
            sa.func.max(m.Postcode.longitude),
        )
    ).one()
    if row[0] is not None:
        return Bounds(*(round(float(value), 4) for value in row))
    # before a postcode import, the districts and towns the area file lists
    places = areas.current().places
    if not places:
        return None
    lats, longs = [p.latitude for p in places], [p.longitude for p in places]
    return Bounds(min(lats), max(lats), min(longs), max(longs))


def outside_area(session: Session, latitude: float, longitude: float) -> Bounds | None:
    """The area's bounds when a point lies well outside them, else None (also when the area has no bounds)."""
    box = bounds(session)
    if box is None:
        return None
    inside = (
        box.south - NEAR_DEGREES <= latitude <= box.north + NEAR_DEGREES
        and box.west - NEAR_DEGREES <= longitude <= box.east + NEAR_DEGREES
    )
    return None if inside else box
