"""Free text typed by the public, made safe to keep and to show.

Control characters (NUL, BEL, escape, ...) have no place in an answer: some databases refuse NUL outright and
terminals act on the others, so they are dropped as the form reads them, keeping tabs and line breaks.
Text-direction overrides and isolates (U+202A-U+202E, U+2066-U+2069) can make words read in a different order
from the one stored ("invoice<U+202E>fdp.exe" shows as "invoiceexe.pdf"); they are kept, but staff pages show
each one as a visible marker, so it can no longer reorder what a moderator reads. Marks that only hint at
direction (U+200E, U+200F, U+061C), which right-to-left writing legitimately uses, are left alone.
"""

from __future__ import annotations

import re

from flask import Flask
from markupsafe import Markup

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_control_characters(value):
    """A WTForms filter: the text without control characters other than tab, line feed and carriage return."""
    return _CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else value


def _marker(match: re.Match) -> str:
    return f"[U+{ord(match.group()):04X}]"


def neutralise_direction_controls(value):
    """The template filter `neutral_bidi`: each direction override or isolate shown as "[U+202E]"."""
    if value is None:
        return value
    if isinstance(value, Markup):  # already escaped: the markers hold nothing to escape
        return Markup(_DIRECTION_CONTROLS.sub(_marker, value))  # noqa: S704
    return _DIRECTION_CONTROLS.sub(_marker, str(value))


def init_app(app: Flask) -> None:
    app.add_template_filter(neutralise_direction_controls, "neutral_bidi")
