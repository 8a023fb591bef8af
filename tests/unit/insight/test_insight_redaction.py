"""Personal details are replaced by placeholders and the rest of the sentence is kept."""

import pytest

from engage.insight import analyse, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My son Jack has waited two years for his EHCP", "My son [name] has waited two years for his EHCP"),
        ("Mrs Smith never rang back", "Mrs [name] never rang back"),
        ("Dr Patel was the first person who listened", "Dr [name] was the first person who listened"),
        ("The SENCO Mrs O'Brien was brilliant", "The SENCO Mrs [name] was brilliant"),
        ("My daughter, Amelia Jones, is autistic", "My daughter, [name], is autistic"),
        ("My twins Ruby and Noah are waiting", "My twins [name] and [name] are waiting"),
        ("Call me on 07700 900123 please", "Call me on [phone] please"),
        ("Ring (01392) 654321 or +44 7700 900456", "Ring [phone] or [phone]"),
        ("Email jane.doe@example.co.uk any time", "Email [email] any time"),
        ("We moved to EX4 2AB last year", "We moved to [postcode] last year"),
        ("Her NHS number is 943 476 5919", "Her NHS number is [NHS number]"),
        ("She was born on 12/03/2015 and has no diagnosis", "She was born on [date of birth] and has no diagnosis"),
        ("DOB: 3rd March 2016", "DOB: [date of birth]"),
    ],
)
def test_details_are_replaced_and_the_sentence_kept(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "My son has autism and the school will not meet his needs",
        "The annual review on 12/05/2024 was cancelled",
        "Our daughter is 7 and in Year 3",
        "CAMHS said the waiting list is 2 years",
        "The SENCO was great but the head teacher was not",
    ],
)
def test_ordinary_sentences_are_left_alone(text):
    result = redact(text)
    assert result.text == text and result.spans == ()


def test_spans_point_at_the_original_text():
    text = "Speak to my husband Daniel on 07911 123456"
    spans = redact(text).spans
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [("name", "Daniel"), ("phone", "07911 123456")]


def test_analysis_carries_redacted_text_and_flag():
    result = analyse("Mrs Smith was rude to my son Leo")
    assert result.redacted_text == "Mrs [name] was rude to my son [name]"
    assert "personal-details" in result.flags
    assert {s.kind for s in result.personal_details} == {"name"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jack was seen by Sarah on Tuesday", "[name] was seen by [name] on Tuesday"),
        ("thank you to Priya and Tom", "thank you to [name] and [name]"),
        ("Aisha has been out of school since Christmas", "[name] has been out of school since Christmas"),
        ("Thanks to Mohammed in transport", "Thanks to [name] in transport"),
        ("Grace was brilliant at the review", "[name] was brilliant at the review"),
        ("Please thank Fatima Begum for me", "Please thank [name] for me"),
        ("Big thanks to Kerry-Ann on reception", "Big thanks to [name] on reception"),
    ],
)
def test_first_names_without_a_cue_are_replaced(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Will someone please ring me back?",
        "May was the worst month, we waited all of April and May",
        "Hope is all we have left",
        "There is no hope of a place",
        "Grace period for the paperwork was a week",
        "Bill after bill for travel and no help",
        "Mark my words, nothing will change",
        "He was referred to James Cook Hospital",
        "We go to Darlington, James Cook, Sedgefield and Bishop",
        "We go to the Royal Victoria Infirmary for his clinic",
        "my father inlaw was with me",
        "Brilliant. Kind staff who listened.",
    ],
)
def test_words_that_are_also_names_are_left_alone(text):
    assert redact(text).spans == ()


def test_bundled_name_list_is_diverse_and_ships_with_its_attribution():
    from engage.insight.redaction import FIRST_NAMES_FILE, first_names

    names, ambiguous = first_names()
    assert {"sarah", "priya", "mohammed", "aisha", "abiodun", "chiamaka"} <= names
    assert {"agnieszka", "ioana", "kacper"} <= names  # Polish, Romanian: the area's other languages
    assert {"grace", "hope", "may", "bill", "jack"} <= ambiguous
    assert "sarah" not in ambiguous
    assert "MIT" in (FIRST_NAMES_FILE.parent / "FIRST_NAMES_ATTRIBUTION.md").read_text(encoding="utf-8")
