"""Sentiment: the domain layer fixes what raw TextBlob gets wrong in public-service feedback."""

import pytest
from textblob import TextBlob

from engage.insight import analyse


def test_negation_and_waiting_are_negative_where_textblob_sees_nothing():
    text = "The staff were not helpful at all and we waited months"
    assert TextBlob(text).sentiment.polarity == 0.0
    result = analyse(text)
    assert result.sentiment == "negative"
    assert result.sentiment_score < -0.3
    assert "negation: 'not helpful'" in result.explanation
    assert any(reason.startswith("waiting:") for reason in result.explanation)


@pytest.mark.parametrize(
    "text",
    [
        "No one listens to us",
        "I had to chase the caseworker every week and nobody called back",
        "Still waiting for the EHCP after 18 months",
        "We were fobbed off again by the SEND team",
    ],
)
def test_domain_complaints_are_negative(text):
    assert analyse(text).sentiment == "negative"


def test_praise_then_but_is_mixed():
    result = analyse("Lovely staff but the wait for the assessment was far too long")
    assert result.sentiment == "mixed"
    assert "contrast: 'but'" in result.explanation


@pytest.mark.parametrize("text", ["Excellent service, thank you so much", "The SENCO has been brilliant with my son"])
def test_praise_is_positive(text):
    result = analyse(text)
    assert result.sentiment == "positive"
    assert result.sentiment_score > 0.3


def test_score_is_within_minus_one_and_one():
    for text in ["Awful awful awful", "Amazing amazing", "It was a Tuesday", "ok"]:
        result = analyse(text)
        assert -1.0 <= result.sentiment_score <= 1.0
        assert result.sentiment in {"positive", "neutral", "mixed", "negative"}


@pytest.mark.parametrize("text", [None, "", "   ", 42, "...!!"])
def test_empty_or_non_text_gives_empty_result(text):
    result = analyse(text)
    assert result.sentiment is None and result.sentiment_score is None
    assert result.themes == () and result.flags == ()
    assert result.redacted_text == ("" if not isinstance(text, str) else text)
