"""The area settings file (engage/area.py): the demo area is one such file, and a bad file is refused at start-up
with every problem named, one test per kind of problem."""

from __future__ import annotations

import pytest

from engage import area as areas
from engage import create_app

GOOD = """
name = "Coventry"
partnership = "Coventry SEND Partnership"
ons_code = "E08000026"
languages = ["en", "pl", "ur"]
wards = [
  { id = "earlsdon", label = "Earlsdon", ons_code = "E05001221" },
  { id = "foleshill", label = "Foleshill", ons_code = "E05001223" },
  { id = "old_ward", label = "Old ward", retired = true },
]
home_languages = [
  { id = "english", label = "English" },
  { id = "punjabi", label = "Punjabi" },
  { id = "polish", label = "Polish" },
  { id = "tigrinya", label = "Tigrinya", counted_in_other = true },
]

[contact]
email = "send@coventry.example"
phone = "024 7600 0000"
"""


def _parse(text: str) -> areas.Area:
    import tomllib

    return areas.parse(tomllib.loads(text), "test.toml")


def _problems(text: str) -> list[str]:
    with pytest.raises(areas.AreaFileError) as caught:
        _parse(text)
    return caught.value.problems


def test_the_demo_area_is_a_settings_file_outside_the_package():
    demo = areas.load(areas.DEMO_AREA_FILE)
    assert demo.name == "Example Borough"
    assert "engage" not in areas.DEMO_AREA_FILE.relative_to(areas.PROJECT_ROOT).parts
    assert [w.id for w in demo.wards][:3] == ["abbey", "brookside", "castle"]
    assert demo.languages == ("en", "pl", "ro", "lt", "ur", "bn")


def test_a_good_file_reads_whole():
    area = _parse(GOOD)
    assert (area.name, area.ons_code, area.languages) == ("Coventry", "E08000026", ("en", "pl", "ur"))
    assert [w.id for w in area.offered_wards()] == ["earlsdon", "foleshill"]
    assert area.ward_for_ons_code("E05001223") == "foleshill"
    assert area.contact.email == "send@coventry.example"


def test_missing_names_are_named():
    text = GOOD.replace('name = "Coventry"\n', "").replace('partnership = "Coventry SEND Partnership"\n', "")
    assert _problems(text) == ["name is missing", "partnership is missing"]


def test_a_malformed_ons_code_is_named():
    (problem,) = _problems(GOOD.replace("E08000026", "E8000026"))
    assert "ons_code 'E8000026' is not an English local authority's ONS code" in problem


def test_an_unknown_language_is_named():
    problems = _problems(GOOD.replace('["en", "pl", "ur"]', '["en", "fr", "pl", "pl"]'))
    assert problems == [
        "languages: 'fr' is not a language Engage offers (en, pl, ro, lt, ur, bn)",
        "languages: 'pl' is listed twice",
    ]


def test_english_must_be_offered():
    assert _problems(GOOD.replace('["en", "pl", "ur"]', '["pl"]')) == ["languages must include 'en'"]


def test_contact_details_are_checked():
    problems = _problems(GOOD.replace('email = "send@coventry.example"', 'email = "nobody"\nfax = "1"'))
    assert problems == [
        "contact: unknown setting 'fax' (expected email, phone, address, website)",
        "contact.email 'nobody' is not an email address",
    ]
    no_contact = GOOD.split("[contact]")[0]
    assert _problems(no_contact) == ["contact is missing (a [contact] table with at least email)"]


def test_a_duplicate_group_id_is_named():
    text = GOOD.replace('{ id = "foleshill"', '{ id = "earlsdon"').replace("E05001223", "E05001299")
    assert _problems(text) == ["wards #2: id 'earlsdon' is used twice in wards"]


def test_bad_group_ids_and_reserved_ids_are_named():
    text = GOOD.replace('id = "foleshill"', 'id = "Foleshill West"').replace('id = "old_ward"', 'id = "outside"')
    text = text.replace('{ id = "polish"', '{ id = "other"')
    assert _problems(text) == [
        "wards #2: id 'Foleshill West' must be lower-case letters, digits and underscores",
        "wards #3: id 'outside' is kept for the answer every ward question offers",
        "home_languages #3: id 'other' is kept for the group of languages not listed",
    ]


def test_a_bad_ward_ons_code_is_named():
    (problem,) = _problems(GOOD.replace("E05001221", "E0500122"))
    assert problem == "wards #1: ons_code 'E0500122' is not an ONS ward code (E05 and six digits)"


def test_missing_groups_are_named():
    text = GOOD.split("wards = [")[0] + "[contact]" + GOOD.split("[contact]")[1]
    assert _problems(text) == [
        "wards is missing (a list with one { id = ..., label = ... } for each group)",
        "home_languages is missing (a list with one { id = ..., label = ... } for each group)",
    ]


def test_unknown_settings_and_bad_places_are_named():
    text = 'colour = "red"\nplaces = [{ kind = "city", name = "X", ward = "nowhere", latitude = 10, longitude = 0 }]\n'
    problems = _problems(text + GOOD)
    assert problems[0].startswith("unknown setting 'colour'")
    assert problems[1:] == [
        'places #1: kind must be "district" or "town"',
        "places #1: ward 'nowhere' is not one of the area's wards",
        "places #1: latitude must be a number between 49 and 61 (the United Kingdom)",
    ]


def test_every_problem_is_named_at_once_and_start_up_refuses(tmp_path):
    bad = (
        GOOD.replace("E08000026", "X1")
        .replace('"pl", "ur"', '"pl", "xx"')
        .replace('id = "foleshill"', 'id = "earlsdon"')
    )
    path = tmp_path / "area.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(areas.AreaFileError) as caught:
        create_app({"AREA_FILE": str(path), "TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    message = str(caught.value)
    assert "has 3 problem(s)" in message
    for expected in ("ons_code 'X1'", "'xx' is not a language", "id 'earlsdon' is used twice"):
        assert expected in message
    areas.activate(areas.load(areas.DEMO_AREA_FILE))


def test_a_file_that_is_not_toml_is_named(tmp_path):
    path = tmp_path / "area.toml"
    path.write_text("name = ", encoding="utf-8")
    with pytest.raises(areas.AreaFileError, match="not a valid TOML file"):
        areas.load(path)
    with pytest.raises(areas.AreaFileError, match="does not exist"):
        areas.load(tmp_path / "missing.toml")
