"""A service's ward and place on the map, in a second area (Coventry) set up from its own files: the ward is stored
with the location when staff save a postcode or an import writes it, and shown in words on the staff and public
pages; ward names come from the ONS ward lookup CSV written here in its published layout; staff-typed coordinates
win over the postcode's, are checked, and are warned about when far outside the area."""

from __future__ import annotations

import csv

import pytest

from engage.extensions import db
from engage.localoffer import models as m
from engage.localoffer import service as ops
from tests.conftest import AuthActions
from tests.integration.test_area_setup import ROWS, coventry, onspd_row, write_onspd  # noqa: F401 (fixture)
from tests.integration.test_localoffer_staff import _form

#: ONS "Ward to Local Authority District (May 2024) Lookup in the UK": its columns, in its order
WARD_HEADER = ["WD24CD", "WD24NM", "WD24NMW", "LAD24CD", "LAD24NM", "ObjectId"]
WARD_ROWS = [
    ["E05001221", "Earlsdon", "", "E08000026", "Coventry", "1"],
    ["E05001223", "Foleshill", "", "E08000026", "Coventry", "2"],
    ["E05001230", "Sherbourne", "", "E08000026", "Coventry", "3"],
    ["E05001231", "St. Michael's", "", "E08000026", "Coventry", "4"],
    ["E05011111", "Ladywood", "", "E08000025", "Birmingham", "5"],
]
#: a postcode in Sherbourne, a ward the Coventry area file does not list (so only the ONS lookup names it)
SHERBOURNE = onspd_row("CV5 8AA", "E08000026", "E05001230", "52.405000", "-1.530000")


def write_wards(path, rows, header=WARD_HEADER):
    # the portal's downloads start with a byte-order mark
    with path.open("w", newline="", encoding="utf-8-sig") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def imported(coventry, tmp_path):  # noqa: F811 (the imported fixture)
    """Coventry with its postcodes imported, and a moderator signed in."""
    path = write_onspd(tmp_path / "ONSPD_NOV_2026_UK.csv", [*ROWS, SHERBOURNE])
    result = coventry.test_cli_runner().invoke(args=["area", "import-postcodes", str(path)])
    assert result.exit_code == 0, result.output
    staff = coventry.test_client()
    AuthActions(staff).login("moderator")
    org = ops.save_organization(None, {"name": "Foleshill Play Trust", "description": "Play for all"}, None)
    return staff, org


def _location() -> m.Location:
    db.session.expire_all()
    return db.session.scalar(db.select(m.Location))


def _save(staff, org, service=None, **changes):
    url = f"/staff/local-offer/services/{service.id}/edit" if service else "/staff/local-offer/services/new"
    return staff.post(url, data=_form(org.id, town="Coventry", **changes))


def test_saving_a_services_postcode_stores_its_ward_and_both_pages_show_it_in_words(imported):
    staff, org = imported
    saved = _save(staff, org, postcode="CV5 6AA")
    assert saved.status_code == 302, saved.text
    location = _location()
    assert (location.ward_code, location.ward_name) == ("E05001221", "Earlsdon")
    detail = staff.get(saved.headers["Location"]).text
    assert "Earlsdon ward (E05001221)" in detail

    service = db.session.scalar(db.select(m.Service))
    _save(staff, org, service, postcode="CV6 5AB")
    assert (_location().ward_code, _location().ward_name) == ("E05001223", "Foleshill"), "the ward moves with it"

    _save(staff, org, service, postcode="CV9 9ZZ")
    assert (_location().ward_code, _location().ward_name) == (None, None), "an unknown postcode has no ward"
    assert "Ward not known" in staff.get(f"/staff/local-offer/services/{service.id}").text


