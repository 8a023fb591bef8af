"""Command-line interface: ``flask --app wsgi insight ...`` or ``python -m engage.insight ...``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import click

from engage.insight.errors import InsightError


@click.group("insight")
def insight() -> None:
    """Train and run the insight engine on CSV files."""


def _fail(exc: InsightError) -> None:
    raise click.ClickException(str(exc)) from exc


@insight.command("train")
@click.argument("coded_csv", type=click.Path(dir_okay=False))
@click.option("--text-column", required=True, help="Column holding the comment text.")
@click.option("--sentiment-column", help="Column holding the coded sentiment.")
@click.option(
    "--sentiment-map",
    help='How its values map to sentiments, e.g. "1=positive,2=positive,3=neutral,4=negative,5=negative".',
)
@click.option("--theme-column", "theme_columns", multiple=True, help="A 0/1 theme column; repeat once per theme.")
@click.option("--model-out", required=True, type=click.Path(file_okay=False), help="Directory to write the model to.")
def train_command(coded_csv, text_column, sentiment_column, sentiment_map, theme_columns, model_out) -> None:
    """Train a model from a coded CSV file."""
    from engage.insight.batch import parse_sentiment_map, read_training_set
    from engage.insight.model import save_model
    from engage.insight.training import train_model

    try:
        mapping = parse_sentiment_map(sentiment_map) if sentiment_map else None
        data = read_training_set(
            coded_csv,
            text_column,
            sentiment_column=sentiment_column,
            sentiment_map=mapping,
            theme_columns=theme_columns,
        )
        model = train_model(
            data.texts,
            sentiments=data.sentiments,
            codes=data.codes,
            theme_labels=data.theme_labels,
            info={"source": Path(coded_csv).name},
        )
    except InsightError as exc:
        _fail(exc)
    save_model(model, model_out)
    _report(model, model_out)


def _report(model, model_out) -> None:
    parts = []
    if model.sentiment:
        parts.append("sentiment (" + ", ".join(model.sentiment.labels) + ")")
    if model.themes:
        parts.append(f"{len(model.themes.labels)} themes")
    click.echo(f"Trained {' and '.join(parts)} from {model.info.get('rows')} rows; saved to {model_out}.")
    if skipped := model.info.get("skipped_themes"):
        click.echo("Too few examples to learn (skipped): " + "; ".join(skipped), err=True)


@insight.command("score")
@click.argument("input_csv", type=click.Path(dir_okay=False))
@click.option("--text-column", required=True, help="Column holding the comment text.")
@click.option(
    "--model", "model_dir", type=click.Path(file_okay=False), help="Model directory (default: the shipped model)."
)
@click.option("--output", required=True, type=click.Path(dir_okay=False), help="CSV file to write.")
def score_command(input_csv, text_column, model_dir, output) -> None:
    """Add sentiment, themes, language, flags and redacted text to every row of a CSV file."""
    from engage.insight.batch import score_csv
    from engage.insight.model import default_model, load_model

    try:
        model = load_model(model_dir) if model_dir else default_model()
        use_labels = bool(model_dir) and model.label_kind == "columns"
        rows = score_csv(input_csv, output, text_column, model=model, use_model_labels=use_labels)
    except InsightError as exc:
        _fail(exc)
    click.echo(f"Scored {rows} rows into {output}.")


#: Where `retrain` reads moderators' confirmed codes: set by the feedback feature with set_codes_source().
_codes_source: Callable[[], Iterable[tuple[str, Sequence[str]]]] | None = None
#: How the application retrains (its own model directory, audit log): set by the feedback feature.
_retrainer: Callable[[str | None], tuple[dict, str]] | None = None


def set_codes_source(source: Callable[[], Iterable[tuple[str, Sequence[str]]]] | None) -> None:
    """Register the function that yields (redacted or original text, [theme ids]) for every coded comment.

    For using the engine without the application; inside it, the feedback feature registers a retrainer.
    """
    global _codes_source  # one registration point, set once at start-up
    _codes_source = source


def set_retrainer(retrainer: Callable[[str | None], tuple[dict, str]] | None) -> None:
    """Register the application's retraining: called with ``--model-out`` (or None), it trains from moderators'
    codes, stores the model where new comments read it, audits, and returns (model info, where it was saved).

    The feedback feature registers it from ``init_app``.
    """
    global _retrainer  # one registration point, set once at start-up
    _retrainer = retrainer


@insight.command("retrain")
@click.option(
    "--model-out",
    type=click.Path(file_okay=False),
    help="Directory for the retrained model's files (in the application it is also stored in the database, "
    "which new comments use).",
)
def retrain_command(model_out) -> None:
    """Retrain the theme model from moderators' confirmed codes."""
    from engage.insight.model import save_model
    from engage.insight.training import train_from_codes

    if _retrainer is not None:
        try:
            info, directory = _retrainer(model_out)
        except InsightError as exc:
            _fail(exc)
        click.echo(f"Trained on {info.get('rows')} coded comments; saved to {directory}.")
        return
    if _codes_source is None:
        raise click.ClickException(
            "No source of coded comments is registered (see engage.insight.cli.set_codes_source)."
        )
    try:
        model = train_from_codes(_codes_source())
    except InsightError as exc:
        _fail(exc)
    model_out = model_out or "instance/insight-model"
    save_model(model, model_out)
    _report(model, model_out)
