"""Turn text into the sparse features the linear models read.

The same analyser runs at training time (inside scikit-learn) and at scoring time
(here, with plain numpy/scipy), so a stored model needs only its vocabulary, idf weights
and coefficients: no pickle, no scikit-learn at run time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np
from scipy import sparse

from engage.insight.rules import FEATURE_NAMES, RuleHits

#: Bump when tokens, n-grams or rule features change: models made with another analyser are refused.
FEATURES_VERSION = 2  # 2: concept-lexicon columns in the theme head
CONCEPTS_FILE = Path(__file__).parent / "data" / "concepts.json"
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+|[!?]")
_NEGATORS = frozenset({"not", "no", "never", "nobody", "nothing", "none", "without", "hardly", "cannot"})
_CLAUSE_END = frozenset({"!", "?", "but", "however", "although"})
_NEGATION_REACH = 3


def tokens(text: str) -> list[str]:
    """Lower-case word tokens with "n't" split into "not" and "not_" marks after negators."""
    raw = _TOKEN.findall(text.lower().replace("’", "'").replace("n't", " not"))
    out, reach = [], 0
    for tok in raw:
        if tok in _CLAUSE_END:
            reach = 0
        out.append(f"not_{tok}" if reach else tok)
        reach = _NEGATION_REACH if tok in _NEGATORS else max(0, reach - 1)
    return out


def analyse_terms(text: str) -> list[str]:
    """Unigrams and bigrams of :func:`tokens`: the terms of the TF-IDF vocabulary."""
    toks = tokens(text)
    plain = [t.removeprefix("not_") for t in toks]
    return toks + [f"{a} {b}" for a, b in zip(plain, plain[1:], strict=False)]


def term_indices(text: str, vocabulary: dict[str, int], word_cache: dict[str, list[int]]) -> list[int]:
    """Vocabulary indices of :func:`all_terms` of ``text``; each word's character n-grams looked up once."""
    get = vocabulary.get
    found = [j for j in map(get, analyse_terms(text)) if j is not None]
    for word in _CHAR_WORD.findall(text.lower().replace("’", "'")):
        hits = word_cache.get(word)
        if hits is None:
            hits = [j for j in map(get, _word_grams(word)) if j is not None]
            if len(word_cache) < _WORD_CACHE_SIZE:
                word_cache[word] = hits
        found += hits
    return found


def tfidf_matrix(index_lists: Sequence[list[int]], idf: np.ndarray, split: int | None = None) -> sparse.csr_matrix:
    """Sublinear TF-IDF rows from :func:`term_indices`, L2-normalised like scikit-learn's.

    With ``split`` (the number of word terms, which come first in the vocabulary), the word block and
    the character block are normalised separately, so short comments' many character n-grams do not
    drown their words; the theme head reads it that way.
    """
    return normalised(weighted_counts(index_lists, idf), split)


def weighted_counts(index_lists: Sequence[list[int]], idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear term counts times idf, not yet normalised (shared by heads that normalise differently)."""
    rows = np.repeat(np.arange(len(index_lists)), [len(ix) for ix in index_lists])
    cols = np.array(list(chain.from_iterable(index_lists)), dtype=np.int64)  # several times faster than fromiter
    shape = (len(index_lists), len(idf))
    counts = sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=shape)  # duplicates are summed
    counts.sum_duplicates()
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    return counts


def normalised(counts: sparse.csr_matrix, split: int | None = None) -> sparse.csr_matrix:
    """Rows of :func:`weighted_counts` scaled to unit length (each block apart when ``split`` is given)."""
    n_rows = counts.shape[0]
    squares = counts.data**2
    row_of = np.repeat(np.arange(n_rows), np.diff(counts.indptr))
    if split is None:
        scale = np.sqrt(np.bincount(row_of, squares, minlength=n_rows))[row_of]
    else:
        in_words = counts.indices < split
        word = np.sqrt(np.bincount(row_of[in_words], squares[in_words], minlength=n_rows))
        char = np.sqrt(np.bincount(row_of[~in_words], squares[~in_words], minlength=n_rows))
        scale = np.where(in_words, word[row_of], char[row_of])
    out = counts.copy()
    out.data = counts.data / np.where(scale == 0, 1.0, scale)
    return out


def seed_matrix(texts: Sequence[str], scanner, n_seeds: int, order: dict[str, int]) -> np.ndarray:
    """One 0/1 column per SEND theme whose seed phrases occur in the text (theme-head features)."""
    out = np.zeros((len(texts), n_seeds))
    for i, text in enumerate(texts):
        for theme_id in scanner.scan(text):
            out[i, order[theme_id]] = 1.0
    return out


def concept_lexicon() -> list[tuple[str, tuple[str, ...]]]:
    """The concept lexicon (staffing, waiting, phoning, being told...) as [(concept id, phrases), ...].

    Each concept is a 0/1 column of the theme head, matched like seed phrases. The lexicon was written
    from what each concept means in feedback about any public service, so it carries over to services
    the training file does not cover; a trained model stores its own copy of the phrases.
    """
    return [(c["id"], tuple(c["phrases"])) for c in _concepts()]


@lru_cache(maxsize=1)
def _concepts() -> list[dict]:
    return json.loads(CONCEPTS_FILE.read_text(encoding="utf-8"))["concepts"]


def dense_matrix(hits: Sequence[RuleHits], mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """The rule features, standardised with the training mean and scale."""
    raw = np.array([h.features for h in hits], dtype=np.float64).reshape(len(hits), len(FEATURE_NAMES))
    return (raw - mean) / scale


def combined(tfidf: sparse.csr_matrix, dense: np.ndarray, dense_weight: float) -> sparse.csr_matrix:
    """TF-IDF columns followed by weighted rule columns."""
    return sparse.hstack([tfidf, sparse.csr_matrix(dense * dense_weight)], format="csr")


_CHAR_WORD = re.compile(r"[a-z0-9']+")
CHAR_SIZES = (3, 4, 5)
_WORD_CACHE_SIZE = 200_000


def char_terms(text: str) -> list[str]:
    """Character 3-5-grams inside padded words (robust to typos such as "recieve")."""
    out: list[str] = []
    for word in _CHAR_WORD.findall(text.lower().replace("’", "'")):
        out += _word_grams(word)
    return out


@lru_cache(maxsize=200_000)
def _word_grams(word: str) -> tuple[str, ...]:
    padded = f"# {word} "
    size = len(padded)
    return tuple(padded[0] + padded[i : i + n] for n in CHAR_SIZES for i in range(1, max(2, size - n + 1)))


def all_terms(text: str) -> list[str]:
    """Word, bigram and character terms: the analyser of every stored vocabulary."""
    return analyse_terms(text) + char_terms(text)
