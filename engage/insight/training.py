"""Train insight models with scikit-learn, then keep only plain arrays.

scikit-learn is imported here only, so analysing a comment never needs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from engage.insight.errors import InputError
from engage.insight.features import (
    analyse_terms,
    char_terms,
    concept_lexicon,
    seed_matrix,
    term_indices,
    tfidf_matrix,
)
from engage.insight.model import Head, InsightModel, default_model
from engage.insight.rules import FEATURE_NAMES, rule_hits

#: The middle class: neutral and mixed comments are learned together and told apart by the rules.
SENTIMENT_CLASSES = ("positive", "neutral", "negative")
SENTIMENT_LABELS = ("positive", "neutral", "mixed", "negative")
MIN_THEME_EXAMPLES = 3
_MIN_DF, _MAX_TERMS = 2, 60000
_SENTIMENT_C, _THEME_C = 1.0, 4.0
_DENSE_WEIGHT = 1.0  #: scale of the rule features against TF-IDF (chosen by leave-one-service-out validation)
#: Scale of the SEND seed-phrase features in the theme head. Seed phrases are written from what a theme
#: means, not from one service's wording, so they carry over to services the model never saw
#: (leave-one-service-out theme macro-F1 0.466 without, 0.492 with, before the concept lexicon; see docs/insight.md).
_SEED_WEIGHT = 1.0
#: Scale of the concept-lexicon features (staffing, waiting, phoning, being told...; data/concepts.json).
#: 0.5 was the best of 0.5, 1 and 2 by leave-one-service-out validation (0.501, 0.493, 0.490), so the
#: figure is a tuning figure; 1.0 already raised the pooled figure (0.520 to 0.529). Before the cap below.
_CONCEPT_WEIGHT = 0.5
#: A comment gets at most as many themes as all but 1 % of the coded training comments have
#: (three for the ten bench themes; leave-one-service-out 0.501 -> 0.505, in-domain 0.644 -> 0.638).
_LABEL_COVERAGE = 0.99


class Vocabulary:
    """Word terms then character n-grams (each seen at least twice), with their idf, as one index."""

    def __init__(self, texts: Sequence[str]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        blocks = []
        for analyser in (analyse_terms, char_terms):
            vec = TfidfVectorizer(
                analyzer=analyser, sublinear_tf=True, min_df=_MIN_DF, max_features=_MAX_TERMS, dtype=np.float64
            ).fit(texts)
            blocks.append((sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__), vec.idf_))
        terms = blocks[0][0] + blocks[1][0]
        self.terms = {term: i for i, term in enumerate(terms)}
        self.idf = np.concatenate([blocks[0][1], blocks[1][1]])
        self.split = len(blocks[0][0])
        self._cache: dict[str, list[int]] = {}

    def matrix(self, texts: Sequence[str], *, blocks: bool):
        """The same TF-IDF rows scoring builds (engage.insight.features), so training and scoring agree."""
        indices = [term_indices(t, self.terms, self._cache) for t in texts]
        return tfidf_matrix(indices, self.idf, self.split if blocks else None)


def _classifier(c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced")


def train_sentiment(texts: Sequence[str], labels: Sequence[str], vec=None) -> Head:
    """Train the sentiment head on (text, label) pairs; labels from SENTIMENT_LABELS.

    ``vec`` is an already fitted vectoriser to share with the theme head (one vocabulary, scored once).
    """
    collapsed = [_collapse(label) for label in labels]
    classes = [c for c in SENTIMENT_CLASSES if c in set(collapsed)]
    if len(classes) < 2:
        raise InputError("Sentiment training needs at least two different sentiments among the labelled rows.")
    from scipy import sparse

    if vec is None:
        vec = Vocabulary(texts)
    tfidf = vec.matrix(texts, blocks=False)
    dense = np.array([rule_hits(t).features for t in texts], dtype=np.float64).reshape(len(texts), len(FEATURE_NAMES))
    mean, scale = dense.mean(axis=0), dense.std(axis=0) + 1e-6
    matrix = sparse.hstack([tfidf, sparse.csr_matrix((dense - mean) / scale * _DENSE_WEIGHT)], format="csr")
    clf = _classifier(_SENTIMENT_C).fit(matrix, [classes.index(c) for c in collapsed])
    coef, intercept = _expand_binary(clf.coef_, clf.intercept_, len(classes))
    return Head(classes, vec.terms, vec.idf, coef, intercept, None, mean, scale, _DENSE_WEIGHT)


def _expand_binary(coef: np.ndarray, intercept: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn stores one row for two classes; store one per class (softmax-equivalent)."""
    if n == 2 and coef.shape[0] == 1:
        return np.vstack([-coef / 2, coef / 2]), np.array([-intercept[0] / 2, intercept[0] / 2])
    return coef, intercept


def _collapse(label: str) -> str:
    if label not in SENTIMENT_LABELS:
        raise InputError(f"Unknown sentiment {label!r}; use one of {', '.join(SENTIMENT_LABELS)}.")
    return "neutral" if label == "mixed" else label


