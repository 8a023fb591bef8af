"""Safeguarding: phrases suggesting someone may be at risk are flagged (recall first)."""

import pytest

from engage.insight import analyse, safeguarding_concerns


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("My son has started self harming since he lost his place", "self-harm"),
        ("She keeps saying she wants to die", "suicide"),
        ("He told me he wants to kill himself", "suicide"),
        ("He tried to hang himself in March", "suicide"),
        ("He comes home from respite with bruises nobody can explain", "abuse"),
        ("A member of staff hit my son", "abuse"),
        ("I think he is being neglected, there is no food in the house", "neglect"),
        ("There is domestic abuse at home", "domestic-violence"),
        ("My partner is violent and I am scared", "domestic-violence"),
        ("He is bullied and beaten up on the way home", "violence"),
    ],
)
def test_risk_phrases_are_flagged(text, kind):
    assert kind in safeguarding_concerns(text)


@pytest.mark.parametrize(
    "text",
    [
        "The staff were not helpful at all and we waited months",
        "Lovely staff but the wait was far too long",
        "CAMHS were kind and the therapy helped his anxiety",
        "We had to go to tribunal to get the right school",
    ],
)
def test_ordinary_complaints_are_not_flagged(text):
    assert safeguarding_concerns(text) == []


def test_flag_and_reason_reach_the_analysis():
    result = analyse("My daughter is suicidal and A&E sent us home")
    assert "safeguarding" in result.flags
    assert result.safeguarding == ("suicide",)
    assert any(reason.startswith("suicide:") for reason in result.explanation)


def test_a_concern_in_another_language_is_caught_through_the_translation():
    result = analyse("Mój syn się okalecza", translation="My son is self harming")
    assert "self-harm" in result.safeguarding


@pytest.mark.parametrize(
    "text",
    [
        "he keeps saying life isnt worth living anymore",
        "My son has been hoarding his medication, I found a stash in his drawer",
        "He has started giving away his favourite things and saying goodbye to people",
        "There are burns on her arms she won't explain",
        "an adult at church has been buying my daughter presents and telling her not to tell us",
        "my uncle touches me and I don't like it",
        "I'm at breaking point caring for him and I'm frightened I might lose control and hurt him",
    ],
)
def test_indirect_disclosures_are_flagged(text):
    assert safeguarding_concerns(text)


@pytest.mark.parametrize(
    "text",
    ["The school's anti-bullying work has been great", "The self-harm awareness training for parents was useful"],
)
def test_look_alike_phrases_are_not_flagged(text):
    assert safeguarding_concerns(text) == []
