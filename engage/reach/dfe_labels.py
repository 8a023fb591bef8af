"""The Department for Education's published category labels and column names -> reach's dimensions and groups
(engage/reach/data/dimensions.json). Labels are compared in lower case with spaces around "/" removed, since the
publications have written "Asian / Asian British" and "Asian/Asian British" in different years.

A label that names people reach has no group for (Down syndrome, a need not yet assessed, an unclassified
ethnicity, gender) is *outside*: left out of the baseline and named, never counted in another group and never 0.
A label that is neither known nor outside stops the import: the file is not what we think it is.
"""

from __future__ import annotations

import re

#: the values that mean "all" in a filter column
TOTALS = frozenset({"total", "all pupils", "all"})
#: suppressed or missing counts: x, c, z, low, ~ (and u, blank), kept unknown, never 0
SUPPRESSED = frozenset({"x", "c", "z", "low", "~", "u", ":", ""})

#: SEN provision -> the ehcp group (yes: an EHC plan; no: SEN support); "outside" for pupils without SEN
PROVISION = {
    "education, health and care plan": "yes",
    "ehc plan": "yes",
    "ehc plan or statement": "yes",
    "statement or ehc plan": "yes",
    "statement or ehc": "yes",
    "sen support": "no",
    "sen support/sen without an ehc plan": "no",
    "sen without an ehc plan": "no",
    "sen no statement or ehc": "no",
}
NOT_SEN = frozenset({"no sen", "no identified sen", "not sen", "no special educational need"})

PRIMARY_NEED = {
    "specific learning difficulty": "spld",
    "moderate learning difficulty": "mld",
    "severe learning difficulty": "sld",
    "profound & multiple learning difficulty": "pmld",
    "profound and multiple learning difficulty": "pmld",
    "social, emotional and mental health": "semh",
    "speech, language and communications needs": "slcn",
    "speech, language and communication needs": "slcn",
    "speech, language and communication need": "slcn",
    "hearing impairment": "hi",
    "visual impairment": "vi",
    "vision impairment": "vi",
    "multi-sensory impairment": "msi",
    "physical disability": "pd",
    "autistic spectrum disorder": "asd",
    "autism": "asd",
    "other difficulty/disability": "oth",
    "other difficulty or disability": "oth",
}
#: primary needs the DfE counts that reach's primary need groups do not hold
PRIMARY_NEED_OUTSIDE = frozenset(
    {
        "down syndrome",
        "sen support but no specialist assessment of type of need",
        "no specialist assessment of type of need",
        "no specialist assessment",
        "missing",
        "unknown",
        "unclassified",
        "no sen",
    }
)

#: major ethnic groups (school census `ethnicity_major`, EHC plans "Ethnicity major") -> 2021 Census groups.
#: The school census has had "Chinese" as a major group of its own; the 2021 Census counts it in Asian.
ETHNICITY = {
    "asian/asian british": "asian",
    "asian or asian british": "asian",
    "asian": "asian",
    "chinese": "asian",
    "black/african/caribbean/black british": "black",
    "black, black british, caribbean or african": "black",
    "black or black british": "black",
    "black": "black",
    "mixed/multiple ethnic groups": "mixed",
    "mixed or multiple ethnic groups": "mixed",
    "mixed": "mixed",
    "white": "white",
    "other ethnic group": "other",
    "any other ethnic group": "other",
    "other": "other",
}
ETHNICITY_OUTSIDE = frozenset(
    {"unknown", "unclassified", "ethnicity unclassified", "information not yet obtained", "refused", "not known"}
)
#: the older wide layout: one count column per minor ethnic group
ETHNICITY_COLUMNS = {
    "ethnicity_white_british": "white",
    "ethnicity_irish": "white",
    "ethnicity_traveller_of_irish_heritage": "white",
    "ethnicity_any_other_white_background": "white",
    "ethnicity_gypsy_roma": "white",
    "ethnicity_white_and_black_caribbean": "mixed",
    "ethnicity_white_and_black_african": "mixed",
    "ethnicity_white_and_asian": "mixed",
    "ethnicity_any_other_mixed_background": "mixed",
    "ethnicity_indian": "asian",
    "ethnicity_pakistani": "asian",
    "ethnicity_bangladeshi": "asian",
    "ethnicity_any_other_asian_background": "asian",
    "ethnicity_chinese": "asian",
    "ethnicity_black_caribbean": "black",
    "ethnicity_black_african": "black",
    "ethnicity_any_other_black_background": "black",
    "ethnicity_any_other_ethnic_group": "other",
}
ETHNICITY_COLUMNS_OUTSIDE = frozenset({"ethnicity_unclassified"})

#: the school census's wide age columns (age on 31 August before the census) -> reach age bands
_AGE_COLUMN = re.compile(r"age_(\d+)(?:_(?:lower|middle|upper))?")


def age_column_band(column: str) -> str | None:
    """`age_7` -> "5_10"; `age_2_and_under`, `age_3_lower` -> "0_4"; `age_19_and_over` -> "16_19"."""
    if column == "age_2_and_under":
        return "0_4"
    if column == "age_19_and_over":
        return "16_19"
    match = _AGE_COLUMN.fullmatch(column)
    return band(int(match.group(1))) if match else None


def band(age: int) -> str | None:
    for low, high in ((0, 4), (5, 10), (11, 15), (16, 19), (20, 25)):
        if low <= age <= high:
            return f"{low}_{high}"
    return None


_AGE_RANGE = re.compile(r"(?:age )?(\d+) to (\d+)")
_UNDER = re.compile(r"(?:under age|under|age under) (\d+)")


def age_label_band(label: str) -> str | None:
    """EHC plan age groups: "Age 11 to 15" -> "11_15", "Under age 5" -> "0_4"; None for any other range."""
    if match := _AGE_RANGE.fullmatch(label):
        found = f"{match.group(1)}_{match.group(2)}"
        return found if found in {"0_4", "5_10", "11_15", "16_19", "20_25"} else None
    if (match := _UNDER.fullmatch(label)) and match.group(1) == "5":
        return "0_4"
    return None


def normal(label: str | None) -> str:
    """A label as the tables above spell it."""
    return re.sub(r"\s*/\s*", "/", (label or "").strip().lower())


def is_total(label: str | None) -> bool:
    value = normal(label)
    return value in TOTALS or value.startswith("all ")


def is_gender_column(column: str) -> bool:
    return column.startswith(("female_", "male_", "pupil_gender_")) or column in ("sex", "gender")
