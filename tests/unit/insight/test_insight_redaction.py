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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my son jack has been out of school", "my son [name] has been out of school"),
        ("my daughter grace is 9 and cant read", "my daughter [name] is 9 and cant read"),
        ("my son will is autistic", "my son [name] is autistic"),
        ("my grandson tatenda lives with me", "my grandson [name] lives with me"),
        ("my twins ruby and amber are in year 2", "my twins [name] and [name] are in year 2"),
        ("i spoke to sarah at the send team", "i spoke to [name] at the send team"),
        ("the ot called faith came out once", "the ot called [name] came out once"),
        ("i am mehwish and my son has autism", "i am [name] and my son has autism"),
        ("his teacher mrs brown is lovely", "his teacher mrs [name] is lovely"),
        ("dr patel listened", "dr [name] listened"),
        ("we saw miss hughes the senco", "we saw miss [name] the senco"),
    ],
)
def test_lower_case_names_after_a_cue_are_replaced(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tendai waited 18 months for an assessment", "[name] waited 18 months for an assessment"),
        ("thank you to kwame and akosua at the club", "thank you to [name] and [name] at the club"),
        ("nan and grandad look after kyle after school", "nan and grandad look after [name] after school"),
        ("Abdirahman was excluded twice in year 7.", "[name] was excluded twice in year 7."),
        ("I rang and Vimbainashe said she would call back.", "I rang and [name] said she would call back."),
    ],
)
def test_names_from_englands_communities_are_replaced_without_a_cue(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "my son will start secondary in september",
        "my daughter may need a residential placement",
        "my son adhd and asd diagnosed at 7",
        "my son dosent have a place and hasnt been in school",
        "my little girl bless her has been so brave",
        "my son has down syndrome and duchenne",
        "i spoke to the senco and spoke to reception",
        "i am disapointed with the service",
        "we called the send team and called them back",
        "the dr appt was moved and dr said it is behaviour",
        "he will miss alot of school",
        "she has ms fatigue",
        "my nan is his main carer and my mum works",
        "we go to james cook hospital and alder hey",
        "they jack up the price and mark my words",
        "sir shouted at him and miss said he cant go",
        "April and May were lost waiting for the panel.",
        "If Entinox had been available it would have helped.",
    ],
)
def test_words_and_places_that_look_like_names_in_lower_case_are_kept(text):
    assert redact(text).spans == ()


def test_hand_written_names_list_covers_communities_faker_lacks():
    from engage.insight.redaction import EXTRA_NAMES_FILE, first_names

    names, ambiguous = first_names()
    assert {"tendai", "oluwaseun", "abdirahman", "hodan", "nusrat", "szymon", "ionut", "kizzy"} <= names
    assert {"will", "precious", "blessing"} <= ambiguous  # names that are also words need a sign
    assert "written by the Engage team" in (EXTRA_NAMES_FILE.parent / "FIRST_NAMES_ATTRIBUTION.md").read_text(
        encoding="utf-8"
    )
