"""Replacing the area's postcodes from an ONS Postcode Directory file, for `flask --app wsgi area
import-postcodes` and the administrators' upload page alike: the import, services' wards following it, the audit
record and the page cache, in one transaction (a file that fails part-way leaves everything as it was)."""

from __future__ import annotations

from collections.abc import Iterable

from engage.audit import record_audit
from engage.extensions import db
from engage.localoffer import pagecache
from engage.localoffer.postcodes import PostcodeImport, import_postcodes
from engage.localoffer.wards import refresh_locations


def replace_postcodes(
    stream: Iterable[str], la_codes: tuple[str, ...], file_name: str, actor_id: int | None = None
) -> PostcodeImport:
    """Import the live postcodes of `la_codes` from an ONSPD CSV stream and commit; raises PostcodeImportError,
    UnicodeDecodeError or csv.Error with nothing changed."""
    try:
        report = import_postcodes(db.session, stream, la_codes)
        # services' wards follow the new directory (a postcode moved to another ward, or newly imported)
        refresh_locations(db.session)
    except Exception:
        db.session.rollback()
        raise
    record_audit(
        "area.postcodes_imported",
        "lo_postcode",
        None,
        actor_id=actor_id,
        commit=False,
        file=file_name[:200],
        imported=dict(report.imported),
        terminated=report.terminated,
    )
    db.session.commit()
    pagecache.clear()
    return report
