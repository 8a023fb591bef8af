"""The one place feedback talks to the insight engine, so swapping or upgrading it touches one file.

`analyse_comment` returns plain data (a dict) that the service stores beside the comment.
"""

from __future__ import annotations

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

_model_cache: dict[str, tuple[float, Any]] = {}


def taxonomy_from_themes(themes: Iterable[Mapping[str, Any]]):
    """The shipped taxonomy with moderators' themes (add, rename, merge, retire) laid over it."""
    from engage.insight import with_changes

    return with_changes(themes)


def load_trained_model(directory: str | Path | None):
    """The model retrained from moderators' codes, when one has been saved there; else None (the default)."""
    if not directory or not (Path(directory) / "model.json").exists():
        return None
    from engage.insight import load_model

    stamp = (Path(directory) / "model.json").stat().st_mtime
    cached = _model_cache.get(str(directory))
    if cached is None or cached[0] != stamp:
        _model_cache[str(directory)] = (stamp, load_model(directory))
    return _model_cache[str(directory)][1]


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


def train_from_codes(examples: Iterable[tuple[str, list[str]]], directory: str | Path) -> dict[str, Any]:
    """Retrain the theme model from moderators' confirmed codes and save it; returns the model's info."""
    from engage.insight import save_model
    from engage.insight import train_from_codes as train

    model = train(examples)
    save_model(model, directory)
    return dict(model.info)
