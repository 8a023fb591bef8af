"""Issue 15, defect 6: a survey's retention is part of its definition, validated by the loader, and what its
privacy text promises families matches it."""

import re
from pathlib import Path

import pytest
import yaml

from engage.surveys.definitions import SurveyDefinitionError
from engage.surveys.loader import check_directory, load_survey, parse_survey, survey_from_snapshot

DATA = Path(__file__).parents[2] / "data"
ROOT = Path(__file__).parents[3]
#: "kept ... for 2 years", "kept for 90 days": the period a privacy text promises.
PROMISE = re.compile(r"\bkept\b[^.]*?\bfor (\d+) (year|month|day)s?\b", re.IGNORECASE)
DAYS_PER = {"year": 365, "month": 30, "day": 1}


def test_retention_days_is_read_from_the_file():
    assert load_survey(DATA / "surveys" / "retention.yaml").retention_days == 90
    assert load_survey(DATA / "surveys" / "basic.yaml").retention_days is None


@pytest.mark.parametrize("value", [0, -5, 3651, "2 years", 1.5, True])
def test_a_bad_retention_is_refused_with_the_survey_and_the_problem(value):
    data = yaml.safe_load((DATA / "surveys" / "retention.yaml").read_text())
    data["retention_days"] = value
    with pytest.raises(SurveyDefinitionError, match="test-retention: retention_days must be a whole number of days"):
        parse_survey(data, "retention.yaml")


def test_changing_the_retention_needs_no_new_version():
    """Retention is about what happens afterwards, not the questions: drafts are compared without it."""
    data = yaml.safe_load((DATA / "surveys" / "retention.yaml").read_text())
    first = parse_survey(data, "retention.yaml")
    second = parse_survey(data | {"retention_days": 30}, "retention.yaml")
    assert first.snapshot == second.snapshot
    assert survey_from_snapshot(first.snapshot) == first


@pytest.mark.parametrize("directory", [ROOT / "surveys", DATA / "surveys"])
def test_what_each_privacy_text_promises_is_the_retention_it_defines(directory):
    surveys, problems = check_directory(directory)
    assert problems == []
    for survey in surveys.values():
        promise = PROMISE.search(survey.privacy.source if survey.privacy else "")
        if promise is None:
            continue
        promised = int(promise.group(1)) * DAYS_PER[promise.group(2).lower()]
        assert survey.retention_days == promised, (survey.id, promise.group(0), survey.retention_days)


def test_the_parent_survey_keeps_answers_for_the_two_years_it_promises():
    parent = load_survey(ROOT / "surveys" / "parent-carer-send-survey-2026.yaml")
    assert "kept by Example Borough Council for 2 years" in parent.privacy.source
    assert parent.retention_days == 730
