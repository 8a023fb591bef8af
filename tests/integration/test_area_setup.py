"""A second, different area set up from its own file with no code change: its wards and languages in the standard
questions and reach, its statutory pages as drafts, its postcodes from an ONS Postcode Directory CSV written here
in the published layout (two local authorities, a terminated postcode)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

import pytest

from engage import area as areas
from engage import create_app
from engage.extensions import db
from engage.localoffer import districts, postcodes
from engage.localoffer import models as m
from engage.localoffer import service as ops
from engage.localoffer.demo import demo_documents
from engage.reach.dimensions import dimensions, normalise_group
from engage.reach.report import build_reach
from engage.reach.sources import Participation
from engage.surveys.loader import load_standard
from tests.conftest import AuthActions, RequestScopedClient, config_for_tests

COVENTRY = """
name = "Coventry"
partnership = "Coventry SEND Partnership"
ons_code = "E08000026"
languages = ["en", "pl", "ur"]
wards = [
  { id = "earlsdon", label = "Earlsdon", ons_code = "E05001221" },
  { id = "foleshill", label = "Foleshill", ons_code = "E05001223" },
  { id = "st_michaels", label = "St Michael's", ons_code = "E05001231" },
  { id = "whoberley", label = "Whoberley (before 2026)", retired = true },
]
home_languages = [
  { id = "english", label = "English" },
  { id = "punjabi", label = "Punjabi" },
  { id = "polish", label = "Polish" },
  { id = "tigrinya", label = "Tigrinya", counted_in_other = true },
]

