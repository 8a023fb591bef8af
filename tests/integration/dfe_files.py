"""Small DfE tidy CSV files in their published layouts (explore-education-statistics), for two real local
authorities that are not the demo area: Coventry (E08000026, the one imported) and Birmingham (E08000025), with
national rows, two years, rows per phase of school, minor ethnic groups and suppressed cells.

The numbers of Coventry's 2024/25 rows are chosen so the test can add them up by hand (see EXPECTED)."""

from __future__ import annotations

import csv

AREA, NEIGHBOUR = ("E08000026", "Coventry"), ("E08000025", "Birmingham")
PLACE = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_name",
         "region_code", "old_la_code", "la_name", "new_la_code"]  # fmt: skip
EHC_PLACE = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
             "region_name", "new_la_code", "old_la_code", "la_name"]  # fmt: skip

# "Ethnicity by type of SEN provision and type of need" (2026 format)
ETHNICITY_HEADER = [*PLACE, "pcon_code", "pcon_name", "phase_type_grouping", "sen_provision", "sen_primary_need",
                    "ethnicity_major", "ethnicity_minor", "pupil_count", "pupil_percent"]  # fmt: skip
MAJORS = {
    "Asian / Asian British": ["Indian", "Pakistani", "Bangladeshi"],
    "Black / African / Caribbean / Black British": ["African", "Caribbean"],
    "Mixed / Multiple ethnic groups": ["White and Asian"],
    "White": ["White British", "Irish"],
    "Any other ethnic group": ["Arab"],
    "Unclassified": ["Unclassified"],
}
#: Coventry 2024/25, per major group: (EHC plan, SEN support); "c" suppressed
ETHNIC_COUNTS = {
    "Asian / Asian British": ("120", "480"),
    "Black / African / Caribbean / Black British": ("60", "c"),
    "Mixed / Multiple ethnic groups": ("40", "160"),
    "White": ("700", "2900"),
    "Any other ethnic group": ("15", "65"),
    "Unclassified": ("5", "35"),
}
NEEDS = [("Autistic spectrum disorder", "400", "300"), ("Social, emotional and mental health", "250", "900"),
         ("Down syndrome", "12", "3"), ("Hearing impairment", "x", "40")]  # fmt: skip

# "FSM, Ethnicity and Language, by type of SEN provision and type of need" (2016 to 2023: wide, one count column
# per minor ethnic group; SEN provision in `pupil_sen_status`)
WIDE_ETHNIC = ["ethnicity_white_british", "ethnicity_irish", "ethnicity_traveller_of_irish_heritage",
               "ethnicity_any_other_white_background", "ethnicity_gypsy_roma", "ethnicity_white_and_black_caribbean",
               "ethnicity_white_and_black_african", "ethnicity_white_and_asian",
               "ethnicity_any_other_mixed_background", "ethnicity_indian", "ethnicity_pakistani",
               "ethnicity_bangladeshi", "ethnicity_any_other_asian_background", "ethnicity_black_caribbean",
               "ethnicity_black_african", "ethnicity_any_other_black_background", "ethnicity_chinese",
               "ethnicity_any_other_ethnic_group", "ethnicity_unclassified"]  # fmt: skip
WIDE_HEADER = [*PLACE, "phase_type_grouping", "pupil_sen_status", "primary_need", "number_of_pupils",
               "fsm_not_eligible", "fsm_eligible", *WIDE_ETHNIC, "language_english", "language_other",
               "language_unclassified", *(f"{c}_percent" for c in WIDE_ETHNIC)]  # fmt: skip

# "Age and sex, by type of SEN provision and type of need" (wide: one count column per age)
AGES = ["age_2_and_under", "age_3", "age_4", *(f"age_{n}" for n in range(5, 19)), "age_19_and_over"]
AGE_HEADER = [*PLACE, "phase_type_grouping", "sen_status", "sen_primary_need", "number_of_pupils", *AGES,
              *(f"female_{a}" for a in AGES), *(f"{a}_percent" for a in AGES)]  # fmt: skip

# "Education, health and care plans": caseload characteristics, and caseload age groups
CHARACTERISTICS_HEADER = [*EHC_PLACE, "breakdown_topic", "breakdown", "num_caseload", "pc_caseload"]
EHC_AGE_HEADER = [*EHC_PLACE, "age", "ehcp_or_statement", "num_caseload", "pc_caseload"]
EHC_AGES = {"Under age 5": "60", "Age 5 to 10": "700", "Age 11 to 15": "900", "Age 16 to 19": "500",
            "Age 20 to 25": "140"}  # fmt: skip
EHC_ETHNIC = {"Asian/Asian British": "260", "Black/African/Caribbean/Black British": "x",
              "Mixed/Multiple ethnic groups": "90", "White": "1800", "Other ethnic group": "40",
              "Unknown": "110"}  # fmt: skip

EXPECTED_CENSUS = {
    # EHC plan + SEN support from the ethnicity file (the first file given for these dimensions)
    "ethnicity": {"asian": 600, "mixed": 200, "white": 3600, "other": 80},
    "ehcp": {"yes": 940, "no": 3640},
    # the age file: EHC plan rows hold 10 at every age, SEN support rows 30 (and age 3 is suppressed for EHC plans)
    "age_band": {"5_10": 6 * 40, "11_15": 5 * 40, "16_19": 4 * 40},
    "primary_need": {"asd": 700, "semh": 1150},
}


