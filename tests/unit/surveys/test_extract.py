"""The Babel extractor puts survey text into the catalogs with msgctxt = element id."""

import io
from pathlib import Path

from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.frontend import parse_mapping_cfg

from engage.surveys.extract import extract_surveys

ROOT = Path(__file__).parents[3]
DATA = ROOT / "tests" / "data" / "surveys"


def extract(path):
    return list(extract_from_file(extract_surveys, str(path)))


def test_survey_text_is_extracted_with_its_element_id_as_context():
    messages = {(m[3], m[1]): m[0] for m in extract(DATA / "basic.yaml")}
    assert ("test-basic.q.colour.label", "Which colour?") in messages
    assert ("test-basic.q.colour.option.red", "Red") in messages
    assert ("test-basic.page.first.title", "First page") in messages
    assert ("test-basic.q.rating.min_label", "Very poor") in messages
    assert messages[("test-basic.q.colour.label", "Which colour?")] > 1  # a real line number


def test_standard_questions_are_extracted_once_from_the_standard_file():
    survey_messages = {m[3] for m in extract(DATA / "standard.yaml")}
    assert not any(c.startswith("standard.") for c in survey_messages)
    standard = {m[3]: m[1] for m in extract(ROOT / "engage" / "surveys" / "standard_questions.yaml")}
    assert standard["standard.q.ward.option.westbury"] == "Westbury"
    assert standard["standard.q.primary_need.option.asd"] == "Autism"


def test_multiple_choice_other_label_is_extracted():
    contexts = {m[3] for m in extract(DATA / "multiple.yaml")}
    assert "test-multiple.q.used.other" in contexts


def test_babel_cfg_sends_survey_files_through_the_extractor():
    """The same mapping `pybabel extract -F babel.cfg` uses puts survey text in the catalog."""
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    surveys_only = [(pattern, method) for pattern, method in method_map if pattern.endswith(".yaml")]
    found = {
        (context, message)
        for filename, _, message, _, context in extract_from_dir(str(ROOT), surveys_only, options_map)
        if filename.startswith("surveys")
    }
    assert ("local-offer-feedback.q.ease.label", "How easy was the Local Offer to use?") in found


def test_extractor_takes_a_file_object():
    text = (DATA / "closed.yaml").read_bytes()
    out = list(extract_surveys(io.BytesIO(text), {}, [], {}))
    assert out[0][1] == "pgettext" and out[0][2] == ("test-closed.title", "Closed test survey")
