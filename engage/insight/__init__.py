"""Engage's insight engine: plain Python, no Flask.

Every free-text answer and comment gets a language, a sentiment, themes, flags and a
redacted text. Typical use (the caller stores the text first, then the analysis):

    from engage.insight import analyse
    result = analyse(comment.body)
    comment.redacted_body = result.redacted_text
"""

from engage.insight.engine import ANALYSIS_VERSION, SENTIMENT_LANGUAGES, Analysis, analyse, analyse_many
from engage.insight.errors import InputError, InsightError, ModelError
from engage.insight.language import SUPPORTED_LANGUAGES, detect_language
from engage.insight.model import DEFAULT_MODEL_DIR, InsightModel, default_model, load_model, save_model
from engage.insight.redaction import Redaction, Span, redact
from engage.insight.safeguarding_model import safeguarding_concerns
from engage.insight.taxonomy import Taxonomy, Theme, build_taxonomy, default_taxonomy, shipped_themes, with_changes


def warm_up() -> None:
    """Load every model and lexicon now (a web worker calls this at start), so the first family to send a comment
    or a survey does not wait seconds while the engine loads."""
    analyse("Warm up: the staff were kind but we waited months.")
    detect_language("Dziękujemy za pomoc")


def train_model(*args, **kwargs) -> InsightModel:
    """Train a model (see :func:`engage.insight.training.train_model`); needs scikit-learn."""
    from engage.insight import training

    return training.train_model(*args, **kwargs)


def train_from_codes(*args, **kwargs) -> InsightModel:
    """Retrain themes from moderators' codes (see :func:`engage.insight.training.train_from_codes`)."""
    from engage.insight import training

    return training.train_from_codes(*args, **kwargs)


__all__ = [
    "ANALYSIS_VERSION",
    "DEFAULT_MODEL_DIR",
    "SENTIMENT_LANGUAGES",
    "SUPPORTED_LANGUAGES",
    "Analysis",
    "InputError",
    "InsightError",
    "InsightModel",
    "ModelError",
    "Redaction",
    "Span",
    "Taxonomy",
    "Theme",
    "analyse",
    "analyse_many",
    "build_taxonomy",
    "default_model",
    "default_taxonomy",
    "detect_language",
    "init_app",
    "load_model",
    "redact",
    "safeguarding_concerns",
    "save_model",
    "shipped_themes",
    "train_from_codes",
    "train_model",
    "warm_up",
    "with_changes",
]


def init_app(app) -> None:
    """Wire the ``insight`` CLI group into a Flask app (``app`` is passed in: no Flask import here)."""
    from engage.insight.cli import insight

    app.cli.add_command(insight)
