"""Names, not codes, for what the moderation pages show: a comment's language by its name in the reader's language."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

#: The redaction engine's kinds of personal detail (engage.insight.redaction.PLACEHOLDERS), as a moderator
#: hears them from a screen reader beside the highlighted words.
DETAIL_LABELS = {
    "email": _l("email address"),
    "phone": _l("phone number"),
    "postcode": _l("postcode"),
    "nhs-number": _l("NHS number"),
    "date-of-birth": _l("date of birth"),
    "name": _l("name"),
    "address": _l("address"),
}


def language_name(code: str | None) -> str:
    """'Polish' for "pl" (in the reader's language); never the bare code."""
    if not code:
        return _("Not known")
    try:
        name = Locale.parse(code).get_display_name(get_locale() or "en")
    except (UnknownLocaleError, ValueError, TypeError):
        name = None
    return name[:1].upper() + name[1:] if name else _("Another language")


def detail_label(kind: str) -> str:
    """'date of birth' for "date-of-birth"; a kind added later reads as words until it has its own label."""
    return str(DETAIL_LABELS.get(kind, kind.replace("-", " ")))


def explain(lines: list[str] | None) -> list[str]:
    """The engine's evidence without its internals: a library's raw score ("TextBlob polarity +0.10") says
    nothing to a moderator, so it is left out; the evidence phrases stay."""
    return [line for line in lines or [] if not str(line).startswith("TextBlob polarity")]
