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
    _scanner: SeedScanner | None = field(default=None, repr=False, compare=False)

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
        return self._scanner.scan(text) if self._scanner else {}

    def for_model_label(self, label: str) -> str | None:
        """The active theme a model label stands for (its own id, or listed in model_labels)."""
        if label in self.themes:
            return self.resolve(label)
        for theme in self.themes.values():
            if label in theme.model_labels:
                return self.resolve(theme.id)
        return None


_WORDS = re.compile(r"[a-z0-9]+(?:[:'&/-][a-z0-9]+)*")


class SeedScanner:
    """Finds seed phrases word by word ("wait*" matches waited, waiting): one pass, dictionary look-ups."""

    def __init__(self, themes: Iterable[Theme]):
        self.exact: dict[str, list[tuple[str, list[str]]]] = {}
        self.prefix: dict[str, list[tuple[str, str, list[str]]]] = {}
        for theme in themes:
            for phrase in (p.strip().lower() for p in theme.seed_phrases if p and p.strip()):
                first, *rest = _WORDS.findall(phrase.rstrip("*")) or [""]
                if not first:
                    continue
                if not rest and phrase.endswith("*"):
                    self.prefix.setdefault(first[:3], []).append((theme.id, first, []))
                else:
                    tail = rest[:-1] + [rest[-1] + ("*" if phrase.endswith("*") else "")] if rest else []
                    self.exact.setdefault(first, []).append((theme.id, tail))

    def scan(self, text: str) -> dict[str, str]:
        words = _WORDS.findall(text.lower())
        found: dict[str, str] = {}
        for i, word in enumerate(words):
            for theme_id, tail in self.exact.get(word, ()):
                if theme_id not in found and _tail_matches(words, i + 1, tail):
                    found[theme_id] = " ".join(words[i : i + 1 + len(tail)])
            for theme_id, stem, _ in self.prefix.get(word[:3], ()):
                if theme_id not in found and word.startswith(stem):
                    found[theme_id] = word
        return found


def _tail_matches(words: list[str], start: int, tail: list[str]) -> bool:
    if start + len(tail) > len(words):
        return False
    for word, want in zip(words[start:], tail, strict=False):
        if not (word.startswith(want[:-1]) if want.endswith("*") else word == want):
            return False
    return True


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
    return Taxonomy(built, SeedScanner(t for t in built.values() if not t.retired and not t.merged_into))


def _theme(raw: Mapping) -> Theme:
    theme_id, name = str(raw.get("id", "")).strip(), str(raw.get("name", "")).strip()
    if not theme_id or not name:
        raise InputError(f"Every theme needs an id and a name: {dict(raw)!r}.")
    if ";" in name:
        raise InputError(f"Theme name {name!r} may not contain ';' (used to separate themes in CSV files).")
    return Theme(
        theme_id,
        name,
        str(raw.get("description", "")),
        tuple(raw.get("seed_phrases", ())),
        tuple(raw.get("model_labels", ())),
        bool(raw.get("retired", False)),
        raw.get("merged_into") or None,
    )


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
