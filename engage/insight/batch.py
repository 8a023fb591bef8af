"""Read labelled CSV files for training and score any CSV, with errors that say where."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from engage.insight.engine import analyse_many
from engage.insight.errors import InputError
from engage.insight.model import InsightModel
from engage.insight.taxonomy import Taxonomy, default_taxonomy

OUTPUT_COLUMNS = ("sentiment", "sentiment_score", "themes", "language", "flags", "redacted_text")
_CHUNK = 500
_THEME_VALUES = {"": 0, "0": 0, "1": 1, "0.0": 0, "1.0": 1}


@dataclass(frozen=True)
class TrainingSet:
    """Texts with optional sentiment labels and theme codes read from a CSV file."""

    texts: list[str]
    sentiments: list[str | None] | None
    codes: list[list[str]] | None
    theme_labels: list[str]


def parse_sentiment_map(spec: str) -> dict[str, str]:
    """Parse "1=positive,2=positive,3=neutral" into {"1": "positive", ...}."""
    from engage.insight.training import SENTIMENT_LABELS

    mapping = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        value, sep, label = part.partition("=")
        if not sep or label.strip() not in SENTIMENT_LABELS:
            raise InputError(
                f"Bad --sentiment-map entry {part!r}: write VALUE=LABEL, "
                f"with LABEL one of {', '.join(SENTIMENT_LABELS)}."
            )
        mapping[value.strip()] = label.strip()
    return mapping


def _open_rows(path: str | Path) -> tuple[list[str], Iterator[dict[str, str]], object]:
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115 (closed by the caller)
    except OSError as exc:
        raise InputError(f"Cannot open {path}: {exc.strerror}.") from exc
    reader = csv.DictReader(handle)
    try:
        columns = list(reader.fieldnames or [])
    except (UnicodeDecodeError, csv.Error) as exc:
        handle.close()
        raise InputError(f"{path} is not a readable UTF-8 CSV file ({exc}).") from exc
    return columns, reader, handle


def require_columns(path, columns: Sequence[str], wanted: Sequence[str]) -> None:
    """Raise InputError naming the columns the file has when a wanted column is missing."""
    missing = [c for c in wanted if c not in columns]
    if missing:
        have = ", ".join(repr(c) for c in columns) or "none"
        raise InputError(f"{path} has no column {', '.join(repr(m) for m in missing)}. Its columns are: {have}.")


def read_training_set(
    path,
    text_column: str,
    *,
    sentiment_column: str | None = None,
    sentiment_map: dict[str, str] | None = None,
    theme_columns: Sequence[str] = (),
) -> TrainingSet:
    """Read and validate a coded CSV; every bad cell is reported with its row and column."""
    columns, reader, handle = _open_rows(path)
    with handle:
        require_columns(path, columns, [text_column, *([sentiment_column] if sentiment_column else []), *theme_columns])
        texts, sentiments, codes = [], [], []
        try:
            for number, row in enumerate(reader, start=1):
                texts.append(_cell(row, text_column))
                sentiments.append(_sentiment(row, sentiment_column, sentiment_map, number))
                codes.append([c for c in theme_columns if _theme_value(row, c, number)])
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputError(f"{path} is not a readable UTF-8 CSV file after row {len(texts)} ({exc}).") from exc
    return TrainingSet(
        texts, sentiments if sentiment_column else None, codes if theme_columns else None, list(theme_columns)
    )


def _cell(row: dict, column: str) -> str:
    value = row.get(column)
    return value.strip() if isinstance(value, str) else ""


def _sentiment(row, column, mapping, number) -> str | None:
    if not column:
        return None
    value = _cell(row, column)
    if not value:
        return None
    if mapping is None:
        mapping = {label: label for label in ("positive", "neutral", "mixed", "negative")}
    if value not in mapping:
        raise InputError(
            f"Row {number}, column {column!r}: {value!r} is not in the sentiment map ({', '.join(mapping)})."
        )
    return mapping[value]


def _theme_value(row, column, number) -> int:
    value = _cell(row, column)
    if value not in _THEME_VALUES:
        raise InputError(f"Row {number}, column {column!r}: {value!r} is not 0, 1 or blank.")
    return _THEME_VALUES[value]


def score_csv(
    input_path,
    output_path,
    text_column: str,
    *,
    model: InsightModel,
    use_model_labels: bool,
    taxonomy: Taxonomy | None = None,
) -> int:
    """Write every input column plus OUTPUT_COLUMNS to ``output_path``; return the number of rows.

    All or nothing: rows go to a temporary file beside the output, renamed into place at the end.
    """
    taxonomy = taxonomy or default_taxonomy()
    columns, reader, handle = _open_rows(input_path)
    partial = Path(f"{output_path}.part")
    with handle:
        require_columns(input_path, columns, [text_column])
        out_columns = columns + [c for c in OUTPUT_COLUMNS if c not in columns]
        try:
            with open(partial, "w", newline="", encoding="utf-8") as out:
                writer = csv.DictWriter(out, fieldnames=out_columns, extrasaction="ignore")
                writer.writeheader()
                count = sum(
                    _score_chunk(writer, chunk, text_column, model, use_model_labels, taxonomy)
                    for chunk in _chunks(reader, input_path)
                )
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    os.replace(partial, output_path)
    return count


def _chunks(reader, path) -> Iterator[list[dict]]:
    chunk, seen = [], 0
    try:
        for row in reader:
            chunk.append(row)
            seen += 1
            if len(chunk) >= _CHUNK:
                yield chunk
                chunk = []
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path} is not a readable UTF-8 CSV file after row {seen} ({exc}).") from exc
    if chunk:
        yield chunk


def _score_chunk(writer, rows, text_column, model, use_model_labels, taxonomy) -> int:
    results = analyse_many([_cell(r, text_column) for r in rows], model=model, taxonomy=taxonomy)
    for row, result in zip(rows, results, strict=True):
        themes = result.model_labels if use_model_labels else [taxonomy.name(t) for t in result.themes]
        row.update(
            {
                "sentiment": result.sentiment or "",
                "sentiment_score": "" if result.sentiment_score is None else f"{result.sentiment_score:.3f}",
                "themes": ";".join(themes),
                "language": result.language or "",
                "flags": ";".join(result.flags),
                "redacted_text": result.redacted_text,
            }
        )
        writer.writerow({k: ("" if v is None else v) for k, v in row.items() if k is not None})
    return len(rows)
