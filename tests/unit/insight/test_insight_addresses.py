"""Issue 15, defect 5: a street address is a personal detail ("12 Acacia Avenue" → "[address]"), and numbers in
ordinary sentences are left alone."""

import pytest

from engage.insight import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We live at 12 Acacia Avenue and nobody came.", "We live at [address] and nobody came."),
        ("Flat 3, 27 Mill Lane, Anytown", "[address], Anytown"),
        ("14b Church Road is our house", "[address] is our house"),
        ("write to 14b church road please", "write to [address] please"),
        ("Send it to 221B Baker Street", "Send it to [address]"),
        ("2-4 Station Approach", "[address]"),
        ("We are at 7 Orchard Close, EX4 2AB", "We are at [address], [postcode]"),
        ("Post it to 10 Downing St.", "Post it to [address]."),
        ("Apartment 12 5 Riverside Mews", "[address]"),
        ("Our flat at 40 Kings Court has stairs", "Our flat at [address] has stairs"),
        ("12 Acacia Avenue's garden", "[address]'s garden"),
    ],
)
def test_a_street_address_becomes_a_placeholder(text, expected):
    assert redact(text).text == expected
    assert "address" in {span.kind for span in redact(text).spans}


@pytest.mark.parametrize(
    "text",
    [
        "We waited 12 weeks for a reply",
        "Year 6 class was great",
        "He spent 2 hours on the road every day",
        "3 miles down the lane to the bus",
        "We had 2 good days at the park",
        "The Year 6 Park trip was cancelled",
        "There is only 1 way to get help",
        "my 2 boys walk to school",
        "the 3 kids drive me mad",
        "it took 10 minutes walk",
        "we got 2 new parking spaces",
        "The 3 Close friends he made",
        "She is aged 8 Park Road school is near",
        "Costs £5 Park Road car park",
        "After 2 years of waiting the Hill school said yes",
        "We met at St Mary's on 2 St Helens days",
    ],
)
def test_numbers_in_ordinary_sentences_are_left_alone(text):
    result = redact(text)
    assert "address" not in {span.kind for span in result.spans}
    assert "[address]" not in result.text
