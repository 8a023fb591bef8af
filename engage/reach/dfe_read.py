"""Reading one DfE tidy CSV file's rows for the area and year into counts by reach dimension and group (the
layouts are described in engage/reach/dfe.py). Nothing is raised here: every problem is collected, so one
message can name them all; engage/reach/dfe.py decides."""

from __future__ import annotations

from dataclasses import dataclass, field

from engage.reach import dfe_labels as labels

PLACE_COLUMNS = ("time_period", "geographic_level", "new_la_code", "la_name")
PROVISION_COLUMNS = ("sen_provision", "pupil_sen_status", "sen_status")
NEED_COLUMNS = ("primary_need", "sen_primary_need")
COUNT_COLUMNS = ("number_of_pupils", "pupil_count", "headcount")
#: filters this reader does not break down by: a row counts only where they are "Total"
OTHER_FILTERS = ("phase_type_grouping", "first_language", "sen_secondary_need", "sex", "gender", "fsm_status")
EHC_COUNT = "num_caseload"
#: the school census parts of a group: with an EHC plan, on SEN support, or all pupils with SEN
YES, NO, ALL = "yes", "no", "all"
GENDER = "gender (reach has no gender dimension)"

Rows = list[tuple[int, dict[str, str]]]


@dataclass
class File:
    name: str
    kind: str  # "census" or "ehc"
    columns: list[str]
    rows: Rows


@dataclass
class Found:
    """What the files hold for the area's year. census: (dimension, group, part) -> count; ehc: (dimension,
    group) -> count of EHC plans; None where the count was suppressed."""

    census: dict[tuple[str, str, str], int | None] = field(default_factory=dict)
    ehc: dict[tuple[str, str], int | None] = field(default_factory=dict)
    outside: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    la_name: str = ""


class _Recorder:
    """Stores each key once per file (twice is a problem named with both lines); a dimension that an earlier
    file already gave is not read again, so the first file given for it wins."""

    def __init__(self, file: File, found: Found, store: dict) -> None:
        self.file, self.found, self.store = file, found, store
        self.before = {key[0] for key in store}
        self.seen: dict[tuple, int] = {}

    def put(self, key: tuple, value: int | None, line: int) -> None:
        if key[0] in self.before:
            return
        if key in self.seen:
            what = " ".join(key)
            self.problem(line, f"{what} appears twice (first on line {self.seen[key]})")
            return
        self.seen[key] = line
        self.store[key] = value

    def number(self, line: int, column: str, row: dict[str, str]) -> int | None:
        """A count, None when suppressed; a problem named when it is not a number at all."""
        cell = row.get(column, "").replace(",", "")
        if cell.lower() in labels.SUPPRESSED:
            return None
        if not cell.isdigit():
            self.problem(line, f"{column} {cell!r} is not a whole number")
            return None
        return int(cell)

    def group(self, line: int, column: str, value: str, known: dict, outside: frozenset) -> str | None:
        """The reach group of a published label; None (named as outside, or as a problem) when it has none."""
        text = labels.normal(value)
        if text in known:
            return known[text]
        if text in outside:
            self.found.outside.append(f"{column} {value}")
        else:
            self.problem(line, f"{column} {value!r} is not a group reach knows")
        return None

    def problem(self, line: int, text: str) -> None:
        self.found.problems.append(f"{self.file.name}: Line {line}: {text}")


def _first(columns: list[str], names: tuple[str, ...]) -> str | None:
    return next((name for name in names if name in columns), None)


