"""The reach dimensions and their standard groups, read once from data/dimensions.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

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


@cache
def dimensions() -> dict[str, Dimension]:
    """Every dimension by id, in the order of the data file."""
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
def _option_index() -> dict[tuple[str, str], str]:
    index = {}
    for dimension in dimensions().values():
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
