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


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # misspellings typed on phones
        ("my daughter has been talking about sucide again", "suicide"),
        ("i feel suisidal every day", "suicide"),
        ("i slef harm and the school nurse just told me to use an elastic band", "self-harm"),
        ("she has brusies on her legs after respite", "abuse"),
        # slang and text-speak
        ("wanna unalive myself rn", "suicide"),
        ("im gonna kms if i have 2 go back there", "suicide"),
        ("been sh again, 3 weeks clean ruined", "self-harm"),
        ("idk why im even here tbh, evry1 wud b better off", "suicide"),
        # indirect or understated
        ("sometimes i want to go to sleep and never wake up", "suicide"),
        ("my daughter makes herself sick after every meal", "self-harm"),
        ("mum's boyfriend kicks me", "abuse"),
        ("the fridge is always empty at my dads and he keeps the heating off", "neglect"),
        ("my dad broke my mums nose", "violence"),
        ("a man online asked my son for pics and now says he will post them unless he pays", "exploitation"),
        ("he didnt come home last night and his phone is off, hes autistic and 14", "missing"),
        ("they put my son in a room on his own and locked the door, he was screaming", "unsafe-at-school"),
        ("my daughter is getting threats saying they will jump her after school", "bullying"),
        ("i can't cope anymore, i think about ending it", "suicide"),
        ("at breaking point, i feel like i could snap and do something i regret", "parent-at-risk"),
    ],
)
def test_unseen_wording_is_flagged(text, kind):
    assert kind in safeguarding_concerns(text)


def test_a_disclosure_buried_in_a_long_complaint_is_flagged():
    text = (
        "Parking at the clinic is a nightmare and the appointment letters come after the date. Also my daughter "
        "said the man who drives her taxi touches her knee and says its their secret. The receptionist was lovely."
    )
    assert safeguarding_concerns(text)


@pytest.mark.parametrize(
    "text",
    [
        "this wait is literally killing me",
        "i'm dying to hear back about the tribunal date",
        "the whole system is abusive to parents",
        "the council cut his support hours again",
        "it feels like institutional neglect of SEND families",
        "they threatened to take us to tribunal if we didn't accept",
        "banging my head against a brick wall with the LA",
        "he has big meltdowns after school but we have a good plan now and he calms quickly",
        "my daughter was hurt in a fall at school, they called me straight away and she was fine",
        "two years ago she was struggling with self harm but with CAMHS support she's been well for a long time now",
        "the ear defenders really help him cope with noise in the hall",
        "Nothing you could do better. 100% happy with my experience",
        "my son loves killing zombies on minecraft",
        "he was physically sick on the coach, the staff cleaned him up kindly",
    ],
)
def test_idioms_rhetoric_and_resolved_crises_are_not_flagged(text):
    assert safeguarding_concerns(text) == []


def test_the_word_gate_never_hides_a_match_the_patterns_would_find():
    import json
    from pathlib import Path

    from engage.insight import safeguarding

    data = Path(__file__).resolve().parents[3] / "bench" / "data" / "safeguarding_tuning2.json"
    for case in json.loads(data.read_text(encoding="utf-8"))["cases"]:
        lower = safeguarding._prepared(case["text"])
        starts = safeguarding._word_starts(lower)
        for kind in safeguarding._KINDS:
            patterns = [
                p for p in (safeguarding._COMPILED_STRONG.get(kind), safeguarding._COMPILED_WEAK.get(kind)) if p
            ]
            if any(p.search(lower) for p in patterns):
                assert not starts.isdisjoint(safeguarding._GATES[kind]), (kind, case["text"])


def test_the_explanation_names_a_new_kind_and_its_phrase():
    result = analyse("my son ran away from his residential school and was found on the motorway")
    assert "safeguarding" in result.flags
    assert "missing" in result.safeguarding
    assert any(reason.startswith("missing: ") for reason in result.explanation)


def test_a_risk_word_near_a_person_is_flagged_when_no_phrase_matches():
    assert safeguarding_concerns("she is terrified when he comes home") == ["possible-harm"]
    assert "possible-harm" not in safeguarding_concerns("my stepdad hurt my sister last night")


def test_hurt_feelings_are_not_flagged():
    assert safeguarding_concerns("she was really hurt that she wasn't invited to the party") == []
