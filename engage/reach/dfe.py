"""The SEND population baseline from the Department for Education's published statistics (explore-education-
statistics "tidy" CSV files), turned into reach's own baseline file.

Two publications, each several files; any of their files may be given together:
- "Special educational needs in England" (the January school census, `time_period` 202425 for 2024/25): filter
  columns for SEN provision (`sen_provision`, earlier `pupil_sen_status` or `sen_status`) and primary need
  (`primary_need`, later `sen_primary_need`), a count (`number_of_pupils`, later `pupil_count`), and either an
  ethnicity filter (`ethnicity_major`/`ethnicity_minor`) or wide count columns per ethnic group
  (`ethnicity_indian`, ...) or per age (`age_5`, ..., `age_19_and_over`); `phase_type_grouping` and any other
  filter must say "Total" for a row to count.
- "Education, health and care plans" (the SEN2 return, `time_period` 2025 for January 2025): caseload
  characteristics (`breakdown_topic`, `breakdown`, `num_caseload`) and caseload age groups (`age`,
  `ehcp_or_statement`, `num_caseload`).
Every file has `time_period`, `geographic_level`, `new_la_code` and `la_name`; only the area's "Local authority"
rows of one year are read.

The SEND population is children and young people with an EHC plan plus pupils on SEN support. The school census
alone gives both, for pupils in school. With an EHC plans file, EHC plans are counted from it (every plan, 0 to
25, in school or not) and SEN support from the school census, dimension by dimension; a dimension the school
census does not give is not imported from EHC plans alone (it would describe EHC plans, not the SEND population).
Suppressed or missing counts (x, c, z, low, ~) leave their group unknown (left out), never 0. No Flask here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from engage.reach.dfe_read import (
    ALL,
    COUNT_COLUMNS,
    EHC_COUNT,
    NEED_COLUMNS,
    NO,
    PLACE_COLUMNS,
    PROVISION_COLUMNS,
    YES,
    CensusReader,
    EhcReader,
    File,
    Found,
    Rows,
)

#: where the numbers of each kind come from, for the baseline's source
CENSUS_NAME = "Special educational needs in England"
EHC_NAME = "Education, health and care plans"


class DfeFileError(ValueError):
    """The files cannot give this area's baseline; nothing was imported."""


@dataclass
class DfeBaseline:
    la_code: str
    la_name: str
    #: the school census year, e.g. "202425"
    time_period: str
    #: the baseline file reach imports (dimension, group, count)
    csv_text: str
    #: (dimension, group) whose count was suppressed or missing: unknown, left out
    unknown: list[tuple[str, str]] = field(default_factory=list)
    #: DfE categories reach has no group for, left out: "primary_need Down syndrome"
    outside: list[str] = field(default_factory=list)
    #: the EHC plans year read alongside ("2025"), if an EHC plans file was given
    ehc_period: str | None = None

    @property
    def as_of(self) -> date:
        """The January school census of the academic year (202425 -> January 2025)."""
        return date(int(self.time_period[:4]) + 1, 1, 16)

    @property
    def dataset(self) -> str:
        """The key that stops the same year being imported twice."""
        return f"dfe:{self.la_code}:{self.time_period}"

    def source(self) -> str:
        year = self.time_period
        census = int(year[:4]) + 1
        text = f"Department for Education, {CENSUS_NAME}, {year[:4]}/{year[4:]} (January {census} school census)"
        if self.ehc_period:
            text += f" and {EHC_NAME}, {self.ehc_period} (January {self.ehc_period})"
        return f"{text}, {self.la_name}"


def read_dfe(text: str, la_code: str, time_period: str | None = None) -> DfeBaseline:
    """One file's area rows as a reach baseline; raises DfeFileError naming what is wrong."""
    return read_dfe_files([("the file", text)], la_code, time_period)


def read_dfe_files(files: Iterable[tuple[str, str]], la_code: str, time_period: str | None = None) -> DfeBaseline:
    """The area's rows of DfE tidy CSV files (name, text) as one reach baseline, or DfeFileError naming every
    problem: nothing is imported from files that are wrong in any part."""
    parsed = [_parse(name, text) for name, text in files]
    census = [f for f in parsed if f.kind == "census"]
    ehc = [f for f in parsed if f.kind == "ehc"]
    if not census:
        raise DfeFileError(
            f"An {EHC_NAME} file needs the {CENSUS_NAME} files alongside: the SEND population is EHC plans "
            "and SEN support, and SEN support is counted in the school census."
        )
    for file in parsed:
        file.rows = _area_rows(file, la_code)
    period = time_period or max(_periods(census[0]))
    found = Found()
    for file in census:
        CensusReader(file, found).read(_in_period(file, period))
    ehc_period = str(int(period[:4]) + 1) if ehc else None
    for file in ehc:
        EhcReader(file, found).read(_in_period(file, ehc_period))
    if found.problems:
        raise DfeFileError("; ".join(found.problems))
    counts, unknown = _combine(found, bool(ehc))
    if not counts:
        raise DfeFileError(f"Every count for {la_code} in {period} is suppressed or missing: nothing to import.")
    census_dimensions = {key[0] for key in found.census}
    found.outside += [
        f"{dimension} from EHC plans alone (give the school census file that breaks SEN support down by it)"
        for dimension in sorted({dimension for dimension, _ in found.ehc} - census_dimensions)
    ]
    outside = list(dict.fromkeys(found.outside))
    return DfeBaseline(la_code, found.la_name, period, _baseline_file(counts), unknown, outside, ehc_period)


