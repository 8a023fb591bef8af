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

from engage.reach import dfe_labels as labels

PLACE_COLUMNS = ("time_period", "geographic_level", "new_la_code", "la_name")
PROVISION_COLUMNS = ("sen_provision", "pupil_sen_status", "sen_status")
NEED_COLUMNS = ("primary_need", "sen_primary_need")
COUNT_COLUMNS = ("number_of_pupils", "pupil_count", "headcount")
#: filters this reader does not break down by: a row counts only where they are "Total"
OTHER_FILTERS = ("phase_type_grouping", "first_language", "sen_secondary_need", "sex", "gender", "fsm_status")
EHC_COUNT = "num_caseload"

#: a school census part (EHC plan, SEN support, or all pupils with SEN) of one group
YES, NO, ALL = "yes", "no", "all"
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


@dataclass
class _File:
    name: str
    kind: str  # "census" or "ehc"
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]


@dataclass
class _Found:
    """What the files hold for the area's year: (dimension, group) -> part -> count (None: suppressed)."""

    census: dict[tuple[str, str], dict[str, int | None]] = field(default_factory=dict)
    ehc: dict[tuple[str, str], int | None] = field(default_factory=dict)
    outside: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    la_name: str = ""


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
    found = _Found()
    for file in census:
        _read_census(file, _in_period(file, period), found)
    ehc_period = str(int(period[:4]) + 1) if ehc else None
    for file in ehc:
        _read_ehc(file, _in_period(file, ehc_period), found)
    if found.problems:
        raise DfeFileError("; ".join(found.problems))
    counts, unknown = _combine(found, bool(ehc))
    if not counts:
        raise DfeFileError(f"Every count for {la_code} in {period} is suppressed or missing: nothing to import.")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["dimension", "group", "count"])
    writer.writerows([dimension, group, count] for (dimension, group), count in counts.items())
    census_dimensions = {dimension for dimension, _ in found.census}
    found.outside += [
        f"{dimension} from EHC plans alone (give the school census file that breaks SEN support down by it)"
        for dimension in sorted({dimension for dimension, _ in found.ehc} - census_dimensions)
    ]
    outside = list(dict.fromkeys(found.outside))
    return DfeBaseline(la_code, found.la_name, period, out.getvalue(), unknown, outside, ehc_period)


def _parse(name: str, text: str) -> _File:
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
    return _File(name, "census" if census else "ehc", columns, rows)


def _area_rows(file: _File, la_code: str) -> list[tuple[int, dict[str, str]]]:
    rows = [
        (line, row)
        for line, row in file.rows
        if row.get("new_la_code") == la_code and row.get("geographic_level", "").lower() == "local authority"
    ]
    if not rows:
        raise DfeFileError(f"{file.name}: The file has no local authority rows for {la_code}, the area's ONS code.")
    return rows


def _periods(file: _File) -> list[str]:
    return sorted({row["time_period"] for _, row in file.rows})


def _in_period(file: _File, period: str) -> list[tuple[int, dict[str, str]]]:
    rows = [(line, row) for line, row in file.rows if row["time_period"] == period]
    if not rows:
        la_code = file.rows[0][1]["new_la_code"]
        raise DfeFileError(
            f"{file.name}: The file has no rows for {la_code} in {period}: it has {', '.join(_periods(file))}."
        )
    return rows


def _number(file: _File, line: int, column: str, row: dict[str, str], found: _Found) -> int | None:
    """A count, None when suppressed; a problem named when it is not a number at all."""
    cell = row.get(column, "").replace(",", "")
    if cell.lower() in labels.SUPPRESSED:
        return None
    if not cell.isdigit():
        found.problems.append(f"{file.name}: Line {line}: {column} {cell!r} is not a whole number")
        return None
    return int(cell)


def _first(columns: list[str], names: tuple[str, ...]) -> str | None:
    return next((name for name in names if name in columns), None)


