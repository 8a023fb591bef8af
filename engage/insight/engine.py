"""Analyse comments: language, sentiment, themes, personal details and safeguarding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from engage.insight.features import combined, dense_matrix, normalised, seed_matrix, term_indices, weighted_counts
from engage.insight.language import detect_language
from engage.insight.model import Head, InsightModel, concept_scanner, default_model, seed_scanner
from engage.insight.redaction import Span, redact
from engage.insight.rules import FEATURE_NAMES, RuleHits, rule_hits
from engage.insight.safeguarding_model import evidence_many
from engage.insight.taxonomy import Taxonomy, default_taxonomy

#: Bump when analysis changes, so stored results can be recomputed ("analysed again later").
ANALYSIS_VERSION = 3  # 3: safeguarding model and phone-typed wording, lower-case names, concept features
# 2: names without a cue, seed-phrase theme features, more safeguarding wording
SENTIMENT_LANGUAGES = frozenset({"en"})
_NEGATIVE = ("struggle", "negation", "waiting", "chasing", "not-listened")
_COMPLAINT = ("not-listened", "chasing", "negation")


@dataclass(frozen=True)
class Analysis:
    """Everything the engine says about one comment. Only ``redacted_text`` may leave moderation."""

    language: str | None
    sentiment: str | None  #: positive, neutral, mixed, negative; None when not analysable
    sentiment_score: float | None  #: in [-1, 1]
    themes: tuple[str, ...]  #: taxonomy theme ids
    model_labels: tuple[str, ...]  #: raw labels the theme model predicted (e.g. CSV column names)
    flags: tuple[str, ...]  #: "safeguarding", "personal-details", "needs-translation"
    safeguarding: tuple[str, ...]  #: kinds of concern, e.g. "self-harm"
    redacted_text: str
    personal_details: tuple[Span, ...]
    explanation: tuple[str, ...]
    version: int = ANALYSIS_VERSION


def analyse(
    text: str | None,
    *,
    translation: str | None = None,
    model: InsightModel | None = None,
    taxonomy: Taxonomy | None = None,
) -> Analysis:
    """Analyse one comment. ``translation`` (English, added by a moderator) is used for sentiment and themes."""
    return analyse_many([text], translations=[translation], model=model, taxonomy=taxonomy)[0]


def analyse_many(
    texts: Sequence[str | None],
    *,
    translations: Sequence[str | None] | None = None,
    model: InsightModel | None = None,
    taxonomy: Taxonomy | None = None,
) -> list[Analysis]:
    """Analyse many comments at once (the models score them as one matrix)."""
    model = model or default_model()
    taxonomy = taxonomy or default_taxonomy()
    texts = [t if isinstance(t, str) else "" for t in texts]
    translations = list(translations or [None] * len(texts))
    languages = [detect_language(t) for t in texts]
    english = [_english_source(t, tr, lang) for t, tr, lang in zip(texts, translations, languages, strict=True)]
    todo = [i for i, e in enumerate(english) if e]
    hits = {i: rule_hits(english[i]) for i in todo}
    sources = [english[i] for i in todo]
    matrices: dict[int, object] = {}
    # A model trained for themes only still gives sentiment, from the shipped model.
    sentiment_head = model.sentiment or default_model().sentiment
    sentiments = _sentiments(sentiment_head, sources, [hits[i] for i in todo], matrices)
    seed_hits: dict[str, dict[str, str]] = {}  # the taxonomy's seed matches per text, found once
    labels = _theme_labels(model.themes, sources, matrices, taxonomy, seed_hits)
    concerns = evidence_many(texts, english)
    position = {i: k for k, i in enumerate(todo)}
    results = []
    for i, text in enumerate(texts):
        k = position.get(i)
        results.append(
            _one(
                text,
                languages[i],
                english[i],
                hits.get(i),
                sentiments.get(k),
                labels.get(k, ()),
                model,
                taxonomy,
                seed_hits,
                concerns[i],
            )
        )
    return results


def safeguarding_only(text: str | None, *, translation: str | None = None) -> tuple[str, ...]:
    """Just the safeguarding check of :func:`analyse` (patterns and the shipped model, reading the same English),
    for when the full analysis failed: it needs none of the parts that could have broken."""
    text = text if isinstance(text, str) else ""
    evidence = evidence_many([text], [_english_source(text, translation, detect_language(text))])[0]
    return tuple(dict.fromkeys(e.split(":", 1)[0] for e in evidence))


def _english_source(text: str, translation: str | None, language: str | None) -> str:
    if isinstance(translation, str) and translation.strip():
        return translation
    return text if language in SENTIMENT_LANGUAGES else ""


def _tfidf(head: Head, texts: list[str], matrices: dict):
    """TF-IDF for ``head``; terms are looked up once per vocabulary (heads trained together share one)."""
    counts_key = ("counts", id(head.vocabulary))
    if counts_key not in matrices:
        indices = [term_indices(t, head.vocabulary, head.word_cache) for t in texts]
        matrices[counts_key] = weighted_counts(indices, head.idf)
    key = (id(head.vocabulary), head.split)
    if key not in matrices:
        matrices[key] = normalised(matrices[counts_key], head.split)
    return matrices[key]


def _sentiments(
    head: Head | None, sources: list[str], hits: list[RuleHits], matrices: dict
) -> dict[int, tuple[str, float, str]]:
    if head is None or not sources:
        return {}
    tfidf = _tfidf(head, sources, matrices)
    matrix = combined(tfidf, dense_matrix(hits, head.dense_mean, head.dense_scale), head.dense_weight)
    probs = _softmax(matrix @ head.coef.T + head.intercept)
    out = {}
    for k, (row, hit) in enumerate(zip(probs, hits, strict=True)):
        p = dict(zip(head.labels, row, strict=True))
        score = float(np.clip(p.get("positive", 0.0) - p.get("negative", 0.0), -1.0, 1.0))
        label = head.labels[int(np.argmax(row))]
        out[k] = (_mixed_or_neutral(label, hit), round(score, 3), f"model: {label} {row.max():.2f}")
    return out


def _softmax(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z) - np.max(z, axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _mixed_or_neutral(label: str, hit: RuleHits) -> str:
    """The model learns neutral and mixed together; evidence on both sides makes it mixed.

    A middle verdict with only complaint evidence (not listened to, chasing, negated praise)
    is a complaint the model has not seen phrased that way: call it negative.
    """
    if label != "neutral":
        return label
    f = dict(zip(FEATURE_NAMES, hit.features, strict=True))
    contrast = f["contrast_pos_neg"] or f["contrast_neg_pos"]
    positive = f["praise"] > 0 or f["polarity"] > 0.1 or contrast
    negative = any(f[name] > 0 for name in _NEGATIVE) or f["polarity"] < -0.05 or contrast
    if negative and not positive and any(f[name] > 0 for name in _COMPLAINT):
        return "negative"
    return "mixed" if positive and negative else "neutral"


def _seed_matches(taxonomy: Taxonomy, source: str, seed_hits: dict[str, dict[str, str]]) -> dict[str, str]:
    if (found := seed_hits.get(source)) is None:
        found = seed_hits[source] = taxonomy.seed_matches(source)
    return found


def _theme_labels(
    head: Head | None, sources: list[str], matrices: dict, taxonomy: Taxonomy, seed_hits: dict
) -> dict[int, tuple[str, ...]]:
    if head is None or not sources:
        return {}
    tfidf = _tfidf(head, sources, matrices)
    n_terms = len(head.idf)
    logits = tfidf @ head.coef[:, :n_terms].T + head.intercept
    if head.seeds:
        order = {theme_id: k for k, (theme_id, _) in enumerate(head.seeds)}
        if head.seeds == [(t.id, t.seed_phrases) for t in taxonomy.active if t.seed_phrases]:
            # The model read the same seed phrases as the taxonomy in use: scan each text once for both.
            seeds = np.zeros((len(sources), len(head.seeds)))
            for row, source in enumerate(sources):
                for theme_id in _seed_matches(taxonomy, source, seed_hits):
                    seeds[row, order[theme_id]] = head.seed_weight
        else:
            seeds = seed_matrix(sources, seed_scanner(head), len(head.seeds), order) * head.seed_weight
        logits = logits + seeds @ head.coef[:, n_terms : n_terms + len(head.seeds)].T
    if head.concepts:
        start = n_terms + len(head.seeds or ())
        order = {name: k for k, (name, _) in enumerate(head.concepts)}
        concepts = seed_matrix(sources, concept_scanner(head), len(head.concepts), order) * head.concept_weight
        logits = logits + concepts @ head.coef[:, start:].T
    probs = 1.0 / (1.0 + np.exp(-logits))
    thresholds = head.thresholds if head.thresholds is not None else np.full(len(head.labels), 0.5)
    return {k: _labels_over(head, row, thresholds) for k, row in enumerate(probs)}


def _labels_over(head: Head, probs: np.ndarray, thresholds: np.ndarray) -> tuple[str, ...]:
    """Labels at or over their threshold; at most ``head.max_labels`` of them, the most probable kept."""
    over = np.flatnonzero(probs >= thresholds)
    if head.max_labels is not None and len(over) > head.max_labels:
        over = np.sort(over[np.argsort(-probs[over], kind="stable")[: head.max_labels]])
    return tuple(head.labels[j] for j in over)


def _one(text, language, source, hit, sentiment, labels, model, taxonomy, seed_hits, evidence) -> Analysis:  # noqa: PLR0913
    redaction = redact(text)
    concerns = [e.split(":", 1)[0] for e in evidence]
    explanation = list(hit.evidence) if hit else []
    explanation += evidence
    themes = _themes(source, labels, model, taxonomy, explanation, seed_hits)
    label, score = (sentiment[0], sentiment[1]) if sentiment else (None, None)
    if sentiment:
        explanation += [f"TextBlob polarity {hit.polarity:+.2f}", sentiment[2]]
    flags = _flags(concerns, redaction.spans, language, source)
    return Analysis(
        language,
        label,
        score,
        themes,
        tuple(labels),
        flags,
        tuple(dict.fromkeys(concerns)),
        redaction.text,
        redaction.spans,
        tuple(explanation),
    )


def _themes(  # noqa: PLR0913
    source: str, labels, model: InsightModel, taxonomy: Taxonomy, explanation: list[str], seed_hits: dict
) -> tuple[str, ...]:
    if not source:
        return ()
    found = {}
    for theme_id, phrase in _seed_matches(taxonomy, source, seed_hits).items():
        found[theme_id] = f"theme {theme_id}: '{phrase}'"
    for label in labels:
        if (theme_id := taxonomy.for_model_label(label)) and theme_id not in found:
            found[theme_id] = f"theme {theme_id}: model"
    explanation += found.values()
    order = [t.id for t in taxonomy.active]
    return tuple(sorted(found, key=order.index))


def _flags(concerns, spans, language, source) -> tuple[str, ...]:
    flags = []
    if concerns:
        flags.append("safeguarding")
    if spans:
        flags.append("personal-details")
    if language and not source:
        flags.append("needs-translation")
    return tuple(flags)
