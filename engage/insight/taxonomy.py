"""The SEND theme taxonomy: shipped defaults plus moderators' changes, as plain data.

A theme is ``{"id", "name", "description", "seed_phrases", "model_labels", "retired",
"merged_into"}``. Moderators add, rename, merge (``merged_into``) and retire (``retired``)
themes; the feedback feature stores those and passes them here as dicts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from engage.insight.errors import InputError

TAXONOMY_FILE = Path(__file__).parent / "data" / "send_themes.json"


@dataclass(frozen=True)
class Theme:
    """One theme moderators code comments with."""

    id: str
    name: str
    description: str = ""
    seed_phrases: tuple[str, ...] = ()
    model_labels: tuple[str, ...] = ()  #: model labels (e.g. FFT framework columns) that suggest it
    retired: bool = False
    merged_into: str | None = None


@dataclass(frozen=True)
class Taxonomy:
    """All themes by id, with merges resolved and seed phrases compiled."""

    themes: dict[str, Theme]
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def active(self) -> list[Theme]:
        """Themes a comment can be given today (not retired, not merged)."""
        return [t for t in self.themes.values() if not t.retired and not t.merged_into]

    def resolve(self, theme_id: str) -> str | None:
        """Follow merges to the theme that now stands for ``theme_id``; None if retired or unknown."""
        seen = set()
        while (theme := self.themes.get(theme_id)) and theme.merged_into and theme_id not in seen:
            seen.add(theme_id)
            theme_id = theme.merged_into
        return theme_id if theme and not theme.retired and not theme.merged_into else None

    def name(self, theme_id: str) -> str:
        """The display name of a theme id (the id itself when unknown)."""
        return self.themes[theme_id].name if theme_id in self.themes else theme_id

    def seed_matches(self, text: str) -> dict[str, str]:
        """Active theme ids whose seed phrases occur in ``text``, with the first phrase found."""
        found = {}
        for theme in self.active:
            if (pattern := self._patterns.get(theme.id)) and (m := pattern.search(text)):
                found[theme.id] = m.group(0)
        return found

    def for_model_label(self, label: str) -> str | None:
        """The active theme a model label stands for (its own id, or listed in model_labels)."""
        if label in self.themes:
            return self.resolve(label)
        for theme in self.themes.values():
            if label in theme.model_labels:
                return self.resolve(theme.id)
        return None


def _phrase_regex(phrases: Iterable[str]) -> re.Pattern[str] | None:
    parts = []
    for phrase in phrases:
        body = re.escape(phrase.strip().lower().rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(body + (r"\w*" if phrase.strip().endswith("*") else r"\b"))
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE) if parts else None


def build_taxonomy(themes: Iterable[Mapping]) -> Taxonomy:
    """Build a taxonomy from plain theme dicts, checking ids, names and merge targets."""
    built: dict[str, Theme] = {}
    for raw in themes:
        theme = _theme(raw)
        if theme.id in built:
            raise InputError(f"Theme id {theme.id!r} is used twice.")
        built[theme.id] = theme
    for theme in built.values():
        if theme.merged_into and theme.merged_into not in built:
            raise InputError(f"Theme {theme.id!r} is merged into {theme.merged_into!r}, which does not exist.")
    patterns = {t.id: p for t in built.values() if (p := _phrase_regex(t.seed_phrases))}
    return Taxonomy(built, patterns)


def _theme(raw: Mapping) -> Theme:
    theme_id, name = str(raw.get("id", "")).strip(), str(raw.get("name", "")).strip()
    if not theme_id or not name:
        raise InputError(f"Every theme needs an id and a name: {dict(raw)!r}.")
    if ";" in name:
        raise InputError(f"Theme name {name!r} may not contain ';' (used to separate themes in CSV files).")
    return Theme(theme_id, name, str(raw.get("description", "")), tuple(raw.get("seed_phrases", ())),
                 tuple(raw.get("model_labels", ())), bool(raw.get("retired", False)), raw.get("merged_into") or None)  # fmt: skip


def shipped_themes() -> list[dict]:
    """The default SEND themes as plain dicts (a starting point moderators can change)."""
    return json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))["themes"]


def with_changes(changes: Iterable[Mapping]) -> Taxonomy:
    """The shipped taxonomy with moderators' themes laid over it (same id replaces, new id adds)."""
    merged = {t["id"]: dict(t) for t in shipped_themes()}
    for change in changes:
        merged[str(change["id"])] = {**merged.get(str(change["id"]), {}), **dict(change)}
    return build_taxonomy(merged.values())


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The shipped SEND taxonomy (cached)."""
    return build_taxonomy(shipped_themes())