def _read_census(file: _File, rows: list[tuple[int, dict[str, str]]], found: _Found) -> None:
    provision_column = _first(file.columns, PROVISION_COLUMNS)
    need_column = _first(file.columns, NEED_COLUMNS)
    count_column = _first(file.columns, COUNT_COLUMNS)
    others = [column for column in OTHER_FILTERS if column in file.columns]
    wide_ethnicity = [c for c in file.columns if c in labels.ETHNICITY_COLUMNS]
    wide_age = [c for c in file.columns if labels.age_column_band(c)]
    if any(labels.is_gender_column(c) for c in file.columns):
        found.outside.append("gender (reach has no gender dimension)")
    if any(c in labels.ETHNICITY_COLUMNS_OUTSIDE for c in file.columns):
        found.outside.append("ethnicity Unclassified")
    # a file gives each (dimension, group, part) once; a dimension one file already gave is not read again
    before = {dimension for dimension, _ in found.census}
    seen: dict[tuple[str, str, str], int] = {}

    def put(dimension: str, group: str, part: str, value: int | None, line: int) -> None:
        if dimension in before:
            return
        if (dimension, group, part) in seen:
            found.problems.append(
                f"{file.name}: Line {line}: {dimension} {group} ({part}) appears twice "
                f"(first on line {seen[dimension, group, part]})"
            )
            return
        seen[dimension, group, part] = line
        found.census.setdefault((dimension, group), {})[part] = value

    for line, row in rows:
        found.la_name = row.get("la_name", found.la_name)
        if any(not labels.is_total(row.get(column)) for column in others):
            continue
        part = _provision(file, line, row.get(provision_column) if provision_column else "Total", found)
        if part is None:
            continue
        need = row.get(need_column, "Total") if need_column else "Total"
        major = row.get("ethnicity_major", "Total")
        if not labels.is_total(major):
            if labels.is_total(need) and part != ALL and labels.is_total(row.get("ethnicity_minor", "Total")):
                group = _label(file, line, "ethnicity_major", major, labels.ETHNICITY, labels.ETHNICITY_OUTSIDE, found)
                if group:
                    put("ethnicity", group, part, _number(file, line, count_column, row, found), line)
            continue
        if not labels.is_total(need):
            group = _label(file, line, need_column, need, labels.PRIMARY_NEED, labels.PRIMARY_NEED_OUTSIDE, found)
            if group:
                put("primary_need", group, part, _number(file, line, count_column, row, found), line)
            continue
        if part == ALL:
            continue
        put("ehcp", part, part, _number(file, line, count_column, row, found), line)
        for dimension, columns, group_of in (
            ("ethnicity", wide_ethnicity, labels.ETHNICITY_COLUMNS.get),
            ("age_band", wide_age, labels.age_column_band),
        ):
            sums: dict[str, int | None] = {}
            for column in columns:
                value, group = _number(file, line, column, row, found), group_of(column)
                sums[group] = None if value is None or sums.get(group, 0) is None else sums.get(group, 0) + value
            for group, value in sums.items():
                put(dimension, group, part, value, line)


def _provision(file: _File, line: int, value: str, found: _Found) -> str | None:
    if labels.is_total(value):
        return ALL
    text = labels.normal(value)
    if text in labels.NOT_SEN:
        return None
    if text not in labels.PROVISION:
        found.problems.append(f"{file.name}: Line {line}: SEN provision {value!r} is not one reach knows")
        return None
    return labels.PROVISION[text]


def _label(file, line, column, value, known, outside, found) -> str | None:
    """The reach group of a published label; None (named as outside, or as a problem) when it has none."""
    text = labels.normal(value)
    if text in known:
        return known[text]
    if text in outside:
        found.outside.append(f"{column} {value}")
    else:
        found.problems.append(f"{file.name}: Line {line}: {column} {value!r} is not a group reach knows")
    return None


