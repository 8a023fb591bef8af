"""The shipped default model loads from the package (no download) and keeps a floor on a fixed sample."""

import numpy as np
from scipy import sparse

from engage.insight import analyse_many, default_model
from engage.insight.features import tfidf_matrix

# (comment, sentiment, one FFT framework theme it is about, or None)
SAMPLE = [
    ("The crew were kind, friendly and so reassuring with my mum.", "positive", "Staff manner & personal attributes"),
    ("We waited over four hours for the ambulance to arrive.", "negative", "Timeliness of care"),
    ("I could not get through on the phone, it just rang and rang.", "negative", "Contacting services"),
    ("The driver was rude and shouted at my husband.", "negative", "Staff manner & personal attributes"),
    ("Excellent service, thank you all so much.", "positive", None),
    ("The transport was late and my appointment had to be rebooked.", "negative", "Appointment arrangements"),
    ("Nobody listened to what I was telling them about my pain.", "negative",
     "Staff listening, understanding & involving patients"),
    ("The paramedics were very professional and clearly knew what they were doing.", "positive",
     "Competence & training"),
    ("Not enough staff on, they were clearly stretched.", "negative", "Number & deployment of staff"),
    ("The call handler explained everything clearly and told me what would happen next.", "positive",
     "Information directly from staff during care"),
    ("Very quick response, they arrived within ten minutes.", "positive", "Timeliness of care"),
    ("Nobody kept us informed about when the pick up would be.", "negative",
     "Being kept informed, clarity & consistency of information"),
]  # fmt: skip


def test_shipped_model_meets_a_floor_on_a_fixed_sample():
    results = analyse_many([text for text, _, _ in SAMPLE], model=default_model())
    sentiment_right = sum(a.sentiment == want for a, (_, want, _) in zip(results, SAMPLE, strict=True))
    themed = [(a, theme) for a, (_, _, theme) in zip(results, SAMPLE, strict=True) if theme]
    theme_right = sum(theme in a.model_labels for a, theme in themed)
    assert sentiment_right >= 9, sentiment_right  # 10 of 12 when the model was shipped
    assert theme_right >= 9, theme_right  # 10 of 11 when the model was shipped
    assert results[4].model_labels == ()  # plain thanks is about no particular theme


def test_shipped_theme_head_reads_seed_phrases_concepts_and_separate_word_and_character_blocks():
    themes = default_model().themes
    assert themes.split and 0 < themes.split < len(themes.idf)
    assert {"communication", "waiting", "staff"} <= {theme_id for theme_id, _ in themes.seeds}
    assert {"staffing", "phoning", "told"} <= {name for name, _ in themes.concepts}
    assert themes.coef.shape[1] == len(themes.idf) + len(themes.seeds) + len(themes.concepts)
    assert themes.max_labels and themes.max_labels <= 5
    assert default_model().sentiment.split is None


def test_blocks_are_normalised_apart():
    idf = np.ones(6)
    rows = tfidf_matrix([[0, 1, 3], [4, 5, 5], []], idf, split=3)
    dense = sparse.csr_matrix(rows).toarray()
    assert np.isclose(np.linalg.norm(dense[0, :3]), 1.0) and np.isclose(np.linalg.norm(dense[0, 3:]), 1.0)
    assert np.isclose(np.linalg.norm(dense[1, 3:]), 1.0) and not dense[1, :3].any()
    assert not dense[2].any()
    whole = tfidf_matrix([[0, 1, 3]], idf).toarray()
    assert np.isclose(np.linalg.norm(whole), 1.0)