def _baseline_file(counts: dict[tuple[str, str], int]) -> str:
    """The counts as reach's own baseline CSV (dimension, group, count), checked again by its usual import."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["dimension", "group", "count"])
    writer.writerows([dimension, group, count] for (dimension, group), count in counts.items())
    return out.getvalue()


def _parse(name: str, text: str) -> File:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [column.strip() for column in reader.fieldnames or []]
    reader.fieldnames = columns
    has = set(columns)
    place = all(column in has for column in PLACE_COLUMNS)
    census = any(c in has for c in COUNT_COLUMNS) and any(c in has for c in (*PROVISION_COLUMNS, *NEED_COLUMNS))
    ehc = EHC_COUNT in has and ({"breakdown_topic", "breakdown"} <= has or {"age", "ehcp_or_statement"} <= has)
    if not place or not (census or ehc):
        raise DfeFileError(
            f"{name} is not a DfE tidy CSV this command reads: expected the columns "
            f"{', '.join(PLACE_COLUMNS)} and either ({CENSUS_NAME}) a count ({' or '.join(COUNT_COLUMNS)}) "
            f"with at least one of {', '.join(PROVISION_COLUMNS + NEED_COLUMNS)}, or ({EHC_NAME}) {EHC_COUNT} "
            f"with breakdown_topic and breakdown, or with age and ehcp_or_statement; "
            f"found {', '.join(columns[:14]) or 'no header row'}."
        )
    rows = [(line, {key: (value or "").strip() for key, value in row.items() if key}) for line, row in
            enumerate(reader, start=2)]  # fmt: skip
    return File(name, "census" if census else "ehc", columns, rows)


def _area_rows(file: File, la_code: str) -> Rows:
    rows = [
        (line, row)
        for line, row in file.rows
        if row.get("new_la_code") == la_code and row.get("geographic_level", "").lower() == "local authority"
    ]
    if not rows:
        raise DfeFileError(f"{file.name}: The file has no local authority rows for {la_code}, the area's ONS code.")
    return rows


def _periods(file: File) -> list[str]:
    return sorted({row["time_period"] for _, row in file.rows})


def _in_period(file: File, period: str) -> Rows:
    rows = [(line, row) for line, row in file.rows if row["time_period"] == period]
    if not rows:
        la_code = file.rows[0][1]["new_la_code"]
        raise DfeFileError(
            f"{file.name}: The file has no rows for {la_code} in {period}: it has {', '.join(_periods(file))}."
        )
    return rows


ABSENT = "absent"


def _combine(found: Found, with_ehc: bool) -> tuple[dict[tuple[str, str], int], list[tuple[str, str]]]:
    """(dimension, group) -> count, and the groups left unknown because a count they need was suppressed. A
    dimension takes its EHC plans from the EHC plans files when they give it and the school census gives its
    SEN support part; otherwise both parts come from the school census."""
    from engage.reach.dimensions import dimensions

    census: dict[tuple[str, str], dict[str, int | None]] = {}
    for (dimension, group, part), value in found.census.items():
        census.setdefault((dimension, group), {})[part] = value
    with_plans = {dimension for dimension, _ in found.ehc} if with_ehc else set()
    with_support = {dimension for (dimension, _, part) in found.census if part == NO}
    counts: dict[tuple[str, str], int] = {}
    unknown: list[tuple[str, str]] = []
    for dimension in (d for d in dimensions() if any(key[0] == d for key in census)):
        combine = dimension in with_plans and dimension in with_support
        for group in dimensions()[dimension].group_ids():
            parts = census.get((dimension, group), {})
            if combine:
                needed = _with_plans(dimension, group, parts, found.ehc.get((dimension, group), ABSENT))
            else:
                needed = _census_only(dimension, group, parts)
            if any(value is None for value in needed):
                unknown.append((dimension, group))
            elif ABSENT not in needed:
                counts[dimension, group] = sum(needed)
    return counts, unknown


def _with_plans(dimension: str, group: str, parts: dict, plans: int | str | None) -> list:
    """EHC plans from the EHC plans files, SEN support from the school census."""
    if dimension == "ehcp":
        return [plans] if group == YES else [parts.get(NO, ABSENT)]
    if dimension == "age_band" and group == "20_25":
        return [plans]  # the school census counts no one over 19
    return [parts.get(NO, ABSENT), plans]


def _census_only(dimension: str, group: str, parts: dict) -> list:
    if dimension == "ehcp":
        return [parts.get(group, ABSENT)]
    if ALL in parts:
        return [parts[ALL]]
    return [parts.get(YES, ABSENT), parts.get(NO, ABSENT)]
