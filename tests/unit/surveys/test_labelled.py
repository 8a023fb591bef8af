"""Response exports in words: a heading per question, answers as their labels, never two columns alike."""

import dataclasses

from engage.surveys import labelled
from engage.surveys.loader import load_survey
from tests.integration.surveys_helpers import TEST_SURVEYS


def _survey(name: str):
    return load_survey(TEST_SURVEYS / name)


def test_a_multiple_choice_answer_reads_as_its_labels_and_other_gets_its_own_heading(app):
    (question,) = _survey("multiple.yaml").questions()
    with app.app_context():
        assert labelled.question_header([question]) == [
            "Which services have you used?",
            "Which services have you used? (other, in their words)",
        ]
        assert labelled.cell(question, ["speech", "other"], redact=False) == "Speech and language therapy; Other"
        assert labelled.cell(question, [], redact=False) == ""


def test_two_questions_with_the_same_text_are_told_apart_by_their_ids(app):
    colour = next(q for q in _survey("basic.yaml").questions() if q.id == "colour")
    twin = dataclasses.replace(colour, id="colour_again")
    with app.app_context():
        assert labelled.question_header([colour, twin]) == ["Which colour? [colour]", "Which colour? [colour_again]"]
