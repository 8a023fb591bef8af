"""The reach baseline from the DfE "Special educational needs in England" tidy CSV, written here in its published
layout (national, regional and two local authorities' rows, two years, suppressed cells)."""

from __future__ import annotations

import csv

import pytest

from engage.extensions import db
from engage.reach.dfe import DfeFileError, read_dfe
from engage.reach.web.models import PopulationBaseline

HEADER = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
          "region_name", "old_la_code", "new_la_code", "la_name", "phase_type_grouping", "sen_provision",
          "primary_need", "number_of_pupils"]  # fmt: skip
NEEDS = [("Autistic Spectrum Disorder", "310"), ("Speech, language and Communications needs", "295"),
         ("Social, Emotional and Mental Health", "280"), ("Hearing impairment", "c"),
         ("Multi-Sensory Impairment", "x"), ("Physical Disability", "41")]  # fmt: skip


def _rows(period, level, code, name, scale=1):
    place = [
        "E92000001",
        "England",
        "E12000005" if level != "National" else "",
        "West Midlands" if level != "National" else "",
    ]
    old = "999" if code else ""
    base = [period, "Academic year", level, *place, old, code, name, "Total"]
    rows = [[*base, "Total", "Total", str(1600 * scale)]]
    rows += [[*base, "EHC plan", "Total", str(420 * scale)], [*base, "SEN support", "Total", str(1180 * scale)]]
    rows += [[*base, "Total", need, count if not count.isdigit() else str(int(count) * scale)] for need, count in NEEDS]
    rows += [[*base, "EHC plan", "Autistic Spectrum Disorder", "150"]]  # a cross-tabulation: not a baseline row
    return rows


def write_dfe(path, rows=None):
    rows = rows or [
        *_rows("202425", "National", "", "", 500),
        *_rows("202324", "Local authority", "E06999999", "Example Borough"),
        *_rows("202425", "Local authority", "E06999999", "Example Borough"),
        *_rows("202425", "Local authority", "E08000026", "Coventry", 2),
    ]
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_the_areas_rows_become_a_baseline_with_suppressed_cells_unknown(app, runner, tmp_path):
    result = runner.invoke(args=["reach", "baseline", "import-dfe", str(write_dfe(tmp_path / "sen.csv"))])
    assert result.exit_code == 0, result.output
    assert "suppressed, kept as unknown: primary_need hi, primary_need msi;" in result.output
    baseline = db.session.scalar(db.select(PopulationBaseline))
    assert baseline.source.startswith("Department for Education, Special educational needs in England, 2024/25")
    assert baseline.as_of.isoformat() == "2025-01-16"
    counts = baseline.counts()
    assert counts["ehcp"] == {"yes": 420, "no": 1180}
    assert counts["primary_need"]["asd"] == 310 and "hi" not in counts["primary_need"], "unknown, never 0"

    again = runner.invoke(args=["reach", "baseline", "import-dfe", str(tmp_path / "sen.csv")])
    assert again.exit_code != 0 and "202425 for E06999999 is already the baseline" in again.output
    earlier = runner.invoke(args=["reach", "baseline", "import-dfe", str(tmp_path / "sen.csv"), "--year", "202324"])
    assert earlier.exit_code == 0, earlier.output


def test_a_file_without_the_area_is_refused_by_name(app, runner, tmp_path):
    path = write_dfe(tmp_path / "sen.csv", _rows("202425", "Local authority", "E08000026", "Coventry"))
    result = runner.invoke(args=["reach", "baseline", "import-dfe", str(path)])
    assert result.exit_code != 0
    assert "The file has no local authority rows for E06999999, the area's ONS code." in result.output
    assert db.session.scalar(db.select(PopulationBaseline)) is None


def test_wrong_columns_and_non_numeric_counts_are_named(tmp_path):
    with pytest.raises(DfeFileError, match="expected the columns time_period, geographic_level"):
        read_dfe("dimension,group,count\nward,abbey,5\n", "E06999999")
    rows = _rows("202425", "Local authority", "E06999999", "Example Borough")
    rows[1][-1] = "four hundred"
    text = write_dfe(tmp_path / "bad.csv", rows).read_text()
    with pytest.raises(DfeFileError, match="Line 3: number_of_pupils 'four hundred' is not a whole number"):
        read_dfe(text, "E06999999")
