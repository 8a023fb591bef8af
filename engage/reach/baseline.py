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
from datetime import date

from engage.reach.dimensions import match_dimension, match_group

REQUIRED_COLUMNS = ("dimension", "group", "count")
#: A count written with thousands commas ("1,830" in a quoted cell); "18,30" is not one.
THOUSANDS = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})+")
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
    "cell_count": "The row has {value} cells but the first row has {expected}: a number with a thousands comma "
    'must be in quotes ("1,830") or written without it (1830)',
    "bad_thousands": "'{value}' is not a whole number: write it as 1830 or \"1,830\"",
    "future_date": "The date {value} is in the future: give the date the numbers describe",
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
    #: the number of cells of the first row (for "cell_count")
    expected: int = 0

    def english(self) -> str:
        message = MESSAGES[self.code].format(**self.__dict__)
        if self.row and not self.column:
            return f"Row {self.row}: {message}"
        return f"Row {self.row}, column {self.column}: {message}" if self.row else message


class BaselineError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.english() for p in problems))
        self.problems = problems


def parse_baseline(data: bytes | str) -> dict[str, dict[str, int]]:
    """Dimension -> group -> count, or `BaselineError` listing every problem. A file may hold only some
    dimensions; each dimension it holds is checked whole."""
    reader = csv.reader(io.StringIO(_text(data)))
    first = next(reader, [])
    columns = {name.strip().lower(): i for i, name in enumerate(first)}
    missing = [Problem(1, c, "missing_column") for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise BaselineError(missing)
    counts, problems, seen = {}, [], {}
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(first):
            # a cell too many or too few shifts every column after it: "ASD,1,830" must not become 1
            problems.append(Problem(line, "", "cell_count", str(len(cells)), expected=len(first)))
            continue
        row = {key: cells[i].strip() for key, i in columns.items()}
        problems += _check_row(line, row, counts, seen)
    if not counts and not problems:
        problems.append(Problem(0, "", "empty"))
    problems += [Problem(0, "count", "no_population", dimension=d) for d, g in counts.items() if not sum(g.values())]
    if problems:
        raise BaselineError(problems)
    return counts


def check_as_of(as_of: date, today: date) -> list[Problem]:
    """A baseline describes the population on a day that has happened."""
    return [Problem(0, "as_of", "future_date", as_of.isoformat())] if as_of > today else []


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
    if "," in text and not THOUSANDS.fullmatch(text):
        return None, [Problem(line, "count", "bad_thousands", text)]
    cleaned = text.replace(",", "")
    if not re.fullmatch(r"-?[0-9]+", cleaned):
        return None, [Problem(line, "count", "not_integer", text)]
    count = int(cleaned)
    if count < 0:
        return None, [Problem(line, "count", "negative", text)]
    if count > MAXIMUM_COUNT:
        return None, [Problem(line, "count", "too_large", text)]
    return count, []
