"""Offline language detection tuned for short feedback comments.

Lingua (low-accuracy mode, a restricted set of languages) does the statistical work;
an English word list from TextBlob's bundled spelling corpus keeps short English
comments ("Fine.", "None", "Excellent service") from being misread as Italian or French,
which matters because only English comments get a sentiment.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

#: ISO 639-1 codes of the languages we tell apart: English plus the community
#: languages most spoken by families in England, and a few neighbours to keep them honest.
SUPPORTED_LANGUAGES = (
    "en",
    "pl",
    "ro",
    "lt",
    "lv",
    "ur",
    "bn",
    "ar",
    "pa",
    "so",
    "es",
    "fr",
    "pt",
    "it",
    "de",
    "tr",
    "fa",
    "hi",
    "gu",
    "zh",
    "ru",
    "uk",
    "bg",
    "ta",
    "vi",
    "sw",
    "yo",
    "tl",
)

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_MIN_ENGLISH_COUNT = 5
_ENDINGS = ("s", "es", "ed", "d", "ing", "ly")  # corpus frequency below which a "word" is too rare to count


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    import textblob

    path = Path(textblob.__file__).parent / "en" / "en-spelling.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith(";") and int(parts[1]) >= _MIN_ENGLISH_COUNT:
            words.add(parts[0].lower())
    words.update({"ok", "okay", "n/a", "na", "gp", "nhs", "a&e", "sendco", "senco", "ehcp"})
    return frozenset(words)


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in SUPPORTED_LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def english_ratio(text: str) -> tuple[float, int]:
    """Share of the words in ``text`` that are common English words, and the word count."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return 0.0, 0
    known = _english_words()
    hits = sum(1 for w in words if _known(w, known))
    return hits / len(words), len(words)


def _known(word: str, known: frozenset[str]) -> bool:
    if word in known or word.split("'")[0] in known:
        return True
    return any(word.endswith(end) and word[: -len(end)] in known for end in _ENDINGS)


def _is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if c < "\u0250") >= 0.8 * len(letters)


def detect_language(text: str | None) -> str | None:
    """Return the ISO 639-1 code of ``text``'s language, or None when it has no words."""
    if not isinstance(text, str) or not any(c.isalpha() for c in text):
        return None
    ratio, count = english_ratio(text)
    latin = _is_latin(text)
    if latin and ratio >= 0.85:
        return "en"
    best, confidence = _best_guess(text)
    if latin and ratio >= 0.6 and confidence < 0.9:
        return "en"
    if best is not None and best != "en" and confidence >= 0.6:
        return best
    if latin and (ratio >= 0.5 or count <= 2):
        return "en"
    return best or ("en" if latin else None)


def _best_guess(text: str) -> tuple[str | None, float]:
    values = _detector().compute_language_confidence_values(text)
    if not values or values[0].value <= 0:
        return None, 0.0
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), top.value