def train_themes(
    texts: Sequence[str], codes: Sequence[Sequence[str]], labels: Sequence[str], vec=None
) -> tuple[Head, list[str]]:
    """Train one yes/no classifier per label that has enough examples; return the head and skipped labels."""
    from scipy import sparse

    from engage.insight.taxonomy import SeedScanner, Theme, default_taxonomy

    if vec is None:
        vec = Vocabulary([t for t in texts if t.strip()])
    seeds = [(t.id, t.seed_phrases) for t in default_taxonomy().active if t.seed_phrases]
    order = {theme_id: k for k, (theme_id, _) in enumerate(seeds)}
    scanner = SeedScanner(Theme(theme_id, theme_id, seed_phrases=phrases) for theme_id, phrases in seeds)
    seed_columns = seed_matrix(texts, scanner, len(seeds), order) * _SEED_WEIGHT
    concepts = concept_lexicon()
    concept_columns = _concept_columns(texts, concepts) * _CONCEPT_WEIGHT
    matrix = sparse.hstack(
        [vec.matrix(texts, blocks=True), sparse.csr_matrix(seed_columns), sparse.csr_matrix(concept_columns)],
        format="csr",
    )
    kept, skipped, coefs, intercepts = [], [], [], []
    for label in labels:
        y = np.array([label in c for c in codes], dtype=int)
        if y.sum() < MIN_THEME_EXAMPLES or y.sum() == len(y):
            skipped.append(label)
            continue
        clf = _classifier(_THEME_C).fit(matrix, y)
        kept.append(label)
        coefs.append(clf.coef_[0])
        intercepts.append(clf.intercept_[0])
    if not kept:
        raise InputError(f"No theme has at least {MIN_THEME_EXAMPLES} coded examples; code more comments first.")
    head = Head(
        kept,
        vec.terms,
        vec.idf,
        np.vstack(coefs),
        np.array(intercepts),
        np.full(len(kept), 0.5),
        split=vec.split,
        seeds=seeds,
        seed_weight=_SEED_WEIGHT,
        concepts=concepts,
        concept_weight=_CONCEPT_WEIGHT,
        max_labels=_max_labels([[c for c in row if c in kept] for row in codes]),
    )
    return head, skipped


def _concept_columns(texts: Sequence[str], concepts: list[tuple[str, tuple[str, ...]]]) -> np.ndarray:
    from engage.insight.taxonomy import SeedScanner, Theme

    scanner = SeedScanner(Theme(name, name, seed_phrases=phrases) for name, phrases in concepts)
    return seed_matrix(texts, scanner, len(concepts), {name: k for k, (name, _) in enumerate(concepts)})


def _max_labels(codes: Sequence[Sequence[str]]) -> int | None:
    """The smallest number of themes that covers all but 1 % of the coded training comments.

    Coders rarely give a comment more than a few themes, and a model far from its training data tends
    to fire on many at once; capping by the training coders' own habit keeps the most probable ones.
    """
    counts = sorted(len(row) for row in codes if row)
    if not counts:
        return None
    return max(1, counts[min(len(counts) - 1, int(np.ceil(_LABEL_COVERAGE * len(counts))) - 1)])


def train_model(
    texts: Sequence[str],
    *,
    sentiments: Sequence[str | None] | None = None,
    codes: Sequence[Sequence[str]] | None = None,
    theme_labels: Sequence[str] | None = None,
    label_kind: str = "columns",
    info: dict | None = None,
) -> InsightModel:
    """Train a model from texts with optional sentiment labels and theme codes (labels per text)."""
    texts = [t if isinstance(t, str) else "" for t in texts]
    if not any(t.strip() for t in texts):
        raise InputError("There is no text to learn from.")
    vec = Vocabulary([t for t in texts if t.strip()])
    sentiment = None
    if sentiments is not None:
        pairs = [(t, s) for t, s in zip(texts, sentiments, strict=True) if s and t.strip()]
        sentiment = train_sentiment([t for t, _ in pairs], [s for _, s in pairs], vec)
    themes, skipped = None, []
    if codes is not None:
        labels = list(theme_labels or sorted({c for row in codes for c in row}))
        themes, skipped = train_themes(texts, codes, labels, vec)
    if sentiment is None and themes is None:
        raise InputError("Nothing to train: give sentiment labels, theme codes or both.")
    info = dict(info or {}, rows=len(texts), skipped_themes=skipped)
    return InsightModel(sentiment, themes, label_kind, info)


def train_from_codes(
    examples: Iterable[tuple[str, Sequence[str]]],
    *,
    sentiments: Iterable[tuple[str, str]] | None = None,
    base: InsightModel | None = None,
) -> InsightModel:
    """Retrain from moderators' confirmed codes: (text, [theme ids]) pairs.

    Theme ids become the model's labels (label_kind "taxonomy"). Sentiment is trained from
    ``sentiments`` ((text, label) pairs) when given, otherwise kept from ``base`` (the default model).
    """
    pairs = [(t, list(c)) for t, c in examples if isinstance(t, str) and t.strip()]
    if not pairs:
        raise InputError("There are no coded comments to learn from yet.")
    themes, skipped = train_themes(
        [t for t, _ in pairs], [c for _, c in pairs], sorted({x for _, c in pairs for x in c})
    )
    sentiment = (base or default_model()).sentiment
    if sentiments is not None and (labelled := [(t, s) for t, s in sentiments if t and s]):
        sentiment = train_sentiment([t for t, _ in labelled], [s for _, s in labelled])
    return InsightModel(
        sentiment, themes, "taxonomy", {"rows": len(pairs), "skipped_themes": skipped, "source": "moderators' codes"}
    )
