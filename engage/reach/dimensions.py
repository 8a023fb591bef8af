"""The reach dimensions and their groups: national ones from data/dimensions.json, local ones (wards, home
languages) from the area file (engage/area.py).

A local group that the area has retired stays a group here, so earlier answers and baselines still count in it;
only the survey questions stop offering it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from engage import area as areas

DATA_FILE = Path(__file__).with_name("data") / "dimensions.json"


@dataclass(frozen=True)
class Group:
    id: str
    label: str
    #: more detailed survey option ids counted in this group
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    groups: tuple[Group, ...]

    def group_ids(self) -> tuple[str, ...]:
        return tuple(group.id for group in self.groups)


def dimensions() -> dict[str, Dimension]:
    """Every dimension by id: ward, ethnic group, main language, then the rest of the data file."""
    return _dimensions_for(areas.current())


@cache
def _national() -> dict[str, Dimension]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {
        item["id"]: Dimension(
            item["id"],
            item["label"],
            tuple(Group(g["id"], g["label"], tuple(g.get("from", ()))) for g in item["groups"]),
        )
        for item in data["dimensions"]
    }


@cache
def _dimensions_for(area: areas.Area) -> dict[str, Dimension]:
    national = _national()
    ward = Dimension("ward", "Ward", tuple(Group(w.id, w.label) for w in area.wards))
    own = [g for g in area.home_languages if not g.counted_in_other]
    other = tuple(g.id for g in area.home_languages if g.counted_in_other)
    language = Dimension(
        "language",
        "Main language",
        (*(Group(g.id, g.label) for g in own), Group(areas.OTHER_LANGUAGE, "Other", other)),
    )
    rest = {key: value for key, value in national.items() if key != "ethnicity"}
    return {"ward": ward, "ethnicity": national["ethnicity"], "language": language, **rest}


def _option_index() -> dict[tuple[str, str], str]:
    return _option_index_for(areas.current())


@cache
def _option_index_for(area: areas.Area) -> dict[tuple[str, str], str]:
    index = {}
    for dimension in _dimensions_for(area).values():
        for group in dimension.groups:
            for option in (group.id, *group.sources):
                index[dimension.id, option] = group.id
    return index


def normalise_group(dimension: str, option: str | None) -> str | None:
    """The standard group for a survey answer (an option id or a group id), or None for "not stated"."""
    if not option:
        return None
    return _option_index().get((dimension, str(option).strip().lower()))


def match_group(dimension: str, text: str) -> str | None:
    """A group id from a baseline file cell: the id, a survey option id or the label (any case)."""
    found = normalise_group(dimension, text)
    if found or dimension not in dimensions():
        return found
    wanted = text.strip().casefold()
    for group in dimensions()[dimension].groups:
        if group.label.casefold() == wanted:
            return group.id
    return None


def match_dimension(text: str) -> str | None:
    wanted = text.strip().casefold().replace(" ", "_")
    for dimension in dimensions().values():
        if wanted in (dimension.id, dimension.label.casefold().replace(" ", "_")):
            return dimension.id
    return None
