"""Population baselines: a CSV of the area's SEND population (dimension, group, count), validated whole.

A file is accepted only if every row is valid; otherwise every problem is listed with its row and column, and
nothing is imported. Problems carry a code (so the web layer can translate them) and an English message (for
the command line).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from engage.reach.dimensions import match_dimension, match_group

REQUIRED_COLUMNS = ("dimension", "group", "count")
#: A generous ceiling: no English local area has a SEND population near this.
MAXIMUM_COUNT = 1_000_000

MESSAGES = {
    "not_text": "The file is not UTF-8 text: save it as CSV (UTF-8)",
    "empty": "The file has no rows",
    "missing_column": "The column '{column}' is missing from the first row",
    "unknown_dimension": "'{value}' is not a known dimension",
    "unknown_group": "'{value}' is not a known group of {dimension}",
    "missing_count": "The count is missing",
    "not_integer": "'{value}' is not a whole number",
    "negative": "The count {value} is negative",
    "too_large": "The count {value} is too large",
    "duplicate": "{dimension} '{value}' appears twice (first on row {first_row})",
    "no_population": "Every count for {dimension} is 0",
}


@dataclass(frozen=True)
class Problem:
    #: the line of the file (the header is line 1); 0 for the whole file
    row: int
    column: str
    code: str
    value: str = ""
    dimension: str = ""
    first_row: int = 0

    def english(self) -> str:
        message = MESSAGES[self.code].format(**self.__dict__)
        return f"Row {self.row}, column {self.column}: {message}" if self.row else message


class BaselineError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.english() for p in problems))
        self.problems = problems


def parse_baseline(data: bytes | str) -> dict[str, dict[str, int]]:
    """Dimension -> group -> count, or `BaselineError` listing every problem."""
    text = _text(data)
    reader = csv.DictReader(io.StringIO(text))
    header = {(name or "").strip().lower(): name for name in reader.fieldnames or ()}
    missing = [Problem(1, c, "missing_column") for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise BaselineError(missing)
    counts, problems, seen = {}, [], {}
    for line, raw in enumerate(reader, start=2):
        row = {key: (raw.get(name) or "").strip() for key, name in header.items()}
        if not any(row.values()):
            continue
        problems += _check_row(line, row, counts, seen)
    if not counts and not problems:
        problems.append(Problem(0, "", "empty"))
    problems += [Problem(0, "count", "no_population", dimension=d) for d, g in counts.items() if not sum(g.values())]
    if problems:
        raise BaselineError(problems)
    return counts


def _text(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BaselineError([Problem(0, "", "not_text")]) from None


def _check_row(line: int, row: dict, counts: dict, seen: dict) -> list[Problem]:
    problems = []
    dimension = match_dimension(row["dimension"]) if row["dimension"] else None
    if dimension is None:
        problems.append(Problem(line, "dimension", "unknown_dimension", row["dimension"]))
    group = match_group(dimension, row["group"]) if dimension and row["group"] else None
    if dimension and group is None:
        problems.append(Problem(line, "group", "unknown_group", row["group"], dimension=dimension))
    count, count_problem = _count(line, row["count"])
    problems += count_problem
    if dimension and group and (dimension, group) in seen:
        first = seen[dimension, group]
        problems.append(Problem(line, "group", "duplicate", row["group"], dimension=dimension, first_row=first))
    elif dimension and group:
        seen[dimension, group] = line
    if not problems:
        counts.setdefault(dimension, {})[group] = count
    return problems


def _count(line: int, text: str) -> tuple[int | None, list[Problem]]:
    if not text:
        return None, [Problem(line, "count", "missing_count")]
    cleaned = text.replace(",", "")
    if not re.fullmatch(r"-?[0-9]+", cleaned):
        return None, [Problem(line, "count", "not_integer", text)]
    count = int(cleaned)
    if count < 0:
        return None, [Problem(line, "count", "negative", text)]
    if count > MAXIMUM_COUNT:
        return None, [Problem(line, "count", "too_large", text)]
    return count, []
