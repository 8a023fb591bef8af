"""A trained insight model and its safe, versioned storage (JSON + npz, never pickle).

A model has up to two heads, each with its own vocabulary: ``sentiment`` (classes such
as positive / neutral / negative) and ``themes`` (one yes/no classifier per label).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from engage.insight.errors import ModelError
from engage.insight.features import FEATURES_VERSION

FORMAT = "engage-insight-model"
FORMAT_VERSION = 1
DEFAULT_MODEL_DIR = Path(__file__).parent / "models" / "default"
_META, _WEIGHTS = "model.json", "weights.npz"


@dataclass
class Head:
    """One linear classifier over TF-IDF terms (plus rule features for sentiment)."""

    labels: list[str]
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  #: (labels, terms [+ rule features])
    intercept: np.ndarray
    thresholds: np.ndarray | None = None  #: per-label cut-offs for multi-label heads
    dense_mean: np.ndarray | None = None  #: rule-feature standardisation (sentiment only)
    dense_scale: np.ndarray | None = None
    dense_weight: float = 1.0
    #: word terms come first in the vocabulary; when set, words and character n-grams are normalised apart
    split: int | None = None
    #: SEND themes whose seed phrases are extra 0/1 features (theme head): [(theme id, phrases), ...]
    seeds: list[tuple[str, tuple[str, ...]]] | None = None
    seed_weight: float = 0.0
    #: concept-lexicon columns after the seed columns (theme head): [(concept id, phrases), ...]
    concepts: list[tuple[str, tuple[str, ...]]] | None = None
    concept_weight: float = 0.0
    #: at most this many labels per comment, the most probable first (theme head; None: no cap)
    max_labels: int | None = None
    #: each word's character n-gram indices, filled while scoring (not stored)
    word_cache: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)
    #: the SeedScanner built from ``seeds`` on first use (not stored)
    scanner: object = field(default=None, repr=False, compare=False)
    #: the SeedScanner built from ``concepts`` on first use (not stored)
    concept_scanner: object = field(default=None, repr=False, compare=False)


@dataclass
class InsightModel:
    """The sentiment and theme heads and what is known about how they were trained."""

    sentiment: Head | None
    themes: Head | None
    label_kind: str = "columns"  #: "columns" (CSV column names) or "taxonomy" (theme ids)
    info: dict = field(default_factory=dict)


def save_model(model: InsightModel, directory: str | Path) -> Path:
    """Write ``model`` to ``directory`` as model.json + weights.npz with a checksum."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    arrays, heads = {}, {}
    shared = (
        model.sentiment is not None
        and model.themes is not None
        and model.sentiment.vocabulary == model.themes.vocabulary
    )
    for name in ("sentiment", "themes"):
        if (head := getattr(model, name)) is not None:
            heads[name] = _head_meta(head)
            arrays.update(_head_arrays(name, head))
    if shared:
        heads["themes"]["vocabulary"] = "sentiment"  # one vocabulary for both heads
    weights = directory / _WEIGHTS
    with weights.open("wb") as fh:
        np.savez_compressed(fh, **arrays)
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "features_version": FEATURES_VERSION,
        "label_kind": model.label_kind,
        "info": model.info,
        "heads": heads,
    }
    meta["checksum"] = _checksum(weights.read_bytes(), heads)
    (directory / _META).write_text(json.dumps(meta, ensure_ascii=False, indent=0), encoding="utf-8")
    return directory


def _head_meta(head: Head) -> dict:
    terms = sorted(head.vocabulary, key=head.vocabulary.__getitem__)
    meta = {"labels": head.labels, "vocabulary": terms, "dense_weight": head.dense_weight}
    if head.split is not None:
        meta["split"] = head.split
    if head.seeds:
        meta["seeds"] = [[theme_id, list(phrases)] for theme_id, phrases in head.seeds]
        meta["seed_weight"] = head.seed_weight
    if head.concepts:
        meta["concepts"] = [[name, list(phrases)] for name, phrases in head.concepts]
        meta["concept_weight"] = head.concept_weight
    if head.max_labels is not None:
        meta["max_labels"] = head.max_labels
    return meta


def _head_arrays(name: str, head: Head) -> dict[str, np.ndarray]:
    arrays = {
        "idf": head.idf.astype(np.float32),
        "coef": head.coef.astype(np.float32),
        "intercept": head.intercept.astype(np.float32),
    }
    for key in ("thresholds", "dense_mean", "dense_scale"):
        if (value := getattr(head, key)) is not None:
            arrays[key] = np.asarray(value, dtype=np.float32)
    return {f"{name}.{key}": value for key, value in arrays.items()}


