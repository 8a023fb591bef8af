"""The learned safeguarding classifier: threshold choice, training, storage, and how analysis uses it."""

import numpy as np
import pytest

from engage.insight import InputError, analyse, load_model
from engage.insight.safeguarding import safeguarding_evidence
from engage.insight.safeguarding_model import (
    MODEL_DIR,
    MODEL_KIND,
    concern_probabilities,
    evidence_many,
    safeguarding_head,
)
from engage.insight.safeguarding_training import recall_first_threshold, train_safeguarding

CONCERNS = [
    "my son says he wants to disappear and never come back", "she has marks on her arms again",
    "he is scared to go home when his stepdad is drinking", "an older lad keeps giving him cash to carry bags",
    "she said nobody would miss her if she was gone", "there is never any food in the house for him",
    "he comes back from the club with bruises", "she hides in her room because he shouts and throws things",
]  # fmt: skip
ORDINARY = [
    "the taxi to school was late again", "we waited eight months for the speech therapy assessment",
    "the new SENCO is brilliant and listens", "please put the short breaks list on the website",
    "the annual review paperwork never arrived", "college open day was really helpful",
    "OT gave us a wobble cushion and it helps", "the parent carer forum coffee morning was lovely",
]  # fmt: skip


def test_the_threshold_keeps_the_target_share_of_concerns():
    oof = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.01, 0.02])
    labels = np.array([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0])
    cut = recall_first_threshold(oof, labels, target=0.8)  # 10 concerns: two may be missed
    assert cut == pytest.approx(0.2)
    assert (oof[labels == 1] >= cut).mean() == pytest.approx(0.8)


def test_training_needs_both_kinds_of_example():
    with pytest.raises(InputError):
        train_safeguarding(CONCERNS[:3] + ORDINARY, [True] * 3 + [False] * len(ORDINARY))


def test_a_trained_classifier_is_stored_and_loaded_like_any_insight_model(tmp_path):
    from engage.insight import save_model

    texts = CONCERNS * 2 + ORDINARY * 4
    model, figures = train_safeguarding(texts, [True] * 16 + [False] * 32)
    assert 0.0 < figures["threshold"] < 1.0 and figures["concerns"] == 16
    save_model(model, tmp_path / "m")
    head = load_model(tmp_path / "m").themes
    probabilities = concern_probabilities(["she said nobody would miss her", "the taxi was late"], head)
    assert probabilities[0] > probabilities[1]


def test_the_shipped_classifier_records_how_it_was_chosen():
    head = safeguarding_head()
    assert head is not None and head.labels == ["concern"] and 0.0 < head.thresholds[0] < 1.0
    info = load_model(MODEL_DIR).info
    assert info["cv_recall"] >= 0.95 and info["cv_false_alarm_rate"] < 0.05


def test_the_model_catches_wording_no_pattern_lists_and_says_so():
    text = "my daughter keeps her sleeves down all the time now even in the summer heat"
    assert safeguarding_evidence(text) == []  # no pattern names it
    result = analyse(text)
    assert "safeguarding" in result.flags and result.safeguarding == (MODEL_KIND,)
    assert any(reason.startswith(f"{MODEL_KIND}: model") for reason in result.explanation)


def test_the_model_reads_english_only():
    text = "my daughter keeps her sleeves down all the time now even in the summer heat"
    assert evidence_many(["Moja córka cały czas zakrywa nadgarstki"], [""]) == [[]]
    assert evidence_many(["Moja córka cały czas zakrywa nadgarstki"], [text])[0]  # its English translation


def test_the_screen_never_hides_a_concern_the_patterns_find_in_the_examples():
    """The patterns run only where the model sees a faint risk or an explicit word: check no example is lost."""
    import json
    from pathlib import Path

    from engage.insight.safeguarding import safeguarding_concerns as patterns
    from engage.insight.safeguarding_model import safeguarding_concerns

    data = Path(__file__).parents[3] / "bench" / "data"
    concerns = [
        case["text"]
        for path in data.glob("safeguarding_*.json")
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]
        if case["concern"]
    ]
    assert len(concerns) > 600
    lost = [text for text in concerns if patterns(text) and not safeguarding_concerns(text)]
    assert lost == []


FILLER = (
    "We waited eleven months for the speech and language assessment and the letters kept going to the wrong "
    "address. The school says they cannot do more without the plan and the council says the plan needs the "
    "assessment first, so we go round in circles every week. "
)


def test_a_disclosure_buried_in_a_long_complaint_is_still_flagged():
    for disclosure in ("i cant cope anymore and i think about ending it all.", "my dad hits me when he is drunk."):
        text = FILLER * 6 + disclosure + " " + FILLER * 4
        assert len(text) > 2000
        assert "safeguarding" in analyse(text).flags, disclosure


def test_the_model_reads_a_long_text_in_windows():
    text = FILLER * 6 + "she said nobody would miss her if she was gone. " + FILLER * 4
    whole_only = concern_probabilities([FILLER * 10])[0]
    assert concern_probabilities([text])[0] > max(whole_only, 0.5)


def test_an_explicit_word_in_a_translation_gets_the_patterns():
    assert evidence_many(["Zaczęła się znowu samookaleczać"], ["She has started self harming again"])[0]


def test_warm_up_loads_the_models_a_first_request_would_wait_for():
    from engage.insight import default_model, warm_up

    default_model.cache_clear()
    safeguarding_head.cache_clear()
    warm_up()
    assert default_model.cache_info().currsize == 1 and safeguarding_head.cache_info().currsize == 1
