"""Find personal details in free text and replace them with placeholders.

Only the detail goes; the rest of the sentence stays, so "Mrs Smith never rang back"
becomes "Mrs [name] never rang back" and leaders still learn what happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engage.insight.language import _english_words

PLACEHOLDERS = {
    "email": "[email]",
    "phone": "[phone]",
    "postcode": "[postcode]",
    "nhs-number": "[NHS number]",
    "date-of-birth": "[date of birth]",
    "name": "[name]",
}


@dataclass(frozen=True)
class Span:
    """One personal detail: its kind and where it sits in the original text."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Redaction:
    """The redacted text and the spans of the original that were replaced."""

    text: str
    spans: tuple[Span, ...]


_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)"
    r"\d{2,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?![\w])"
)
_NHS = re.compile(r"(?<![\w+])[1-9]\d{2}[\s-]?\d{3}[\s-]?\d{4}(?!\w)")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{4}}"
    rf"|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_DOB = re.compile(
    rf"\b(?:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth|birthday(?:\s+is)?)\s*(?:is|was|:)?\s*({_DATE})",
    re.IGNORECASE,
)
_NAME = r"[A-Z](?:[a-z]+(?:['’-][A-Za-z][a-z]+)*|['’][A-Z][a-z]+)"
_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof|Professor|Nurse|Sister|Cllr|Councillor)\.?"
    rf"\s+((?:{_NAME}|[A-Z]\.)(?:\s+{_NAME})?)"
)
_RELATIVES = (
    r"son|daughter|child|boy|girl|baby|grandson|granddaughter|grandchild|brother|sister"
    r"|husband|wife|partner|mum|mom|mother|dad|father|nephew|niece|stepson|stepdaughter"
    r"|twins?|kids?|children|sons|daughters|carer|teacher|senco|sendco|social worker"
    r"|caseworker|case worker|key worker|paediatrician|therapist|consultant|friend"
)
_RELATION = re.compile(
    r"\b(?:my|our|his|her|their|the)\s+"
    r"(?:(?:eldest|youngest|little|older|younger|autistic|disabled|\d+[- ]?(?:year|yr)[- ]?old)\s+)?"
    rf"(?:{_RELATIVES})\s*,?\s+(?:(?:is\s+)?(?:called|named)\s+|is\s+)?({_NAME}(?:\s+{_NAME})?)",
    re.IGNORECASE,
)
_CALLED = re.compile(rf"\b(?:called|named|name\s+is|I\s+am|I'm|spoke\s+to|speak\s+to)\s+({_NAME}(?:\s+{_NAME})?)")
_AND_NAME = re.compile(rf"\s+(?:and|&)\s+({_NAME})\b")
_NOT_NAMES_TEXT = (
    "i he she it we they you who which that this the a an and but or so has had have is was are were "
    "does did do can could will would should may might must not no never always also just only still "
    "at in on to for with from by of if when where because as about after before while today yesterday "
    "too very really all both each every one two three mr mrs ms miss mx dr doctor prof professor "
    "nurse sister cllr councillor"
)
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())


def redact(text: str | None) -> Redaction:
    """Replace every personal detail in ``text`` with a placeholder such as ``[name]``."""
    if not isinstance(text, str) or not text:
        return Redaction("", ())
    spans = _resolve_overlaps(_find_all(text))
    return Redaction(_apply(text, spans), tuple(spans))


def _find_all(text: str) -> list[Span]:
    found = [Span("email", m.start(), m.end()) for m in _EMAIL.finditer(text)]
    found += [Span("date-of-birth", m.start(1), m.end(1)) for m in _DOB.finditer(text)]
    found += [Span("phone", m.start(), m.end()) for m in _PHONE.finditer(text) if _phone_digits(m.group())]
    found += [Span("nhs-number", m.start(), m.end()) for m in _NHS.finditer(text)]
    found += [Span("postcode", m.start(), m.end()) for m in _POSTCODE.finditer(text) if _postcode_ok(m.group())]
    found += _names(text)
    return found


def _phone_digits(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")
    return len(digits) in (10, 11)


def _postcode_ok(candidate: str) -> bool:
    # Lower-case look-alikes ("a1 2bc") are rare; all-letter-case mixes like "Mp3 4ever" are not postcodes.
    return candidate.isupper() or candidate.islower()


def _names(text: str) -> list[Span]:
    spans = []
    for m in _TITLE.finditer(text):
        spans.append(Span("name", m.start(1), m.end(1)))
    for m in _RELATION.finditer(text):
        spans.extend(_name_span(text, m, strict=not m.group(1)[:1].isupper()))
    for m in _CALLED.finditer(text):
        spans.extend(_name_span(text, m, strict=m.group(0)[:1].lower() not in "cn"))
    return spans


def _name_span(text: str, match: re.Match, *, strict: bool) -> list[Span]:
    words = match.group(1).split()
    first = words[0].lower()
    if first in _NOT_NAMES or (strict and first in _english_words()):
        return []
    surname = len(words) > 1 and words[1][:1].isupper() and words[1].lower() not in _NOT_NAMES
    end = match.end(1) if surname else match.start(1) + len(words[0])
    spans = [Span("name", match.start(1), end)]
    if more := _AND_NAME.match(text, end):
        spans.append(Span("name", more.start(1), more.end(1)))
    return spans


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def _apply(text: str, spans: list[Span]) -> str:
    out, last = [], 0
    for span in spans:
        out.append(text[last : span.start])
        out.append(PLACEHOLDERS[span.kind])
        last = span.end
    out.append(text[last:])
    return "".join(out)