class CensusReader(_Recorder):
    """A "Special educational needs in England" file: EHC plan and SEN support counts by primary need, major
    ethnic group (a filter, or wide columns per minor group) and age (wide columns)."""

    def __init__(self, file: File, found: Found) -> None:
        super().__init__(file, found, found.census)
        columns = file.columns
        self.provision = _first(columns, PROVISION_COLUMNS)
        self.need = _first(columns, NEED_COLUMNS)
        self.count = _first(columns, COUNT_COLUMNS)
        self.others = [column for column in OTHER_FILTERS if column in columns]
        self.wide = (
            ("ethnicity", [c for c in columns if c in labels.ETHNICITY_COLUMNS], labels.ETHNICITY_COLUMNS.get),
            ("age_band", [c for c in columns if labels.age_column_band(c)], labels.age_column_band),
        )
        if any(labels.is_gender_column(c) for c in columns):
            found.outside.append(GENDER)
        if any(c in labels.ETHNICITY_COLUMNS_OUTSIDE for c in columns):
            found.outside.append("ethnicity Unclassified")

    def read(self, rows: Rows) -> None:
        for line, row in rows:
            self.found.la_name = row.get("la_name") or self.found.la_name
            if all(labels.is_total(row.get(column)) for column in self.others):
                self.row(line, row)

    def row(self, line: int, row: dict[str, str]) -> None:
        part = self.part(line, row.get(self.provision) if self.provision else "Total")
        need = row.get(self.need, "Total") if self.need else "Total"
        major = row.get("ethnicity_major", "Total")
        if part is None:
            return
        if not labels.is_total(major):
            if labels.is_total(need) and part != ALL and labels.is_total(row.get("ethnicity_minor", "Total")):
                self.ethnic_group(line, row, part, major)
        elif not labels.is_total(need):
            group = self.group(line, self.need, need, labels.PRIMARY_NEED, labels.PRIMARY_NEED_OUTSIDE)
            if group:
                self.put(("primary_need", group, part), self.number(line, self.count, row), line)
        elif part != ALL:
            self.put(("ehcp", part, part), self.number(line, self.count, row), line)
            self.wide_columns(line, row, part)

    def ethnic_group(self, line: int, row: dict[str, str], part: str, major: str) -> None:
        group = self.group(line, "ethnicity_major", major, labels.ETHNICITY, labels.ETHNICITY_OUTSIDE)
        if group:
            self.put(("ethnicity", group, part), self.number(line, self.count, row), line)

    def wide_columns(self, line: int, row: dict[str, str], part: str) -> None:
        """Sum the count columns of each group (minor ethnic groups, single ages); one suppressed: unknown."""
        for dimension, columns, group_of in self.wide:
            sums: dict[str, int | None] = {}
            for column in columns:
                value, group = self.number(line, column, row), group_of(column)
                sums[group] = None if value is None or sums.get(group, 0) is None else sums.get(group, 0) + value
            for group, value in sums.items():
                self.put((dimension, group, part), value, line)

    def part(self, line: int, value: str | None) -> str | None:
        """EHC plan ("yes"), SEN support ("no") or all ("all"); None for pupils without SEN or a problem."""
        if labels.is_total(value):
            return ALL
        text = labels.normal(value)
        if text in labels.PROVISION:
            return labels.PROVISION[text]
        if text not in labels.NOT_SEN:
            self.problem(line, f"SEN provision {value!r} is not one reach knows")
        return None


#: EHC plans characteristics topics -> how to read their breakdown
EHC_TOPICS = {
    "ethnicity major": ("ethnicity", labels.ETHNICITY, labels.ETHNICITY_OUTSIDE),
    "primary need": ("primary_need", labels.PRIMARY_NEED, labels.PRIMARY_NEED_OUTSIDE),
    "primary type of need": ("primary_need", labels.PRIMARY_NEED, labels.PRIMARY_NEED_OUTSIDE),
    "sen primary need": ("primary_need", labels.PRIMARY_NEED, labels.PRIMARY_NEED_OUTSIDE),
}


class EhcReader(_Recorder):
    """An "Education, health and care plans" caseload file: plans by characteristic (`breakdown_topic`,
    `breakdown`) or by age group (`age`, `ehcp_or_statement`), counted in `num_caseload`."""

    def __init__(self, file: File, found: Found) -> None:
        super().__init__(file, found, found.ehc)

    def read(self, rows: Rows) -> None:
        for line, row in rows:
            self.found.la_name = self.found.la_name or row.get("la_name", "")
            if "age" in self.file.columns:
                self.age_row(line, row)
            else:
                self.characteristic_row(line, row)

    def age_row(self, line: int, row: dict[str, str]) -> None:
        if not labels.is_total(row.get("ehcp_or_statement")):
            return  # every plan is an EHC plan since 2018: the Total row counts them (statements are z)
        age = row.get("age", "")
        if labels.is_total(age):
            self.put(("ehcp", YES), self.number(line, EHC_COUNT, row), line)
        elif group := labels.age_label_band(labels.normal(age)):
            self.put(("age_band", group), self.number(line, EHC_COUNT, row), line)
        else:
            self.problem(line, f"age {age!r} is not an age band reach knows")

    def characteristic_row(self, line: int, row: dict[str, str]) -> None:
        topic, value = labels.normal(row.get("breakdown_topic")), row.get("breakdown", "")
        if topic == "total" or (labels.is_total(value) and topic in EHC_TOPICS):
            self.put(("ehcp", YES), self.number(line, EHC_COUNT, row), line)
        elif topic in ("gender", "sex"):
            self.found.outside.append(GENDER)
        elif topic in ("age", "age group"):
            if group := labels.age_label_band(labels.normal(value)):
                self.put(("age_band", group), self.number(line, EHC_COUNT, row), line)
        elif topic in EHC_TOPICS:
            dimension, known, outside = EHC_TOPICS[topic]
            if group := self.group(line, row.get("breakdown_topic", ""), value, known, outside):
                self.put((dimension, group), self.number(line, EHC_COUNT, row), line)
