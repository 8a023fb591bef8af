"""Translated names for the reach dimensions and groups (the data file holds the English source text; the
strings are repeated here so that Babel extracts them)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engage.reach.baseline import Problem
from engage.reach.dimensions import dimensions
from engage.reach.sources import DIRECT


def format_day(iso_day: str) -> str:
    from flask_babel import format_date

    return format_date(date.fromisoformat(iso_day), "d MMMM yyyy")


DIMENSIONS = {
    "ward": _l("Ward"),
    "ethnicity": _l("Ethnic group"),
    "language": _l("Main language"),
    "age_band": _l("Age band"),
    "primary_need": _l("Primary need"),
    "ehcp": _l("EHC plan"),
}
GROUPS = {
    ("ethnicity", "asian"): _l("Asian or Asian British"),
    ("ethnicity", "black"): _l("Black, Black British, Caribbean or African"),
    ("ethnicity", "mixed"): _l("Mixed or multiple ethnic groups"),
    ("ethnicity", "white"): _l("White"),
    ("ethnicity", "other"): _l("Other ethnic group"),
    ("language", "english"): _l("English"),
    ("language", "polish"): _l("Polish"),
    ("language", "romanian"): _l("Romanian"),
    ("language", "lithuanian"): _l("Lithuanian"),
    ("language", "urdu"): _l("Urdu"),
    ("language", "bengali"): _l("Bengali"),
    ("language", "other"): _l("Other language"),
    ("age_band", "0_4"): _l("0 to 4"),
    ("age_band", "5_10"): _l("5 to 10"),
    ("age_band", "11_15"): _l("11 to 15"),
    ("age_band", "16_19"): _l("16 to 19"),
    ("age_band", "20_25"): _l("20 to 25"),
    ("primary_need", "spld"): _l("Specific learning difficulty (SpLD)"),
    ("primary_need", "mld"): _l("Moderate learning difficulty (MLD)"),
    ("primary_need", "sld"): _l("Severe learning difficulty (SLD)"),
    ("primary_need", "pmld"): _l("Profound and multiple learning difficulty (PMLD)"),
    ("primary_need", "semh"): _l("Social, emotional and mental health (SEMH)"),
    ("primary_need", "slcn"): _l("Speech, language and communication needs (SLCN)"),
    ("primary_need", "hi"): _l("Hearing impairment (HI)"),
    ("primary_need", "vi"): _l("Vision impairment (VI)"),
    ("primary_need", "msi"): _l("Multi-sensory impairment (MSI)"),
    ("primary_need", "pd"): _l("Physical disability (PD)"),
    ("primary_need", "asd"): _l("Autism (ASD)"),
    ("primary_need", "oth"): _l("Other difficulty or disability (OTH)"),
    ("ehcp", "yes"): _l("Has an EHC plan"),
    ("ehcp", "no"): _l("No EHC plan"),
    ("any", "not_stated"): _l("Not stated"),
}


def dimension_label(dimension: str) -> str:
    return str(DIMENSIONS.get(dimension, dimension))


def group_label(dimension: str, group: str) -> str:
    """Ward names are place names and stay as they are; every other group is translated."""
    label = GROUPS.get((dimension, group)) or GROUPS.get(("any", group))
    if label is not None:
        return str(label)
    if dimension not in dimensions():
        return group
    return next((g.label for g in dimensions()[dimension].groups if g.id == group), group)


def channel_label(channel: str) -> str:
    """Outreach channels are the ?src= slugs staff chose, shown as words ("school-newsletter" -> "School
    newsletter"); people who came without one came "directly"."""
    if channel == DIRECT:
        return str(_l("Direct (no outreach link)"))
    return channel.replace("-", " ").replace("_", " ").capitalize()


def problem_message(problem: Problem) -> str:
    """A baseline file problem in the reader's language."""
    messages = {
        "not_text": _("The file is not UTF-8 text: save it as CSV (UTF-8)"),
        "empty": _("The file has no rows"),
        "missing_column": _("The column '%(column)s' is missing from the first row", column=problem.column),
        "unknown_dimension": _("'%(value)s' is not a known dimension", value=problem.value),
        "unknown_group": _(
            "'%(value)s' is not a known group of %(dimension)s",
            value=problem.value,
            dimension=dimension_label(problem.dimension),
        ),
        "missing_count": _("The count is missing"),
        "not_integer": _("'%(value)s' is not a whole number", value=problem.value),
        "negative": _("The count %(value)s is negative", value=problem.value),
        "too_large": _("The count %(value)s is too large", value=problem.value),
        "duplicate": _(
            "%(dimension)s '%(value)s' appears twice (first on row %(first)s)",
            dimension=dimension_label(problem.dimension),
            value=problem.value,
            first=problem.first_row,
        ),
        "no_population": _("Every count for %(dimension)s is 0", dimension=dimension_label(problem.dimension)),
        "cell_count": _(
            "The row has %(cells)s cells but the first row has %(expected)s: a number with a thousands comma must "
            'be in quotes ("1,830") or written without it (1830)',
            cells=problem.value,
            expected=problem.expected,
        ),
        "bad_thousands": _("'%(value)s' is not a whole number: write it as 1830 or \"1,830\"", value=problem.value),
        "future_date": _(
            "The date %(day)s is in the future: give the date the numbers describe",
            day=format_day(problem.value) if problem.code == "future_date" else "",
        ),
    }
    message = messages[problem.code]
    if problem.row and not problem.column:
        return _("Row %(row)s: %(message)s", row=problem.row, message=message)
    if problem.row:
        return _("Row %(row)s, column %(column)s: %(message)s", row=problem.row, column=problem.column, message=message)
    return message