def _checksum(weights: bytes, heads: dict) -> str:
    digest = hashlib.sha256(weights)
    digest.update(json.dumps(heads, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def load_model(directory: str | Path) -> InsightModel:
    """Load a model saved by :func:`save_model`; raise ModelError if it is missing, damaged or foreign."""
    directory = Path(directory)
    meta = _read_meta(directory)
    try:
        weights = (directory / _WEIGHTS).read_bytes()
    except OSError as exc:
        raise ModelError(f"{directory}: cannot read {_WEIGHTS} ({exc.strerror}).") from exc
    if _checksum(weights, meta.get("heads", {})) != meta.get("checksum"):
        raise ModelError(f"{directory}: the model is damaged (checksum mismatch); train or copy it again.")
    arrays = _read_arrays(directory, weights)
    heads: dict[str, Head] = {}
    try:
        for name, head_meta in meta["heads"].items():
            heads[name] = _build_head(name, head_meta, arrays, heads)
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{directory}: the model is incomplete ({exc}); train it again.") from exc
    return InsightModel(
        heads.get("sentiment"), heads.get("themes"), meta.get("label_kind", "columns"), meta.get("info", {})
    )


def _read_meta(directory: Path) -> dict:
    path = directory / _META
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"{directory} is not an insight model: {_META} is missing.") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path} is damaged and cannot be read ({exc}).") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(f"{directory} is not an Engage insight model.")
    if meta.get("format_version") != FORMAT_VERSION or meta.get("features_version") != FEATURES_VERSION:
        raise ModelError(
            f"{directory} was made by another version of Engage (model format {meta.get('format_version')}, "
            f"features {meta.get('features_version')}; this version reads {FORMAT_VERSION}, {FEATURES_VERSION}); "
            "retrain it with `insight train` or `insight retrain`."
        )
    return meta


def _read_arrays(directory: Path, weights: bytes) -> dict[str, np.ndarray]:
    import io

    try:
        with np.load(io.BytesIO(weights), allow_pickle=False) as npz:
            return {key: npz[key] for key in npz.files}
    except (ValueError, OSError, KeyError) as exc:
        raise ModelError(f"{directory}/{_WEIGHTS} is damaged ({exc}).") from exc


def _build_head(name: str, meta: dict, arrays: dict[str, np.ndarray], built: dict[str, Head]) -> Head:
    def get(key: str) -> np.ndarray | None:
        value = arrays.get(f"{name}.{key}")
        return None if value is None else value.astype(np.float64)

    terms = meta["vocabulary"]
    # A shared vocabulary is the same dict object, so scoring builds one matrix for both heads.
    vocabulary = built[terms].vocabulary if isinstance(terms, str) else {t: i for i, t in enumerate(terms)}
    head = Head(
        list(meta["labels"]),
        vocabulary,
        get("idf"),
        get("coef"),
        get("intercept"),
        get("thresholds"),
        get("dense_mean"),
        get("dense_scale"),
        float(meta.get("dense_weight", 1.0)),
        int(meta["split"]) if meta.get("split") is not None else None,
        [(str(t), tuple(p)) for t, p in meta["seeds"]] if meta.get("seeds") else None,
        float(meta.get("seed_weight", 0.0)),
        [(str(c), tuple(p)) for c, p in meta["concepts"]] if meta.get("concepts") else None,
        float(meta.get("concept_weight", 0.0)),
        int(meta["max_labels"]) if meta.get("max_labels") is not None else None,
    )
    extra = len(head.seeds or ()) + len(head.concepts or ())
    if (
        head.coef is None
        or head.coef.shape[0] != len(head.labels)
        or len(head.idf) != len(vocabulary)
        or (extra and head.coef.shape[1] != len(vocabulary) + extra)
    ):
        raise ModelError(f"The {name} part of the model is inconsistent; train it again.")
    return head


def seed_scanner(head: Head):
    """The seed-phrase scanner a theme head was trained with (from the model, not today's taxonomy)."""
    from engage.insight.taxonomy import SeedScanner, Theme

    if head.seeds is None:
        return None
    if head.scanner is None:
        head.scanner = SeedScanner(Theme(t, t, seed_phrases=p) for t, p in head.seeds)
    return head.scanner


def concept_scanner(head: Head):
    """The concept-lexicon scanner a theme head was trained with (from the model, not today's lexicon file)."""
    from engage.insight.taxonomy import SeedScanner, Theme

    if head.concepts is None:
        return None
    if head.concept_scanner is None:
        head.concept_scanner = SeedScanner(Theme(c, c, seed_phrases=p) for c, p in head.concepts)
    return head.concept_scanner


@lru_cache(maxsize=1)
def default_model() -> InsightModel:
    """The model shipped with Engage (trained on NHS FFT comments; see its ATTRIBUTION.md)."""
    return load_model(DEFAULT_MODEL_DIR)
