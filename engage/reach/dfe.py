"""The SEND population baseline from the Department for Education's published "Special educational needs in
England" statistics (explore-education-statistics "tidy" CSV), turned into reach's own baseline file.

The tidy layout has one row per place, year and combination of filters: `time_period` (202425 for 2024/25,
counted in the January school census), `geographic_level` ("National", "Regional", "Local authority"),
`new_la_code` (the ONS code), `la_name`, filter columns whose value "Total" means all, and count indicators.
We read the filters `sen_provision` (EHC plan or SEN support) and `primary_need`, and the count
`number_of_pupils`; a row counts for one dimension when its filter is set and the other filters are "Total".
Suppressed or missing counts (x, c, z, low, ~, u, blank) stay unknown: that group is left out, never 0.
No Flask here: the command line hands the result to the usual baseline import (preview, rollback, audit).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

#: DfE's published labels (lower case) -> reach group ids
FILTERS: dict[str, tuple[str, dict[str, str]]] = {
    "sen_provision": ("ehcp", {"education, health and care plan": "yes", "ehc plan": "yes", "sen support": "no"}),
    "primary_need": (
        "primary_need",
        {
            "specific learning difficulty": "spld",
            "moderate learning difficulty": "mld",
            "severe learning difficulty": "sld",
            "profound & multiple learning difficulty": "pmld",
            "profound and multiple learning difficulty": "pmld",
            "social, emotional and mental health": "semh",
            "speech, language and communications needs": "slcn",
            "speech, language and communication needs": "slcn",
            "hearing impairment": "hi",
            "visual impairment": "vi",
            "vision impairment": "vi",
            "multi-sensory impairment": "msi",
            "physical disability": "pd",
            "autistic spectrum disorder": "asd",
            "other difficulty/disability": "oth",
            "other difficulty or disability": "oth",
        },
    ),
}
REQUIRED_COLUMNS = ("time_period", "geographic_level", "new_la_code", "la_name", "number_of_pupils")
SUPPRESSED = frozenset({"x", "c", "z", "low", "~", "u", ""})
TOTAL = "total"


class DfeFileError(ValueError):
    """The file cannot give this area's baseline; nothing was imported."""


@dataclass
class DfeBaseline:
    la_name: str
    time_period: str
    #: the baseline file reach imports (dimension, group, count)
    csv_text: str
    #: (dimension, group) whose count was suppressed or missing: unknown, left out
    unknown: list[tuple[str, str]] = field(default_factory=list)

    @property
    def as_of(self) -> date:
        """The January school census of the academic year (202425 -> January 2025)."""
        return date(int(self.time_period[:4]) + 1, 1, 16)

    def source(self) -> str:
        year = self.time_period
        return (
            f"Department for Education, Special educational needs in England, {year[:4]}/{year[4:]} "
            f"(January {int(year[:4]) + 1} school census), {self.la_name}"
        )


def read_dfe(text: str, la_code: str, time_period: str | None = None) -> DfeBaseline:
    """The area's rows of a DfE tidy CSV as a reach baseline; raises DfeFileError naming what is wrong."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = columns
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    filters = [name for name in FILTERS if name in columns]
    if missing or not filters:
        raise DfeFileError(
            "This is not the DfE 'Special educational needs in England' tidy CSV: expected the columns "
            f"{', '.join(REQUIRED_COLUMNS)} and at least one of {', '.join(FILTERS)}; "
            f"found {', '.join(columns[:12]) or 'no header row'}."
        )
    rows = [
        (line, row)
        for line, row in enumerate(reader, start=2)
        if (row.get("new_la_code") or "").strip() == la_code
        and (row.get("geographic_level") or "").strip().lower() == "local authority"
    ]
    if not rows:
        raise DfeFileError(f"The file has no local authority rows for {la_code}, the area's ONS code.")
    periods = sorted({(row.get("time_period") or "").strip() for _, row in rows})
    period = time_period or periods[-1]
    if period not in periods:
        raise DfeFileError(f"The file has no rows for {la_code} in {period}: it has {', '.join(periods)}.")
    counts: dict[tuple[str, str], int] = {}
    unknown: list[tuple[str, str]] = []
    problems: list[str] = []
    la_name = ""
    for line, row in rows:
        if (row.get("time_period") or "").strip() != period:
            continue
        la_name = (row.get("la_name") or "").strip()
        for column in filters:
            others = [name for name in filters if name != column]
            value = (row.get(column) or "").strip().lower()
            if value == TOTAL or any((row.get(name) or "").strip().lower() != TOTAL for name in others):
                continue
            dimension, groups = FILTERS[column]
            group = groups.get(value)
            if group is None:
                problems.append(f"Line {line}: {column} {row.get(column)!r} is not a group reach knows")
                continue
            cell = (row.get("number_of_pupils") or "").strip().replace(",", "")
            if cell.lower() in SUPPRESSED:
                unknown.append((dimension, group))
            elif not cell.isdigit():
                problems.append(f"Line {line}: number_of_pupils {cell!r} is not a whole number")
            elif (dimension, group) in counts:
                problems.append(f"Line {line}: {dimension} {group} appears twice for {period}")
            else:
                counts[dimension, group] = int(cell)
    if problems:
        raise DfeFileError("; ".join(problems))
    if not counts:
        raise DfeFileError(f"Every count for {la_code} in {period} is suppressed or missing: nothing to import.")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["dimension", "group", "count"])
    for (dimension, group), count in counts.items():
        writer.writerow([dimension, group, count])
    return DfeBaseline(la_name, period, out.getvalue(), unknown)