[contact]
email = "send@coventry.example"
"""

#: ONSPD's published layout (a selection of its columns, in its order; other columns are ignored)
ONSPD_HEADER = ["pcd", "pcd2", "pcds", "dointr", "doterm", "oscty", "ced", "oslaua", "osward", "parish", "usertype",
                "oseast1m", "osnrth1m", "osgrdind", "lat", "long"]  # fmt: skip


def onspd_row(pcds, la, ward, lat, long, doterm=""):
    compact = pcds.replace(" ", "")
    return [f"{compact[:-3]:<4}{compact[-3:]}", f"{compact[:-3]:<5}{compact[-3:]}", pcds, "198001", doterm,
            "E99999999", "E99999999", la, ward, "E43000001", "0", "433000", "279000", "1", lat, long]  # fmt: skip


def write_onspd(path, rows, header=ONSPD_HEADER):
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


ROWS = [
    onspd_row("CV1 2AB", "E08000026", "E05001231", "52.408100", "-1.510500"),
    onspd_row("CV1 2AD", "E08000026", "E05001231", "52.409000", "-1.511000"),
    onspd_row("CV5 6AA", "E08000026", "E05001221", "52.399000", "-1.545000"),
    onspd_row("CV6 5AB", "E08000026", "E05001223", "52.426000", "-1.497000"),
    onspd_row("CV1 9ZZ", "E08000026", "E05001231", "52.410000", "-1.512000", doterm="201905"),
    onspd_row("CV1 9ZY", "E08000026", "E05001231", "99.999999", "0.000000"),
    onspd_row("LE10 1AA", "E07000132", "E05005555", "52.540000", "-1.373000"),
    onspd_row("B1 1AA", "E08000025", "E05011111", "52.480000", "-1.900000"),
]


@pytest.fixture
def coventry(tmp_path, smtp_controller):
    path = tmp_path / "coventry.toml"
    path.write_text(COVENTRY, encoding="utf-8")
    app = create_app({**config_for_tests(tmp_path, smtp_controller.port), "AREA_FILE": str(path)})
    app.test_client_class = RequestScopedClient
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    areas.activate(areas.load(areas.DEMO_AREA_FILE))


def test_a_second_area_names_itself_on_every_page(coventry):
    page = coventry.test_client().get("/").text
    assert "SEND support and your say in Coventry" in page and "Coventry SEND Partnership" in page
    assert "Example Borough" not in page
    assert "Polski" in page and "Română" not in page, "the switcher offers the area's languages only"


def test_the_standard_questions_offer_the_areas_wards_and_languages_but_not_retired_ones(coventry):
    standard = load_standard()
    assert [o["id"] for o in standard["ward"]["options"]] == [
        "earlsdon", "foleshill", "st_michaels", "outside", "not_sure"
    ]  # fmt: skip
    assert "Coventry" not in standard["ward"]["label"] and "Example Borough" not in str(standard)
    assert [o["id"] for o in standard["language"]["options"]] == ["english", "punjabi", "polish", "tigrinya", "other"]
    # national groups stay standard
    assert len(standard["ethnicity"]["options"]) == 20


def test_reach_takes_the_areas_groups_and_a_retired_ward_still_counts_in_history(coventry):
    assert dimensions()["ward"].group_ids() == ("earlsdon", "foleshill", "st_michaels", "whoberley")
    assert dimensions()["language"].group_ids() == ("english", "punjabi", "polish", "other")
    assert normalise_group("language", "tigrinya") == "other"
    assert dimensions()["age_band"].group_ids() == ("0_4", "5_10", "11_15", "16_19", "20_25")
    when = datetime(2026, 3, 1, tzinfo=UTC)
    answered = [
        Participation(f"survey:s{i}", "survey", None, when, {"ward": "whoberley" if i < 12 else "earlsdon"})
        for i in range(20)
    ]
    report = build_reach(answered, None)
    ward = {row.group: row.respondents.value for row in report.table("ward").overall}
    assert ward["whoberley"] == 12, "answers given before the ward was retired are counted in its group"


def test_renaming_a_groups_label_keeps_its_stored_id(coventry, tmp_path):
    renamed = areas.parse(__import__("tomllib").loads(COVENTRY.replace('"Earlsdon"', '"Earlsdon and Canley"')))
    areas.activate(renamed)
    assert normalise_group("ward", "earlsdon") == "earlsdon"
    assert dimensions()["ward"].groups[0].label == "Earlsdon and Canley"


def test_area_init_creates_the_statutory_pages_as_drafts_never_overwriting(coventry, client_for=None):
    db.session.add(
        m.EvergreenPage(
            slug="travel-assistance", title="Our own travel page", owner="Coventry Transport", body="Ours.",
            reviewed_on=datetime(2026, 1, 5).date(), review_due=datetime(2027, 1, 5).date(),
        )
    )  # fmt: skip
    db.session.commit()
    result = coventry.test_cli_runner().invoke(args=["area", "init"])
    assert result.exit_code == 0, result.output
    assert "Created 4 information page(s)" in result.output
    own = db.session.scalar(db.select(m.EvergreenPage).filter_by(slug="travel-assistance"))
    assert (own.title, own.needs_content) == ("Our own travel page", False)
    draft = db.session.scalar(db.select(m.EvergreenPage).filter_by(slug="ehc-needs-assessment"))
    assert draft.needs_content and draft.owner == "SEND Assessment Team, Coventry Council"
    again = coventry.test_cli_runner().invoke(args=["area", "init"])
    assert "none was changed" in again.output

    family = coventry.test_client()
    assert family.get("/local-offer/pages/ehc-needs-assessment").status_code == 404
    assert family.get("/local-offer/pages/travel-assistance").status_code == 200
    assert "Requesting an education, health and care" not in family.get("/local-offer").text

    staff = coventry.test_client()
    AuthActions(staff).login("moderator")
    due = staff.get("/staff/local-offer/due").text
    assert "Needs your content" in due and "Requesting an education, health and care (EHC) needs assessment" in due
    response = staff.post("/staff/local-offer/pages/ehc-needs-assessment/publish", follow_redirects=True)
    assert response.status_code == 200, response.text
    db.session.expire_all()
    assert db.session.scalar(db.select(m.EvergreenPage).filter_by(slug="ehc-needs-assessment")).needs_content is False
    assert family.get("/local-offer/pages/ehc-needs-assessment").status_code == 200
    assert (
        "Requesting an education, health and care (EHC) needs assessment"
        not in staff.get("/staff/local-offer/due").text
    )


def test_postcodes_import_keeps_the_areas_live_postcodes_and_distance_search_finds_them(coventry, tmp_path):
    assert districts.lookup("CV1 2AB") is None
    path = write_onspd(tmp_path / "ONSPD_NOV_2026_UK.csv", ROWS)
    result = coventry.test_cli_runner().invoke(args=["area", "import-postcodes", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported 4 live postcodes (E08000026: 4); skipped 1 terminated and 1 without a location." in result.output
    assert postcodes.count(db.session) == 4
    place = districts.lookup("cv1 2ab")
    assert place is not None and round(place.latitude, 4) == 52.4081 and place.label == "CV1"
    assert districts.lookup("CV1 9ZZ") is None, "a terminated postcode is not kept"
    assert districts.lookup("CV1") is not None and districts.lookup("B1 1AA") is None
    assert postcodes.find(db.session, "CV6 5AB").ward_code == "E05001223"
    assert coventry.extensions["engage.area"].ward_for_ons_code("E05001223") == "foleshill"

    areas.activate(areas.load(areas.DEMO_AREA_FILE))
    docs = demo_documents(3)  # three services, moved to Coventry
    areas.activate(coventry.extensions["engage.area"])
    for doc, postcode in zip(docs, ("CV1 2AD", "CV5 6AA", "CV6 5AB"), strict=True):
        location = doc["service_at_locations"][0]["location"]
        location["addresses"][0].update(postal_code=postcode, city="Coventry", state_province="West Midlands")
        found = postcodes.find(db.session, postcode)
        location["latitude"], location["longitude"] = found.latitude, found.longitude
    ops.import_data(docs, True, None)
    page = coventry.test_client().get("/local-offer?near=CV1+2AB&radius=10").text
    assert "miles away" in page
    assert "CV1 2AB" not in str(db.session.execute(db.text("SELECT * FROM audit_events")).all())

    neighbours = coventry.test_cli_runner().invoke(
        args=["area", "import-postcodes", str(path), "--la", "E08000026", "--la", "E07000132"]
    )
    assert "E07000132: 1" in neighbours.output and postcodes.count(db.session) == 5


def test_a_postcode_file_with_the_wrong_columns_is_refused_naming_them(coventry, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("postcode,latitude,longitude\nCV1 2AB,52.4,-1.5\n", encoding="utf-8")
    result = coventry.test_cli_runner().invoke(args=["area", "import-postcodes", str(path)])
    assert result.exit_code != 0
    assert "expected the columns pcds (or pcd), lat, long, oslaua, osward, doterm" in result.output
    assert "found postcode, latitude, longitude" in result.output and "Nothing was imported" in result.output
    assert postcodes.count(db.session) == 0


def test_a_postcode_file_of_another_area_only_imports_nothing(coventry, tmp_path):
    write_onspd(tmp_path / "first.csv", ROWS[:4])
    coventry.test_cli_runner().invoke(args=["area", "import-postcodes", str(tmp_path / "first.csv")])
    assert postcodes.count(db.session) == 4
    path = write_onspd(tmp_path / "birmingham.csv", ROWS[-1:])
    result = coventry.test_cli_runner().invoke(args=["area", "import-postcodes", str(path)])
    assert result.exit_code != 0
    assert "holds no live postcode of E08000026: it has postcodes of E08000025" in result.output
    assert postcodes.count(db.session) == 4, "the earlier import is left as it was"


def test_a_postcode_file_failing_part_way_changes_nothing(coventry, tmp_path):
    write_onspd(tmp_path / "first.csv", ROWS[:4])
    coventry.test_cli_runner().invoke(args=["area", "import-postcodes", str(tmp_path / "first.csv")])
    bad = [*ROWS[:2], onspd_row("CV2 1AA", "E08000026", "E05001221", "north", "-1.5")]
    result = coventry.test_cli_runner().invoke(
        args=["area", "import-postcodes", str(write_onspd(tmp_path / "bad.csv", bad))]
    )
    assert result.exit_code != 0 and "Line 4: CV2 1AA has lat 'north'" in result.output
    assert postcodes.count(db.session) == 4
    assert postcodes.find(db.session, "CV6 5AB") is not None


def test_staff_entering_a_services_postcode_get_its_coordinates_and_ward_and_a_warning_for_an_unknown_one(
    coventry, tmp_path
):
    from tests.integration.test_localoffer_staff import _form

    coventry.test_cli_runner().invoke(args=["area", "import-postcodes", str(write_onspd(tmp_path / "o.csv", ROWS))])
    org = ops.save_organization(None, {"name": "Foleshill Play Trust", "description": "Play for all"}, None)
    staff = coventry.test_client()
    AuthActions(staff).login("moderator")

    saved = staff.post("/staff/local-offer/services/new", data=_form(org.id, postcode="cv6 5ab", town="Coventry"))
    assert saved.status_code == 302, saved.text
    page = staff.get(saved.headers["Location"]).text
    assert "Its place on the map comes from the postcode CV6 5AB, in Foleshill ward." in page
    service = db.session.scalar(db.select(m.Service))
    location = ops.editable_document(service)["service_at_locations"][0]["location"]
    assert (location["latitude"], location["longitude"]) == (52.426, -1.497)

    unknown = staff.post(
        f"/staff/local-offer/services/{service.id}/edit", data=_form(org.id, postcode="CV9 9ZZ", town="Coventry")
    )
    assert unknown.status_code == 302, "an unknown postcode is saved with a warning, never an error"
    page = staff.get(unknown.headers["Location"]).text
    assert "We do not know the postcode CV9 9ZZ, so the service has no place on the map" in page
    db.session.expire_all()
    location = ops.editable_document(service)["service_at_locations"][0]["location"]
    assert "latitude" not in location and location["addresses"][0]["postal_code"] == "CV9 9ZZ"

    unchanged = staff.post(
        f"/staff/local-offer/services/{service.id}/edit",
        data=_form(org.id, postcode="CV9 9ZZ", town="Coventry", name="Foleshill Stay and Play"),
    )
    assert "We do not know" not in staff.get(unchanged.headers["Location"]).text, "only a changed postcode is told"
