"""The one place feedback talks to the insight engine, so swapping or upgrading it touches one file.

`analyse_comment` returns plain data (a dict) that the service stores beside the comment.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

#: The keys analyse_comment always returns.
KEYS = (
    "language",
    "sentiment",
    "sentiment_score",
    "themes",
    "flags",
    "redacted_text",
    "personal_details",
    "explanation",
    "version",
)

#: Models retrained from moderators' codes, loaded once per worker: {token: model}.
_loaded: dict[str, Any] = {}


def taxonomy_from_themes(themes: Iterable[Mapping[str, Any]]):
    """The shipped taxonomy with moderators' themes (add, rename, merge, retire) laid over it."""
    from engage.insight import with_changes

    return with_changes(themes)


def model_files(model) -> tuple[str, bytes]:
    """The engine's own files for ``model`` (model.json text, weights.npz bytes), to keep in the database."""
    from engage.insight import save_model

    with tempfile.TemporaryDirectory() as tmp:
        save_model(model, tmp)
        return (Path(tmp) / "model.json").read_text(encoding="utf-8"), (Path(tmp) / "weights.npz").read_bytes()


def model_from_files(token: str, model_json: str, weights: bytes):
    """The model stored as ``model_files``; loaded once per worker and token, checked like any model file."""
    if token not in _loaded:
        from engage.insight import load_model

        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "model.json").write_text(model_json, encoding="utf-8")
            (Path(tmp) / "weights.npz").write_bytes(weights)
            model = load_model(tmp)
        _loaded.clear()  # only the newest model is used
        _loaded[token] = model
    return _loaded[token]


def cached_model(token: str):
    return _loaded.get(token)


def safeguarding_concerns(text: str, translation: str | None = None) -> list[str]:
    """The kinds of concern in ``text`` (or its English translation), from the shipped patterns and model only."""
    from engage.insight.engine import safeguarding_only

    return list(safeguarding_only(text, translation=translation))


def analyse_comment(text: str, *, translation: str | None = None, taxonomy=None, model=None) -> dict[str, Any]:
    """Language, sentiment, suggested themes, flags, redacted text and personal details of one comment.

    Raises whatever the engine raises; the caller stores the comment first, so a failure loses nothing.
    """
    from engage.insight import analyse

    result = analyse(text, translation=translation, model=model, taxonomy=taxonomy)
    return {
        "language": result.language,
        "sentiment": result.sentiment,
        "sentiment_score": result.sentiment_score,
        "themes": list(result.themes),
        "flags": list(result.flags),
        "redacted_text": result.redacted_text,
        "personal_details": [{"kind": s.kind, "start": s.start, "end": s.end} for s in result.personal_details],
        "explanation": list(result.explanation),
        "version": result.version,
    }


def train_from_codes(examples: Iterable[tuple[str, list[str]]]):
    """A theme model retrained from moderators' confirmed codes (sentiment kept from the default model)."""
    from engage.insight import train_from_codes as train

    return train(examples)
