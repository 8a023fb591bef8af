"""Issue 16, deliverable 3: how severe a concern is, and fewer false alarms on complaints about waiting.

The waiting-list complaints below are the demo's wording ("We have been waiting nine months for ... and nobody
has rung back"), which the model was not trained on; it learned from bench/data/safeguarding_waiting.json. The
blind sets are only measured here, never trained or tuned on: recall on them must not fall below the figures the
model had before (parents 60/60, young people 59/60).
"""

import json
from pathlib import Path

import pytest

from engage.insight.engine import safeguarding_only
from engage.insight.safeguarding_model import safeguarding_concerns
from engage.insight.safeguarding_severity import severity, severity_from_explanation

DATA = Path(__file__).parents[3] / "bench" / "data"
SERVICES = (
    "the hillcrest children's centre",
    "speech and language therapy",
    "camhs",
    "the brookside autism support group",
    "home to school transport",
)


def test_risk_to_life_is_above_harm_by_someone_above_a_possible_harm():
    assert severity(["suicide"]) == severity(["self-harm"]) == 3
    assert severity(["abuse", "domestic-violence"]) == severity(["neglect"]) == 2
    assert severity(["possible-harm"]) == severity(["bullying"]) == 1
    assert severity(["possible-harm", "self-harm"]) == 3 and severity([]) == 0


def test_severity_reads_only_the_concern_lines_of_a_stored_explanation():
    stored = ["waiting: 'eight months'", "suicide: 'wants to die'", "theme waiting: model", "TextBlob polarity -0.10"]
    assert severity_from_explanation(stored) == 3
    assert severity_from_explanation(["possible-harm: model 0.62", "praise: 'lovely'"]) == 1
    assert severity_from_explanation(["waiting: 'nine months'"]) == severity_from_explanation(None) == 0


@pytest.mark.parametrize("service", SERVICES)
def test_a_complaint_about_waiting_and_no_call_back_is_not_a_safeguarding_concern(service):
    assert safeguarding_only(f"We have been waiting nine months for {service} and nobody has rung back.") == ()


@pytest.mark.parametrize(
    "text",
    [
        "My son keeps saying he wants to die and the waiting list for CAMHS is eight months. What do we do?",
        "Waiting nine months for CAMHS and she has started cutting herself again.",
        "We have been waiting nine months for a social worker and nobody has rung back; his stepdad still hits him.",
    ],
)
def test_a_concern_that_also_complains_about_waiting_is_still_flagged(text):
    assert safeguarding_only(text)


@pytest.mark.parametrize(
    ("name", "caught"), [("safeguarding_blind_parents.json", 60), ("safeguarding_blind_youth.json", 59)]
)
def test_recall_on_the_blind_sets_is_not_lower_than_before(name, caught):
    cases = json.loads((DATA / name).read_text(encoding="utf-8"))["cases"]
    assert sum(1 for case in cases if case["concern"] and safeguarding_concerns(case["text"])) >= caught
