"""Theme names in the reader's language.

The shipped SEND themes (engage/insight/data/send_themes.json) are extracted into the gettext catalogs by
`extract_themes` (babel.cfg), each name as ``pgettext(theme id, English name)``, and translated when shown with
`theme_label`. Moderators may add themes or rename shipped ones: those names are theirs, shown as they typed them
(no catalog can know them). Feedback registers where the current names come from
(`engage.reach.sources.register_theme_names`), so reports and digests import nothing from feedback.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import IO, Any

from engage.insight.taxonomy import TAXONOMY_FILE

#: The comment translators see beside each theme name in the catalog.
TRANSLATOR_NOTE = "Theme of feedback comments (id {id}): a short heading in reports and digests."


def extract_themes(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extractor: ``(lineno, "pgettext", (theme id, name), comments)`` for every theme of a taxonomy file."""
    text = fileobj.read().decode("utf-8")
    data = json.loads(text)
    lines = text.splitlines()
    for theme in data.get("themes", []):
        line = next((n for n, s in enumerate(lines, 1) if f'"id": "{theme["id"]}"' in s), 1)
        yield line, "pgettext", (theme["id"], theme["name"]), [TRANSLATOR_NOTE.format(id=theme["id"])]


@cache
def shipped_names() -> dict[str, str]:
    """Theme id -> English name as shipped (read from the taxonomy data, never changed here)."""
    data = json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))
    return {theme["id"]: theme["name"] for theme in data.get("themes", [])}


def theme_label(theme_id: str, current_names: dict[str, str] | None = None) -> str:
    """The name of a theme for the reader: the shipped name translated (msgctxt = theme id), unless moderators
    renamed the theme or added it, in which case their name; the id itself for a theme nobody named."""
    from flask_babel import pgettext

    current = (current_names if current_names is not None else _current_names()).get(theme_id)
    shipped = shipped_names().get(theme_id)
    if shipped is not None and (current is None or current == shipped):
        return pgettext(theme_id, shipped)
    return current or theme_id


def _current_names() -> dict[str, str]:
    """The names the registered sources give, read once per application context (a page or a digest run)."""
    from flask import g

    from engage.reach import sources

    if "engage_theme_names" not in g:
        g.engage_theme_names = sources.theme_names()
    return g.engage_theme_names