def test_an_import_fills_the_ward_and_the_public_page_names_it(imported, coventry):  # noqa: F811
    staff, org = imported
    _save(staff, org, postcode="CV5 6AA")
    service = db.session.scalar(db.select(m.Service))
    doc = ops.editable_document(service)
    doc["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] = "CV6 5AB"
    ops.import_data([doc], True, None)
    assert (_location().ward_code, _location().ward_name) == ("E05001223", "Foleshill")
    page = coventry.test_client().get(f"/local-offer/services/{service.id}").text
    assert "In Foleshill ward" in page


def test_ward_names_import_from_the_ons_lookup_and_the_area_files_labels_win(
    imported,
    coventry,  # noqa: F811
    tmp_path,
):
    staff, org = imported
    _save(staff, org, postcode="CV5 8AA")
    assert (_location().ward_code, _location().ward_name) == ("E05001230", None), "no name before the lookup"
    service = db.session.scalar(db.select(m.Service))
    assert "E05001230 (its name is not known" in staff.get(f"/staff/local-offer/services/{service.id}").text

    result = coventry.test_cli_runner().invoke(
        args=["area", "import-wards", str(write_wards(tmp_path / "WD24_LAD24_UK_LU.csv", WARD_ROWS))]
    )
    assert result.exit_code == 0, result.output
    assert "Imported 4 ward names (columns WD24CD and WD24NM; E08000026: 4)" in result.output
    assert "1 service location(s) now show their ward by name" in result.output
    assert _location().ward_name == "Sherbourne", "the lookup names a ward the area file does not list"
    assert db.session.get(m.WardName, "E05011111") is None, "another authority's wards are not kept"
    assert "Sherbourne ward (E05001230)" in staff.get(f"/staff/local-offer/services/{service.id}").text

    _save(staff, org, service, postcode="CV1 2AB")
    assert _location().ward_name == "St Michael's", "the area file's label wins over the ONS name"
    flash = staff.get(f"/staff/local-offer/services/{service.id}").text
    assert "in St Michael&#39;s ward" in flash


def test_a_ward_names_file_with_the_wrong_columns_or_a_bad_line_or_another_area_imports_nothing(
    imported,
    coventry,  # noqa: F811
    tmp_path,
):
    runner = coventry.test_cli_runner()
    runner.invoke(args=["area", "import-wards", str(write_wards(tmp_path / "first.csv", WARD_ROWS[:2]))])
    assert db.session.scalar(db.select(db.func.count()).select_from(m.WardName)) == 2

    wrong = write_wards(tmp_path / "wrong.csv", [["E05001221", "Earlsdon"]], header=["code", "name"])
    result = runner.invoke(args=["area", "import-wards", str(wrong)])
    assert result.exit_code != 0
    assert "expected a ward code and name column of one year (like WD24CD and WD24NM" in result.output
    assert "found code, name" in result.output and "Nothing was imported" in result.output

    bad = write_wards(tmp_path / "bad.csv", [WARD_ROWS[2], ["E5001231", "St Michael's", "", "E08000026", "C", "4"]])
    result = runner.invoke(args=["area", "import-wards", str(bad)])
    assert result.exit_code != 0 and "Line 3: 'E5001231' is not an ONS ward code" in result.output

    birmingham = write_wards(tmp_path / "birmingham.csv", WARD_ROWS[-1:])
    result = runner.invoke(args=["area", "import-wards", str(birmingham)])
    assert result.exit_code != 0
    assert "holds no ward of E08000026: it has wards of E08000025" in result.output

    db.session.expire_all()
    names = {w.code: w.name for w in db.session.scalars(db.select(m.WardName))}
    assert names == {"E05001221": "Earlsdon", "E05001223": "Foleshill"}, "the first import is left as it was"


def test_typed_coordinates_win_over_the_postcodes_and_the_form_says_so(imported):
    staff, org = imported
    form = staff.get("/staff/local-offer/services/new").text
    assert "If you enter them, they are used instead of the postcode's" in form

    saved = _save(staff, org, postcode="CV6 5AB", latitude="52.4301", longitude="-1.4925")
    assert saved.status_code == 302, saved.text
    location = _location()
    assert (location.latitude, location.longitude) == (52.4301, -1.4925)
    assert location.ward_name == "Foleshill", "the ward still comes from the postcode"
    page = staff.get(saved.headers["Location"]).text
    assert "the latitude and longitude you entered (52.4301, -1.4925), not its postcode" in page
    assert "well outside" not in page

    service = db.session.scalar(db.select(m.Service))
    _save(staff, org, service, postcode="CV6 5AB", latitude="52.4301", longitude="-1.4925", name="Renamed")
    assert (_location().latitude, _location().longitude) == (52.4301, -1.4925), "kept by an unrelated edit"

    _save(staff, org, service, postcode="CV6 5AB", latitude="", longitude="")
    assert (_location().latitude, _location().longitude) == (52.426, -1.497), "emptied: back to the postcode's"

    _save(staff, org, service, postcode="CV5 6AA", latitude="52.426", longitude="-1.497")
    assert (_location().latitude, _location().longitude) == (52.399, -1.545), "a new postcode moves the service"


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        ("52.43", "", "Enter both the latitude and the longitude, or neither"),
        ("", "-1.49", "Enter both the latitude and the longitude, or neither"),
        ("-1.49", "52.43", "Enter a latitude between 49 and 61, like 52.4081"),
        ("52.43", "1.5.1", "Enter a longitude between -9 and 2, like -1.5105"),
        ("nan", "-1.49", "Enter a latitude between 49 and 61, like 52.4081"),
    ],
)
def test_coordinates_out_of_range_or_without_their_pair_are_refused_and_nothing_saved(
    imported, latitude, longitude, message
):
    staff, org = imported
    refused = _save(staff, org, postcode="CV6 5AB", latitude=latitude, longitude=longitude)
    assert refused.status_code == 200 and message in refused.text
    assert db.session.scalar(db.select(db.func.count()).select_from(m.Service)) == 0