def _place(period, level, place, region=("West Midlands", "E12000005")):
    code, name = place or ("", "")
    local = level == "Local authority"
    return [period, "Academic year", level, "E92000001", "England", *(region if local else ("", "")),
            "331" if local else "", name if local else "", code if local else ""]  # fmt: skip


def ethnicity_rows(period="202425", place=AREA, level="Local authority", scale=1):
    rows = []

    def add(phase, provision, need, major, minor, count):
        value = count if not count.isdigit() else str(int(count) * scale)
        rows.append([*_place(period, level, place), "", "", phase, provision, need, major, minor, value, "1.5"])

    plans, support = "Education, health and care plan", "SEN support"
    for phase in ("Total", "State-funded primary"):
        add(phase, "Total", "Total", "Total", "Total", "4580")
        add(phase, plans, "Total", "Total", "Total", "940")
        add(phase, support, "Total", "Total", "Total", "3640")
        add(phase, "No SEN", "Total", "Total", "Total", "30000")
        for need, with_plan, on_support in NEEDS:
            add(phase, "Total", need, "Total", "Total", str(int(with_plan) + int(on_support)) if
                with_plan.isdigit() else "x")  # fmt: skip
            add(phase, plans, need, "Total", "Total", with_plan)
            add(phase, support, need, "Total", "Total", on_support)
        for major, minors in MAJORS.items():
            with_plan, on_support = ETHNIC_COUNTS[major]
            for provision, count in ((plans, with_plan), (support, on_support)):
                add(phase, provision, "Total", major, f"All {major}", count)
                for minor in minors:
                    add(phase, provision, "Total", major, minor, "1")
                add(phase, provision, "Autistic spectrum disorder", major, f"All {major}", "3")
    return rows


def wide_ethnicity_rows(period="202223", place=AREA, level="Local authority"):
    """Every minor group counts 10 with an EHC plan and 20 on SEN support, except Black African with an EHC
    plan ("c"): Black stays unknown, White is 5 groups x 30, Asian 5 (Chinese included) x 30."""
    rows = []
    for phase in ("Total", "State-funded special"):
        for status in ("Total", "Statement or EHC plan", "SEN No Statement or EHC", "No SEN"):
            for need in ("Total", "Moderate Learning Difficulty"):
                each = {"Statement or EHC plan": "10", "SEN No Statement or EHC": "20"}.get(status, "999")
                counts = [each] * len(WIDE_ETHNIC)
                if status.startswith("Statement"):
                    counts[WIDE_ETHNIC.index("ethnicity_black_african")] = "c"
                rows.append([*_place(period, level, place), phase, status, need, "999", "1", "2", *counts, "3", "4",
                             "5", *(["1.0"] * len(WIDE_ETHNIC))])  # fmt: skip
    return rows


def age_rows(period="202425", place=AREA, level="Local authority"):
    rows = []
    for phase in ("Total", "State-funded secondary"):
        for status, each in (
            ("Education, health and care plan", "10"),
            ("SEN support / SEN without an EHC plan", "30"),
        ):
            for need in ("Total", "Autistic spectrum disorder"):
                ages = [each] * len(AGES)
                if status.startswith("Education") and need == "Total":
                    ages[1] = "c"  # age 3 suppressed: the 0 to 4 band stays unknown
                rows.append(
                    [*_place(period, level, place), phase, status, need, "999", *ages, *ages, *(["5"] * len(AGES))]
                )
    return rows


def characteristics_rows(period="2025", place=AREA, level="Local authority"):
    rows = []
    place_cells = _ehc_place(period, level, place)
    for breakdown, count in EHC_ETHNIC.items():
        rows.append([*place_cells, "Ethnicity major", breakdown, count, "10.0"])
    rows += [[*place_cells, "Gender", "Female", "800", "30"], [*place_cells, "Gender", "Male", "1500", "70"]]
    return rows


def ehc_age_rows(period="2025", place=AREA, level="Local authority"):
    rows = []
    place_cells = _ehc_place(period, level, place)
    for age, count in [*EHC_AGES.items(), ("Total", "2300")]:
        rows.append([*place_cells, age, "EHCP", count, "20"])
        rows.append([*place_cells, age, "Statement", "z", "z"])
        rows.append([*place_cells, age, "Total", count, "20"])
    return rows


def _ehc_place(period, level, place):
    code, name = place
    local = level == "Local authority"
    region = ("E12000005", "West Midlands") if local else ("", "")
    authority = (code, "331", name) if local else ("", "", "")
    return [period, "Calendar year", level, "E92000001", "England", *region, *authority]


def published(kind, period_census="202425", period_ehc="2025"):
    """Every row of one kind of file: national, both authorities, two years."""
    make, header, earlier = {
        "ethnicity": (ethnicity_rows, ETHNICITY_HEADER, "202324"),
        "age": (age_rows, AGE_HEADER, "202324"),
        "characteristics": (characteristics_rows, CHARACTERISTICS_HEADER, "2024"),
        "ehc_age": (ehc_age_rows, EHC_AGE_HEADER, "2024"),
    }[kind]
    period = period_census if kind in ("ethnicity", "age") else period_ehc
    rows = [*make(period, AREA, "National"), *make(earlier, AREA), *make(period, AREA), *make(period, NEIGHBOUR)]
    return header, rows


def write(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def write_published(tmp_path, *kinds):
    return [write(tmp_path / f"{kind}.csv", *published(kind)) for kind in kinds]
