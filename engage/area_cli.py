"""`flask --app wsgi area ...`: set up the area the settings file describes (README, "Setting up your area")."""

from __future__ import annotations

import csv
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from engage import area as areas
from engage.audit import record_audit
from engage.extensions import db

area_cli = AppGroup("area", help="Set up the area named in ENGAGE_AREA_FILE.")


@area_cli.command("check")
def check() -> None:
    """Say which area file is served and what it holds (start-up has already checked it)."""
    served = areas.current()
    click.echo(
        f"{served.name} ({served.ons_code}), run by {served.partnership}, from {served.source}: "
        f"{len(served.offered_wards())} wards offered ({len(served.wards)} in all), "
        f"{len(served.offered_home_languages())} home languages, site languages {', '.join(served.languages)}."
    )


@area_cli.command("init")
def init() -> None:
    """Create the statutory information pages that are missing, as drafts that need your content."""
    from engage.localoffer.evergreen import ensure_evergreen_pages

    added = ensure_evergreen_pages(draft=True)
    for slug in added:
        record_audit("area.page_created", "lo_evergreen_page", slug, commit=False)
    db.session.commit()
    if added:
        click.echo(f"Created {len(added)} information page(s) needing your content: {', '.join(added)}.")
    else:
        click.echo("Every statutory information page exists already; none was changed.")


def _checked_la_codes(la_codes: tuple[str, ...]) -> tuple[str, ...]:
    """The --la codes as given, upper-cased; refused together when any is not a local authority's ONS code."""
    codes = tuple(code.strip().upper() for code in la_codes)
    bad = [code for code in codes if not areas.ONS_LA_CODE.match(code)]
    if bad:
        raise click.ClickException(f"--la {', '.join(bad)}: not a local authority's ONS code (like E06000034).")
    return codes


@area_cli.command("import-postcodes")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--la",
    "la_codes",
    multiple=True,
    help="A local authority's ONS code whose postcodes to keep (repeat for neighbours); default: the area's own.",
)
def import_postcodes_command(file: Path, la_codes: tuple[str, ...]) -> None:
    """Import the live postcodes of the area from an ONS Postcode Directory CSV (all or nothing)."""
    from engage.localoffer.geography import replace_postcodes
    from engage.localoffer.postcodes import PostcodeImportError

    codes = _checked_la_codes(la_codes) or (current_app.config["AREA_ONS_CODE"],)
    try:
        with file.open(encoding="utf-8-sig", newline="") as stream:
            report = replace_postcodes(stream, codes, file.name)
    except (PostcodeImportError, UnicodeDecodeError, csv.Error) as error:
        raise click.ClickException(f"{file.name}: {error} Nothing was imported.") from error
    click.echo(
        f"Imported {report.total} live postcodes ({', '.join(f'{c}: {n}' for c, n in report.imported.items())}); "
        f"skipped {report.terminated} terminated and {report.no_location} without a location."
    )


@area_cli.command("import-wards")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--la",
    "la_codes",
    multiple=True,
    help="A local authority's ONS code whose wards to keep (repeat for more); default: the area's own and every "
    "authority whose postcodes are imported.",
)
def import_wards_command(file: Path, la_codes: tuple[str, ...]) -> None:
    """Import ward names from the ONS ward names and codes lookup CSV (WDxxCD, WDxxNM, LADxxCD; all or nothing)."""
    import sqlalchemy as sa

    from engage.localoffer import models as m
    from engage.localoffer import pagecache
    from engage.localoffer.wards import WardImportError, import_wards

    codes = _checked_la_codes(la_codes)
    if not codes:
        imported = db.session.scalars(sa.select(m.Postcode.la_code).distinct().order_by(m.Postcode.la_code))
        codes = tuple(dict.fromkeys((current_app.config["AREA_ONS_CODE"], *imported)))
    try:
        with file.open(encoding="utf-8-sig", newline="") as stream:
            report = import_wards(db.session, stream, codes)
    except (WardImportError, UnicodeDecodeError, csv.Error) as error:
        db.session.rollback()
        raise click.ClickException(f"{file.name}: {error} Nothing was imported.") from error
    record_audit(
        "area.wards_imported",
        "lo_ward_name",
        None,
        commit=False,
        file=file.name,
        imported=dict(report.imported),
        year=report.year,
    )
    db.session.commit()
    pagecache.clear()
    kept = ", ".join(f"{code}: {n}" for code, n in report.imported.items() if code)
    click.echo(
        f"Imported {report.total} ward names (columns WD{report.year}CD and WD{report.year}NM"
        + (f"; {kept}" if kept else "")
        + f"); {report.locations_named} service location(s) now show their ward by name."
    )