def test_coordinates_far_outside_the_areas_postcodes_are_saved_with_a_named_warning(imported):
    staff, org = imported
    saved = _save(staff, org, postcode="CV6 5AB", latitude="51.5007", longitude="-0.1246")
    assert saved.status_code == 302
    page = staff.get(saved.headers["Location"]).text
    assert "Check the latitude and longitude: 51.5007, -0.1246 is well outside the area&#39;s postcodes" in page
    assert "(latitude 52.399 to 52.426, longitude -1.545 to -1.497)" in page
    assert _location().latitude == 51.5007


# ------------------------------------------------------------------- the administrators' upload page


def _upload(client, path, neighbours=""):
    with path.open("rb") as file:
        data = {"file": (file, path.name), "neighbours": neighbours}
        return client.post("/staff/local-offer/postcodes", data=data, content_type="multipart/form-data")


def test_an_administrator_uploads_the_postcode_directory_and_is_told_how_many_were_imported(coventry, tmp_path):  # noqa: F811
    admin = coventry.test_client()
    AuthActions(admin).login("admin")
    assert "Engage holds 0 postcodes." in admin.get("/staff/local-offer/postcodes").text
    # bigger than MAX_CONTENT_LENGTH (other authorities' rows, skipped): the upload has its own limit
    padding = [onspd_row(f"B{n // 1000 + 1} {n % 10}{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}", "E08000025",
                         "E05011111", "52.48", "-1.9") for n in range(26000)]  # fmt: skip
    path = write_onspd(tmp_path / "ONSPD_NOV_2026_UK.csv", [*ROWS, *padding])
    assert path.stat().st_size > coventry.config["MAX_CONTENT_LENGTH"]

    page = _upload(admin, path, neighbours="e07000132")
    assert page.status_code == 200, page.text[:2000]
    assert "Imported 5 postcodes" in page.text and "E07000132: 1 postcode" in page.text
    assert "Skipped 1 terminated and 1 without a location." in page.text
    assert db.session.scalar(db.select(db.func.count()).select_from(m.Postcode)) == 5
    audit = db.session.execute(db.text("SELECT action, actor_id FROM audit_events WHERE action LIKE 'area.%'")).all()
    assert [row.action for row in audit] == ["area.postcodes_imported"] and audit[0].actor_id is not None


def test_a_wrong_postcode_upload_changes_nothing_and_says_why_and_only_administrators_may_upload(
    imported,
    coventry,  # noqa: F811
    tmp_path,
):
    moderator, _org = imported
    assert moderator.get("/staff/local-offer/postcodes").status_code == 403
    admin = coventry.test_client()
    AuthActions(admin).login("admin")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("postcode,latitude,longitude\nCV1 2AB,52.4,-1.5\n", encoding="utf-8")
    page = _upload(admin, wrong)
    assert page.status_code == 400
    assert "Nothing was imported: This is not an ONS Postcode Directory CSV: expected the columns" in page.text
    page = _upload(admin, write_onspd(tmp_path / "o.csv", ROWS), neighbours="E07000132, E7")
    assert "E7: not a local authority" in page.text and "(like E06000034)" in page.text
    assert db.session.scalar(db.select(db.func.count()).select_from(m.Postcode)) == 5, "the earlier import stands"