#: EHC plans characteristics topics -> how to read their breakdown
EHC_TOPICS = {
    "ethnicity major": ("ethnicity", labels.ETHNICITY, labels.ETHNICITY_OUTSIDE),
    "primary need": ("primary_need", labels.PRIMARY_NEED, labels.PRIMARY_NEED_OUTSIDE),
    "primary type of need": ("primary_need", labels.PRIMARY_NEED, labels.PRIMARY_NEED_OUTSIDE),
    "sen primary need": ("primary_need", labels.PRIMARY_NEED, labels.PRIMARY_NEED_OUTSIDE),
}


def _read_ehc(file: _File, rows: list[tuple[int, dict[str, str]]], found: _Found) -> None:
    before = {dimension for dimension, _ in found.ehc}
    seen: dict[tuple[str, str], int] = {}

    def put(dimension: str, group: str, line: int, row: dict[str, str]) -> None:
        if dimension in before:
            return
        if (dimension, group) in seen:
            found.problems.append(
                f"{file.name}: Line {line}: {dimension} {group} appears twice (first on line {seen[dimension, group]})"
            )
            return
        seen[dimension, group] = line
        found.ehc[dimension, group] = _number(file, line, EHC_COUNT, row, found)

    for line, row in rows:
        found.la_name = found.la_name or row.get("la_name", "")
        if "age" in file.columns:
            if not labels.is_total(row.get("ehcp_or_statement")):
                continue  # since 2018 every plan is an EHC plan: the Total row counts them, statements are z
            age = row.get("age", "")
            if labels.is_total(age):
                put("ehcp", YES, line, row)
            elif group := labels.age_label_band(labels.normal(age)):
                put("age_band", group, line, row)
            else:
                found.problems.append(f"{file.name}: Line {line}: age {age!r} is not an age band reach knows")
            continue
        topic, value = labels.normal(row.get("breakdown_topic")), row.get("breakdown", "")
        if topic == "total" or (labels.is_total(value) and topic in EHC_TOPICS):
            put("ehcp", YES, line, row)
        elif topic in ("gender", "sex"):
            found.outside.append("gender (reach has no gender dimension)")
        elif topic in ("age", "age group"):
            if group := labels.age_label_band(labels.normal(value)):
                put("age_band", group, line, row)
        elif topic in EHC_TOPICS:
            dimension, known, outside = EHC_TOPICS[topic]
            if group := _label(file, line, f"{row.get('breakdown_topic')}", value, known, outside, found):
                put(dimension, group, line, row)


def _combine(found: _Found, with_ehc: bool) -> tuple[dict[tuple[str, str], int], list[tuple[str, str]]]:
    """(dimension, group) -> count, and the groups left unknown because a count they need was suppressed."""
    from engage.reach.dimensions import dimensions

    census_dimensions = {dimension for dimension, _ in found.census}
    ehc_dimensions = {dimension for dimension, _ in found.ehc} & census_dimensions
    counts: dict[tuple[str, str], int] = {}
    unknown: list[tuple[str, str]] = []
    for dimension in (d for d in dimensions() if d in census_dimensions):
        for group in dimensions()[dimension].group_ids():
            parts = found.census.get((dimension, group), {})
            if with_ehc and dimension in ehc_dimensions:
                plans = found.ehc.get((dimension, group), "absent")
                if dimension == "ehcp":
                    needed = [plans] if group == YES else [parts.get(NO, "absent")]
                elif dimension == "age_band" and group == "20_25":
                    needed = [plans]  # the school census counts no one over 19
                else:
                    needed = [parts.get(NO, "absent"), plans]
            elif dimension == "ehcp":
                needed = [parts.get(group, "absent")]
            elif ALL in parts:
                needed = [parts[ALL]]
            else:
                needed = [parts.get(YES, "absent"), parts.get(NO, "absent")]
            if any(value is None for value in needed):
                unknown.append((dimension, group))
            elif "absent" not in needed:
                counts[dimension, group] = sum(needed)
    return counts, unknown
