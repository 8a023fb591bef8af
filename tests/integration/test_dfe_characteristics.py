"""The SEND population by age, ethnicity, primary need and EHC plan from the DfE's published files ("Special
educational needs in England" and "Education, health and care plans"), written here in their published layouts
for two real authorities (tests/integration/dfe_files.py); every baseline says which file and year it came from."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from engage.extensions import db
from engage.reach.web import baselines
from engage.reach.web.models import PopulationBaseline, PopulationBaselineRow
from tests.integration import dfe_files
from tests.integration.dfe_files import EXPECTED_CENSUS, write, write_published

LA = ["--la", "E08000026"]


def _import(runner, *paths, extra=()):
    return runner.invoke(args=["reach", "baseline", "import-dfe", *paths, *LA, *extra])


def _baselines():
    return db.session.scalar(select(func.count()).select_from(PopulationBaseline))


def test_the_school_census_files_give_age_ethnicity_need_and_plans_with_suppressed_groups_unknown(
    app, runner, tmp_path
):
    result = _import(runner, *write_published(tmp_path, "ethnicity", "age"))
    assert result.exit_code == 0, result.output
    counts = db.session.scalar(select(PopulationBaseline)).counts()
    for dimension, expected in EXPECTED_CENSUS.items():
        assert counts[dimension] == expected, dimension
    assert "black" not in counts["ethnicity"] and "0_4" not in counts["age_band"], "suppressed: unknown, never 0"
    assert "20_25" not in counts["age_band"], "the school census counts no one over 19"
    assert "ethnicity black, age_band 0_4, primary_need hi" in result.output.replace("\n", " ")
    left_out = result.output.split("left out, no reach group:")[1]
    for named in ("ethnicity_major Unclassified", "sen_primary_need Down syndrome", "gender"):
        assert named in left_out


def test_ehc_plans_come_from_the_sen2_files_and_sen_support_from_the_school_census(app, runner, tmp_path):
    paths = write_published(tmp_path, "ethnicity", "age", "characteristics", "ehc_age")
    result = _import(runner, *paths)
    assert result.exit_code == 0, result.output
    baseline = db.session.scalar(select(PopulationBaseline))
    counts = baseline.counts()
    assert counts["ehcp"] == {"yes": 2300, "no": 3640}
    assert counts["age_band"] == {
        "0_4": 90 + 60,
        "5_10": 180 + 700,
        "11_15": 150 + 900,
        "16_19": 120 + 500,
        "20_25": 140,
    }
    assert counts["ethnicity"] == {"asian": 480 + 260, "mixed": 160 + 90, "white": 2900 + 1800, "other": 65 + 40}
    assert counts["primary_need"] == EXPECTED_CENSUS["primary_need"], "the SEN2 files give no need here"
    assert baseline.source == (
        "Department for Education, Special educational needs in England, 2024/25 (January 2025 school census) "
        "and Education, health and care plans, 2025 (January 2025), Coventry"
    )
    assert baseline.dataset == "dfe:E08000026:202425"
    assert "Breakdown_topic" not in result.output and "Ethnicity major Unknown" in result.output


def test_the_older_wide_ethnicity_layout_sums_minor_groups_into_census_groups(app, runner, tmp_path):
    rows = dfe_files.wide_ethnicity_rows() + dfe_files.wide_ethnicity_rows(place=dfe_files.NEIGHBOUR)
    result = _import(runner, write(tmp_path / "fsm.csv", dfe_files.WIDE_HEADER, rows))
    assert result.exit_code == 0, result.output
    counts = db.session.scalar(select(PopulationBaseline)).counts()
    assert counts["ethnicity"] == {"white": 5 * 30, "mixed": 4 * 30, "asian": 5 * 30, "other": 30}
    assert counts["ehcp"] == {"yes": 999, "no": 999}
    assert counts["primary_need"] == {"mld": 999}
    assert "ethnicity black" in result.output and "ethnicity Unclassified" in result.output


def test_an_earlier_year_and_the_neighbour_import_by_name(app, runner, tmp_path):
    paths = write_published(tmp_path, "ethnicity", "characteristics", "ehc_age")
    assert _import(runner, *paths, extra=["--year", "202324"]).exit_code == 0
    assert db.session.scalar(select(PopulationBaseline)).source.startswith(
        "Department for Education, Special educational needs in England, 2023/24"
    )
    neighbour = runner.invoke(args=["reach", "baseline", "import-dfe", *paths, "--la", "E08000025"])
    assert neighbour.exit_code == 0, neighbour.output
    assert "Birmingham" in neighbour.output


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (lambda t: [write(t / "c.csv", dfe_files.CHARACTERISTICS_HEADER, dfe_files.characteristics_rows())],
         "An Education, health and care plans file needs the Special educational needs in England files alongside"),
        (lambda t: [*write_published(t, "ethnicity"), write(t / "c.csv", dfe_files.CHARACTERISTICS_HEADER,
                                                             dfe_files.characteristics_rows(place=dfe_files.NEIGHBOUR))],
         "c.csv: The file has no local authority rows for E08000026, the area's ONS code."),
        (lambda t: [*write_published(t, "ethnicity"), write(t / "c.csv", dfe_files.CHARACTERISTICS_HEADER,
                                                             dfe_files.characteristics_rows(period="2024"))],
         "c.csv: The file has no rows for E08000026 in 2025: it has 2024."),
        (lambda t: [*write_published(t, "ethnicity"), write(t / "c.csv", dfe_files.CHARACTERISTICS_HEADER[:-3],
                                                             [r[:-3] for r in dfe_files.characteristics_rows()])],
         "c.csv is not a DfE tidy CSV this command reads: expected the columns time_period"),
        (lambda t: [*write_published(t, "ethnicity"), write(t / "a.csv", dfe_files.EHC_AGE_HEADER,
                                                             [r[:-2] + ["two hundred", "5"] if r[10] == "Age 5 to 10"
                                                              else r for r in dfe_files.ehc_age_rows()])],
         "a.csv: Line 7: num_caseload 'two hundred' is not a whole number"),
        (lambda t: [write(t / "e.csv", dfe_files.ETHNICITY_HEADER,
                          [r[:-6] + ["Martian", *r[-5:]] if r[-6] == "SEN support" else r
                           for r in dfe_files.ethnicity_rows()])],
         "SEN provision 'Martian' is not one reach knows"),
    ],
    ids=["ehc-alone", "ehc-other-la", "ehc-year-missing", "ehc-missing-columns", "ehc-not-a-number",
         "census-unknown-provision"],
)  # fmt: skip
def test_bad_files_are_refused_by_name_and_nothing_is_imported(app, runner, tmp_path, files, message):
    result = _import(runner, *files(tmp_path))
    assert result.exit_code != 0
    assert message in result.output
    assert _baselines() == 0


def test_a_year_already_imported_is_refused_until_rolled_back(app, runner, tmp_path):
    paths = write_published(tmp_path, "ethnicity", "ehc_age")
    assert _import(runner, *paths).exit_code == 0
    again = _import(runner, paths[0])
    assert again.exit_code != 0 and "202425 for E08000026 is already the baseline 1; roll it back first" in again.output
    assert _baselines() == 1


def test_a_year_imported_before_data_sets_were_recorded_is_known_by_its_source(app, runner, tmp_path):
    path = write_published(tmp_path, "ethnicity")[0]
    assert _import(runner, path).exit_code == 0
    db.session.scalar(select(PopulationBaseline)).dataset = None  # as the migration leaves earlier imports
    db.session.commit()
    again = _import(runner, path)
    assert again.exit_code != 0 and "is already the baseline 1" in again.output


def test_each_dimension_keeps_the_baseline_it_came_from_even_when_a_later_file_has_the_same_numbers(
    app, runner, tmp_path
):
    """The census numbers of two years are the same here: each year's own file is still its origin, and a ward
    file imported after keeps the need and plan numbers' origin at the DfE import."""
    header, rows = dfe_files.ETHNICITY_HEADER, dfe_files.ethnicity_rows("202324") + dfe_files.ethnicity_rows()
    path = write(tmp_path / "e.csv", header, rows)
    assert _import(runner, path, extra=["--year", "202324"]).exit_code == 0
    assert _import(runner, path).exit_code == 0
    wards = runner.invoke(
        args=["reach", "baseline", "import", str(_ward_file(tmp_path)), "--source", "Our school census wards",
              "--as-of", "2025-02-01"]
    )  # fmt: skip
    assert wards.exit_code == 0, wards.output
    current = baselines.current_baseline()
    origins = {dimension: origin.id for dimension, origin in baselines.origins(current).items()}
    assert origins == {"ethnicity": 2, "ehcp": 2, "primary_need": 2, "ward": 3}
    copied = db.session.scalars(select(PopulationBaselineRow.origin_id).where(
        PopulationBaselineRow.baseline_id == 3, PopulationBaselineRow.dimension == "ehcp"))  # fmt: skip
    assert set(copied) == {2}

    report = runner.invoke(args=["reach", "report"])
    assert report.exit_code == 0, report.output
    rows = list(csv.DictReader(io.StringIO(report.output)))
    assert list(rows[0])[-1] == "baseline", "the new column is last"
    by_dimension = {row["dimension"]: row["baseline"] for row in rows if row["population"]}
    assert by_dimension["ehcp"] == (
        "Department for Education, Special educational needs in England, 2024/25 (January 2025 school census), "
        "Coventry (baseline 2, 16 January 2025)"
    )
    assert by_dimension["ward"] == "Our school census wards (baseline 3, 1 February 2025)"


def _ward_file(tmp_path):
    from engage.reach.dimensions import dimensions

    path = tmp_path / "wards.csv"
    wards = dimensions()["ward"].group_ids()
    path.write_text("dimension,group,count\n" + "".join(f"ward,{w},{100 + i}\n" for i, w in enumerate(wards)))
    return path
