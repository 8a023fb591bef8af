"""Street addresses in free text: "12 Acacia Avenue", "Flat 3, 27 Mill Lane", "14b church road".

An address is a house number, one to three words of street name, and a street suffix that British addresses
use (Road, Lane, Close, Mews...). Numbers in ordinary sentences stay: the street name may not hold a word that
counts or places things ("waited 12 weeks", "2 hours on the road", "3 miles down the lane"), and a number that
belongs to a year group, an age or a page ("Year 6 Park trip") is not a house number. A street without a house
number ("the school on Mill Lane") identifies nobody and stays.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Suffixes that are street names written in any case ("14b church road").
_PLAIN_SUFFIXES = _words(
    "road rd street avenue ave lane crescent gardens gdns terrace grove mews square boulevard embankment esplanade "
    "cottages villas"
)
#: Suffixes that are also everyday words ("my 2 boys walk", "the 3 kids drive"): street names only capitalised.
_WORD_SUFFIXES = _words(
    "st close drive way court place walk rise row hill park view parade vale chase croft gate green mount meadow "
    "meadows heights wharf approach fold glade quay"
)
_SUFFIXES = "|".join(sorted(_PLAIN_SUFFIXES | _WORD_SUFFIXES, key=len, reverse=True))
_HOUSE = r"\d{1,4}[a-z]?(?:\s*[-–]\s*\d{1,4}[a-z]?)?"
_WORD = r"[A-Za-z][a-z'’]*(?:-[A-Za-z][a-z'’]*)?"
_ADDRESS = re.compile(
    rf"(?<![\w/.,£$%-])(?P<flat>(?:flat|apartment|apt|unit)\.?\s+\d{{1,4}}[a-z]?,?\s+)?"
    rf"(?P<house>{_HOUSE}),?\s+(?P<street>{_WORD}(?:\s+{_WORD}){{0,2}}?)\s+(?P<suffix>(?:{_SUFFIXES}))\b(?!-)",
    re.IGNORECASE,
)
#: Words that make "<number> ... <suffix>" an ordinary phrase: measures, counts and the little words of a
#: sentence ("on the road", "down the lane", "all the way").
_NOT_STREET = _words(
    """
    a an the and or but of on in at to up down by for from with into onto off out over along across past near
    round around through my our your his her their its this that these those no not all any some every each other
    more less than then there here half few many much very just only about
    second seconds sec secs minute minutes min mins hour hours hr hrs day days week weeks wk wks month months
    year years yr yrs time times mile miles metre metres meter meters km yard yards foot feet step steps
    people children kids parents families pupils students schools classes lessons sessions appointments visits
    calls emails letters buses trains cars taxis stops houses homes floors flights stairs
    more extra whole entire long short
    """
)
#: A number after these is not a house number ("Year 6 Park trip", "aged 12 Green club", "page 4 Close").
_NOT_HOUSE_BEFORE = re.compile(
    r"\b(?:year|yr|y|age|aged|ages|grade|class|ks|key\s+stage|stage|level|room|page|step|chapter|number|no|band"
    r"|tier|form|group|set|top|bottom|over|under|about|around|nearly|almost|only|just|least|most|for|after"
    r"|within|every|per)\.?\s*$",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")


def addresses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each street address in ``text``."""
    if not _DIGIT.search(text):
        return []  # no house number: most comments, skipped cheaply
    found = []
    for match in _ADDRESS.finditer(text):
        if _is_address(text, match):
            found.append((match.start(), match.end()))
    return found


_SAINT = re.compile(r"\.?\s+[A-Z]")  # "12 Church St" ends a street; "St Mary's" begins one


def _is_address(text: str, match: re.Match) -> bool:
    street, suffix = match.group("street").split(), match.group("suffix")
    if any(word.lower().strip("'’") in _NOT_STREET for word in street):
        return False
    if suffix.lower() in _WORD_SUFFIXES and not suffix[0].isupper():
        return False
    if suffix.lower() == "st" and _SAINT.match(text, match.end()):
        return False
    if match.group("flat"):
        return True  # "Flat 3, 27 ..." says it is an address
    before = text[max(0, match.start() - 20) : match.start()]
    return not _NOT_HOUSE_BEFORE.search(before)
