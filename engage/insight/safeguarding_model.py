"""A learned second opinion on safeguarding, beside the phrase patterns of ``safeguarding.py``.

Patterns find what someone thought to write down. On comments written blind to them (parents' and young
people's own wording: "i keep my sleeves down in pe", "the men in the car outside school give him trainers")
they found fewer than half of the concerns. A linear model over words and character n-grams, trained on
concerns and ordinary comments the team wrote, reads wording nobody listed. Either one raises the flag: a false
alarm costs a moderator a minute, a missed disclosure can cost far more.

Scoring needs no scikit-learn: the model is stored like every insight model (JSON + npz, no pickle).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from engage.insight.features import term_indices, tfidf_matrix
from engage.insight.model import Head, load_model
from engage.insight.safeguarding import safeguarding_evidence

MODEL_DIR = Path(__file__).parent / "models" / "safeguarding"
#: The concern kind the model raises when no pattern names one.
MODEL_KIND = "possible-harm"  # the kind the broad phrase tier also uses: something suggests harm, no more
LABEL = "concern"
#: Below this probability the model sees no risk at all, and the patterns are not run (see evidence_many).
SCREEN_FLOOR = 0.05
#: Texts longer than this are read in windows by the model and always get the patterns.
WINDOW_CHARS = 300
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")
#: Words that always get the patterns, whatever the model says.
_EXPLICIT = re.compile(r"suic|sucid|self.?harm|overdos|kill|abus|rape|groom|neglect|unaliv|\bdie\b|\bdead\b|\bkms\b")


@lru_cache(maxsize=1)
def safeguarding_head() -> Head | None:
    """The shipped safeguarding classifier (one label, ``concern``, with its recall-first threshold)."""
    if not (MODEL_DIR / "model.json").exists():
        return None
    return load_model(MODEL_DIR).themes


def concern_probabilities(texts: Sequence[str], head: Head | None = None) -> np.ndarray:
    """The model's probability that each text suggests someone may be at risk (0 for empty texts).

    A long text is also read in windows of a few sentences and keeps its highest probability: in a long
    complaint one sentence of disclosure is diluted below any threshold when the text is read whole.
    """
    head = head or safeguarding_head()
    if head is None or not texts:
        return np.zeros(len(texts))
    pieces, owner = [], []
    for i, text in enumerate(texts):
        for piece in [text or "", *(_windows(text) if text and len(text) > WINDOW_CHARS else [])]:
            pieces.append(piece)
            owner.append(i)
    indices = [term_indices(piece, head.vocabulary, head.word_cache) for piece in pieces]
    matrix = tfidf_matrix(indices, head.idf, head.split)
    logits = np.asarray(matrix @ head.coef[0, : len(head.idf)] + head.intercept[0]).ravel()
    best = np.full(len(texts), -np.inf)
    np.maximum.at(best, np.array(owner), logits)
    return 1.0 / (1.0 + np.exp(-best))


def _windows(text: str) -> list[str]:
    """Consecutive sentences gathered into pieces of about WINDOW_CHARS characters."""
    out, current = [], ""
    for sentence in _SENTENCE.findall(text):
        if current and len(current) + len(sentence) > WINDOW_CHARS:
            out.append(current)
            current = ""
        current += sentence
    if current:
        out.append(current)
    return out


def threshold(head: Head | None = None) -> float:
    head = head or safeguarding_head()
    return float(head.thresholds[0]) if head is not None and head.thresholds is not None else 0.5


def _needs_patterns(text: str, source: str) -> bool:
    """Long texts and explicit words (in the original or its translation) always get the patterns."""
    return (
        len(text) > WINDOW_CHARS
        or len(source) > WINDOW_CHARS
        or bool(_EXPLICIT.search(text.lower()))
        or bool(_EXPLICIT.search(source.lower()))
    )


def evidence_many(texts: Sequence[str], english: Sequence[str]) -> list[list[str]]:
    """Why each comment may need a safeguarding check: the patterns' evidence, or else the model's when it fires.

    The model reads the English (the original or a moderator's translation) first: it is cheap, and the
    patterns, several times dearer, then run only where it sees at least a faint risk (SCREEN_FLOOR), where an
    explicit word appears, where the text is long, or where there is no English to read, so a comment in
    another language is checked by patterns until it is translated. (On every example and FFT comment, no
    pattern hit below the floor was a real concern; it spares the patterns for most ordinary comments.)
    """
    head = safeguarding_head()
    probabilities = np.zeros(len(texts))
    todo = [i for i, source in enumerate(english) if source]
    if head is not None:
        probabilities[todo] = concern_probabilities([english[i] for i in todo], head)
    cut = threshold(head)
    found = []
    for i, (text, source) in enumerate(zip(texts, english, strict=True)):
        evidence: list[str] = []
        if head is None or not source or probabilities[i] >= SCREEN_FLOOR or _needs_patterns(text, source):
            evidence = safeguarding_evidence(text)
            if source and source != text:
                evidence += safeguarding_evidence(source)
        if not evidence and head is not None and probabilities[i] >= cut:
            evidence.append(f"{MODEL_KIND}: model {probabilities[i]:.2f}")
        found.append(evidence)
    return found


def safeguarding_concerns(text: str | None) -> list[str]:
    """The kinds of risk ``text`` (English) suggests, from the patterns and the model; empty when none."""
    if not isinstance(text, str) or not text.strip():
        return []
    evidence = evidence_many([text], [text])[0]
    return list(dict.fromkeys(e.split(":", 1)[0] for e in evidence))
