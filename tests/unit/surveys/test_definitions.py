"""Survey definitions load into validated, frozen dataclasses (no Flask)."""

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from engage.surveys.definitions import SurveyDefinitionError
from engage.surveys.loader import (
    check_directory,
    load_standard,
    load_survey,
    survey_files,
    survey_from_snapshot,
)

DATA = Path(__file__).parents[2] / "data"
ROOT = Path(__file__).parents[3]


def test_a_valid_survey_loads_with_stable_ids_and_contexts():
    survey = load_survey(DATA / "surveys" / "basic.yaml")
    assert survey.id == "test-basic" and survey.version == 1
    assert [p.id for p in survey.pages] == ["first", "second", "third"]
    colour = survey.question("colour")
    assert colour.required and colour.option_ids() == ("red", "blue")
    assert colour.label.context == "test-basic.q.colour.label"
    assert survey.question("comment").max_length == 20
    assert survey.question("rating").option_ids() == ("1", "2", "3", "4", "5")
    assert survey.question("last_review").max_date == dt.date(2099, 12, 31)


def test_definitions_are_frozen():
    survey = load_survey(DATA / "surveys" / "basic.yaml")
    with pytest.raises(dataclasses.FrozenInstanceError):
        survey.version = 2


def test_standard_questions_are_inlined_with_their_reach_dimension():
    survey = load_survey(DATA / "surveys" / "standard.yaml")
    ward = survey.question("ward")
    assert ward.reach == "ward" and ward.required
    assert "westbury" in ward.option_ids()
    assert ward.label.context == "standard.q.ward.label"
    assert survey.question("child_ethnicity").reach == "ethnicity"


def test_standard_set_has_the_agreed_lists():
    standard = load_standard()
    need_ids = [o["id"] for o in standard["primary_need"]["options"]]
    assert need_ids == ["spld", "mld", "sld", "pmld", "semh", "slcn", "hi", "vi", "msi", "pd", "asd", "oth", "not_sure"]
    wards = [o["label"] for o in standard["ward"]["options"]][:10]
    assert wards == [
        "Abbey",
        "Brookside",
        "Castle",
        "Eastfield",
        "Hillcrest",
        "Kingsmead",
        "Northgate",
        "Riverside",
        "Southmoor",
        "Westbury",
    ]
    assert len([o for o in standard["ethnicity"]["options"] if o["id"] != "prefer_not"]) == 19
    assert {s["reach"] for s in standard.values()} == {
        "relationship",
        "age_band",
        "ward",
        "ethnicity",
        "language",
        "primary_need",
        "ehcp",
        "school_type",
    }


def test_a_bad_file_names_the_file_the_element_and_the_problem():
    with pytest.raises(SurveyDefinitionError) as caught:
        load_survey(DATA / "surveys_bad" / "broken.yaml")
    text = str(caught.value)
    assert "broken.yaml" in text
    assert "test-broken: version must be a whole number" in text
    assert "audience must be one of" in text
    assert "question q1: type must be one of" in text
    assert "question q2: needs at least two options" in text
    assert "page one: show_if refers to 'later', which is not a question on an earlier page" in text
    assert "question q2: max_length must be" in text
    assert "question id is used twice" in text


def test_invalid_yaml_is_reported_not_crashed():
    with pytest.raises(SurveyDefinitionError, match="notyaml.yaml.*not valid YAML"):
        load_survey(DATA / "surveys_bad" / "notyaml.yaml")


def test_check_directory_returns_good_surveys_and_every_problem():
    good, problems = check_directory(DATA / "surveys_bad")
    assert good == {}
    assert {Path(p.file).name for p in problems} == {"broken.yaml", "notyaml.yaml"}


def test_condition_values_must_be_options_of_the_question():
    import yaml

    data = yaml.safe_load((DATA / "surveys" / "conditions.yaml").read_text())
    data["pages"][1]["show_if"] = {"question": "has_plan", "equals": "maybe"}
    from engage.surveys.loader import parse_survey

    with pytest.raises(SurveyDefinitionError, match="'maybe'.*not options of 'has_plan'"):
        parse_survey(data, "conditions.yaml")


def test_a_snapshot_rebuilds_the_same_version():
    survey = load_survey(DATA / "surveys" / "standard.yaml")
    again = survey_from_snapshot(survey.snapshot)
    assert again == survey
    assert again.question("ward").label.context == "standard.q.ward.label"


def test_shipped_surveys_are_valid():
    files = survey_files(ROOT / "surveys")
    assert len(files) >= 3
    good, problems = check_directory(ROOT / "surveys")
    assert problems == []
    parent = good["parent-carer-send-survey-2026"]
    assert 22 <= sum(1 for _ in parent.questions()) <= 32
    assert set(parent.languages) == {"en", "pl", "ro", "lt", "ur", "bn"}
    reach = {q.reach for q in parent.questions() if q.reach}
    assert reach == {"relationship", "age_band", "ward", "ethnicity", "language", "primary_need", "ehcp", "school_type"}
