"""Find personal details in free text and replace them with placeholders.

Only the detail goes; the rest of the sentence stays, so "Mrs Smith never rang back"
becomes "Mrs [name] never rang back" and leaders still learn what happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from engage.insight.addresses import addresses
from engage.insight.language import _english_words

PLACEHOLDERS = {
    "email": "[email]",
    "phone": "[phone]",
    "postcode": "[postcode]",
    "nhs-number": "[NHS number]",
    "date-of-birth": "[date of birth]",
    "name": "[name]",
    "address": "[address]",
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
    r"|twins?|kids?|children|sons|daughters|boys|girls|grandchildren|carer|teacher|senco|sendco|social worker"
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
_AND_LOWER = re.compile(r"\s+(?:and|&)\s+([a-z][a-z'-]+)\b")
# The same cues in text written without capitals ("my son jack", "spoke to sarah", "his teacher mrs brown").
_CUE_LOWER = re.compile(
    r"\b(?:(called|named|name\s+is)|(i\s+am|i'm|im)|(spoke|speak|speaking|talked|talking|spoken)\s+(?:to|with))"
    r"\s+([a-z][a-z'-]+)",
    re.IGNORECASE,
)
_TITLE_LOWER = re.compile(r"\b((?i:mr|mrs|ms|mx|miss|dr|doctor))\.?\s+([a-z]+(?:['’-][a-z]+)*)")
#: Titles that are also ordinary words or abbreviations ("miss school", "the dr appointment", "ms fatigue"):
#: a lower-case word after them is a name only when it is not an English word.
_WEAK_TITLES = frozenset(("ms", "mx", "miss", "dr", "doctor"))
_NOT_NAMES_TEXT = (
    "i he she it we they you who which that this the a an and but or so has had have is was are were "
    "does did do can could will would should may might must not no never always also just only still "
    "at in on to for with from by of if when where because as about after before while today yesterday "
    "too very really all both each every one two three mr mrs ms miss mx dr doctor prof professor "
    "nurse sister cllr councillor"
)
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())


def _split(words: str) -> list[str]:
    return words.split()


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
    found += [Span("address", start, end) for start, end in addresses(text)]
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
    spans.extend(_lower_case_cues(text))
    spans.extend(_bare_names(text))
    return spans


# Many parents write without capitals ("my son jack", "spoke to sarah", "his teacher mrs brown"). After a
# cue, a lower-case word is a name when it is a listed name that is not an English word; when it is a
# listed name that is also a word (jack, grace, hope, will), only if the next word shows it is the subject
# ("my son will is autistic", not "my son will start"); when it is in no list (hodan, rutendo) only if it
# is not an English word or SEND shorthand and the next word shows a subject too.

#: Lower-case words after "my son" that are not names: SEND and health shorthand, family words, words
#: written without their apostrophe and common misspellings (none are ordinary words to the lexicon).
_NOT_NAME_WORDS = frozenset(
    _split(
        """
        adhd add asd asc pda odd ocd spd dcd sen send senco sendco ehcp ehcps ehc camhs cahms salt slt ot ots pt pe
        ta tas lsa lsas pru ap iep ieps ld sld mld pmld gdd cp semh slcn vi hi msi nhs gp gps sendiass iass ipsea
        sendist la lea dla pip esa uc ofsted mencap makaton pecs teacch autism autistic aspergers asperger tourette
        tourettes duchenne rett angelman downs dyspraxia dyslexia dyscalculia dyspraxic dyslexic epilepsy epileptic
        hypermobility eds pots fasd fas spina bifida hydrocephalus microcephaly nonverbal neurodivergent
        neurodiverse nd appt appts asap
        nana nanna nan nanny grandad grandpa grandma granny gran mum mummy mam mammy dad daddy papa mama aunty
        auntie bro sis hun babe inlaw inlaws stepdad stepmum stepmom grandparents godmother godfather
        dont doesnt didnt isnt wasnt cant couldnt wouldnt shouldnt wont hasnt havent hadnt arent werent im ive id
        hes shes theyre theyve youre youve weve thats whats theres itll
        alot becuase becasue thier recieve recieved untill wich dosent doesent definately seperate tommorow freind
        skool coz cos cuz bc tbh lol omg pls plz thx ty ur yr wk wks hrs mins etc
        """
    )
)
#: "down syndrome", "williams syndrome", "perthes disease": the word names a condition, not a person.
_CONDITION_AFTER = re.compile(r"\s+(?:syndrome|syndromes|disease|dystrophy|palsy)\b", re.IGNORECASE)
#: Words only a subject can stand before ("grace is 9", "ruby and amber are"): never after "will" or "may".
_SUBJECT_SIGNS = frozenset(_split("is was has had and who are were"))
_DETERMINERS = frozenset(_split("the a an my our your his her their this that"))
_NEXT_WORD = re.compile(r"\s*,?\s*([A-Za-z]+)")


def _lower_case_cues(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _CUE_LOWER.finditer(text):
        word = m.group(4)
        if not word[0].islower():
            continue  # "spoke to Sarah": the capitalised patterns decide
        word, end = _without_possessive(word, m.start(4))
        # "spoke to" is rarely followed by a listed name that is not a person; "i am" by many a misspelt word.
        if _lower_case_name(text, word, end, listed_suffices=bool(m.group(3)), listed_only=bool(m.group(2))):
            spans.extend(_and_lower(text, Span("name", m.start(4), end)))
    for m in _TITLE_LOWER.finditer(text):
        title = m.group(1).lower()
        word, end = _without_possessive(m.group(2), m.start(2))
        before = re.findall(r"[a-z']+", text[max(0, m.start() - 20) : m.start()].lower())
        after_determiner = bool(before) and before[-1] in _DETERMINERS
        if _title_name(text, title, word, end, after_determiner=after_determiner):
            spans.append(Span("name", m.start(2), end))
    return spans


def _without_possessive(word: str, start: int) -> tuple[str, int]:
    """("sarah's", 10) -> ("sarah", 15); a word written with another apostrophe stays whole."""
    stem = re.sub(r"['’]s$", "", word)
    return stem.lower(), start + len(stem)


def _title_name(text: str, title: str, word: str, end: int, *, after_determiner: bool) -> bool:
    """Whether the lower-case word after "mrs", "dr" or "miss" is a surname ("mrs brown", not "dr said")."""
    names, _ = first_names()
    if word in _NOT_NAMES or word in _NOT_NAME_WORDS or word in _MONTHS_DAYS or "'" in word or "’" in word:
        return False
    if _CONDITION_AFTER.match(text, end):
        return False
    if not _ordinary(word):
        return not after_determiner or word in names  # "the dr appt" is not Dr Appt
    if title in _WEAK_TITLES or after_determiner:
        return False
    tags = _lexicon().get(word, ("NN",))
    return tags[0] in ("NN", "NNS", "NNP", "JJ", "FW")  # "mrs brown", "mr green"; not "mr said"


def _lower_case_name(
    text: str, word: str, end: int, *, listed_suffices: bool = False, listed_only: bool = False
) -> bool:
    """Whether a lower-case ``word`` after a cue, ending at ``end``, is a person's name."""
    names, ambiguous = first_names()
    if (word in _NOT_NAMES and word != "will") or word in _NOT_NAME_WORDS or word in _MONTHS_DAYS:
        return False
    if len(word) < 2 or "'" in word or "’" in word or _CONDITION_AFTER.match(text, end):
        return False
    if word in names:
        return word not in ambiguous or listed_suffices or _subject_follows(text, end)
    return not listed_only and len(word) > 2 and not _ordinary(word) and _subject_follows(text, end)


def _and_lower(text: str, span: Span) -> list[Span]:
    """The name and, in "my twins ruby and amber are...", the lower-case name joined to it."""
    more = _AND_LOWER.match(text, span.end)
    if more:
        word, end = _without_possessive(more.group(1), more.start(1))
        if _lower_case_name(text, word, end):
            return [span, Span("name", more.start(1), end)]
    return [span]


def _subject_follows(text: str, end: int) -> bool:
    """The next word is one only a subject stands before: "is", "has", "and", or a verb in -s or -ed."""
    m = _NEXT_WORD.match(text, end)
    if not m:
        return False
    word = m.group(1).lower()
    if word in _SUBJECT_SIGNS:
        return True
    lexicon = _lexicon()
    tags = lexicon.get(word, ())
    if tags and tags[0] in ("VBZ", "VBD"):
        return True
    # "lives", "struggles", "cries": the lexicon tags them as plural nouns; their stem is a verb.
    stems = (word[:-1], word[:-2], word[:-3] + "y") if word.endswith("s") else ()
    return any(lexicon.get(stem, ("",))[0] in ("VB", "VBP") for stem in stems)


def _ordinary(word: str) -> bool:
    """An English word in TextBlob's lexicon (British spellings too), SEND shorthand or a family word: not a name.

    TextBlob's spelling list is not used: it holds many names in lower case (james, hughes).
    """
    lexicon = _lexicon()
    if word in lexicon or word in _NOT_NAME_WORDS:
        return True
    american = _BRITISH.sub(lambda m: _AMERICAN[m.group()], word)
    return american != word and american in lexicon


_AMERICAN = {"our": "or", "ise": "ize", "isa": "iza", "tre": "ter", "ae": "e", "oe": "e", "ll": "l", "ogue": "og"}
_BRITISH = re.compile("|".join(sorted(_AMERICAN, key=len, reverse=True)))


# Names without a cue ("Jack was seen by Sarah", "thank you to Priya and Tom"), from a bundled list
# (engage/insight/data/first_names.txt, built once from Faker; see FIRST_NAMES_ATTRIBUTION.md).
# A listed name that is also an ordinary English word (Will, May, Hope, Grace, Bill, Jack: the word
# appears in lower case in TextBlob's Brill lexicon) needs a sign that a person is meant.


FIRST_NAMES_FILE = Path(__file__).parent / "data" / "first_names.txt"
#: Names of England's communities that Faker lacks (Somali, Shona, Bangladeshi, Traveller...), written by the team.
EXTRA_NAMES_FILE = Path(__file__).parent / "data" / "extra_first_names.txt"
_WORD_RE = re.compile(r"[A-Z][a-z]+(?:['’-][A-Z][a-z]+)?")
_MONTHS_DAYS = frozenset(
    _split(
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday christmas easter"
    )
)
#: Virtues and moods: as a sentence's first word they are far more often the word than the name.
_ABSTRACT = frozenset(_split("hope faith joy grace patience charity honour honor mercy glory destiny chance trust"))
_PLACE_BEFORE = frozenset(_split("at in from near into towards outside via inside"))
_MOVE_TO = frozenset(
    _split(
        "taken take go went going gone referred transferred moved driven sent back get got travel travelled "
        "come came admitted way drove brought"
    )
)
_SPEAK_TO = frozenset(
    _split(
        "thank thanks you spoke speak speaking talked talk talking said say explained wrote write introduced "
        "listened listen grateful compliments credit out passed pass"
    )
)
_PLACE_WORDS = frozenset(
    _split(
        "royal queen king st saint prince princess lady mount south north east west new great upper lower little old"
    )
)
_INSTITUTIONS = frozenset(
    _split(
        "hospital hospitals school academy college centre center house court ward unit surgery clinic practice "
        "primary infants infant juniors junior nursery university road street lane avenue close drive way park "
        "trust foundation infirmary hall village estate station library church children's"
    )
)
_PERSON_AFTER = re.compile(
    r"\s+(?:was|is|has|had|said|says|told|tells|rang|rung|phoned|called|came|comes|helped|helps|explained"
    r"|listened|listens|went|goes|gets|got|loves|loved|needs|needed|started|attends|can't|cannot|couldn't"
    r"|did|does|didn't|doesn't|wasn't|isn't|made|took|knew|understood|really|always|never)\b"
)
#: After a virtue at a sentence's start ("Grace was brilliant", not "Hope is all we have").
_DID_AFTER = re.compile(r"\s+(?:was|has|had|said|told|rang|phoned|called|came|helped|explained|listened)\b")
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:to|with|and|by|thank|thanks|tell|told|ask|asked|thanked|from|&)\s*,?)\s*$", re.IGNORECASE
)


@lru_cache(maxsize=1)
def first_names() -> tuple[frozenset[str], frozenset[str]]:
    """(names, ambiguous): the bundled first names, and those that are also ordinary English words."""
    names = frozenset(
        line.strip()
        for path in (FIRST_NAMES_FILE, EXTRA_NAMES_FILE)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
    return names, frozenset(names & _lower_case_words() | _MONTHS_DAYS)


@lru_cache(maxsize=1)
def _lower_case_words() -> frozenset[str]:
    """Words TextBlob's Brill lexicon (Brown corpus, Penn Treebank) has seen in lower case: ordinary words."""
    return frozenset(_lexicon())


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, ...]]:
    """The lower-case words of TextBlob's Brill lexicon and their part-of-speech tags, most frequent first."""
    import textblob

    lexicon = Path(textblob.__file__).parent / "en" / "en-lexicon.txt"
    lines = lexicon.read_text(encoding="utf-8").splitlines()
    return {parts[0]: tuple(parts[1:]) for parts in (line.split() for line in lines if line[:1].islower())}


def _bare_names(text: str) -> list[Span]:
    names, ambiguous = first_names()
    spans: list[Span] = []
    for m in _WORD_RE.finditer(text):
        word = m.group().lower().replace("’", "'")
        if word not in names and re.split("[-']", word)[0] in names and "-" in word:
            word = word.split("-")[0]  # Kerry-Ann, Mary-Jane: the first part is the listed name
        before = text[max(0, m.start() - 40) : m.start()]
        start_of_sentence = not before.strip() or before.rstrip()[-1] in '.!?\n"(:;-'
        if word not in names and (start_of_sentence or not _unlisted_person(text, word, m.end(), before)):
            continue
        if (word in _NOT_NAMES and word != "will") or word in _MONTHS_DAYS or word in _NOT_NAME_WORDS:
            continue
        prev = re.findall(r"[A-Za-z']+", before)
        if _placey(prev, text, m.end()):
            continue
        if word in ambiguous:
            after = _PERSON_AFTER.match(text, m.end())
            if start_of_sentence and (not after or (word in _ABSTRACT and not _DID_AFTER.match(text, m.end()))):
                continue
            if not start_of_sentence and not (after or _PERSON_BEFORE.search(before)):
                continue
        spans.append(Span("name", m.start(), _with_surname(text, m.end(), names)))
    if not _CAPITALS.search(text):
        spans.extend(_caseless_names(text))
    return spans


def _unlisted_person(text: str, word: str, end: int, before: str) -> bool:
    """A capitalised word in no list, mid-sentence, is a name when it is no English word, a person's verb
    follows and "to", "with", "and" or "thanks" comes before ("and Vimbainashe said she would ring").

    Without the word before, misspelt drugs and illnesses and job titles were taken in the FFT comments
    ("If Entinox had been available", "the persons Selsis has turned", "a First Responder was called").
    """
    return (
        bool(_PERSON_BEFORE.search(before))
        and len(word) > 2
        and "'" not in word
        and not _ordinary(word)
        and not _CONDITION_AFTER.match(text, end)
        and bool(_DID_AFTER.match(text, end))
    )


# Text with no capital at all ("tendai waited 18 months", "thanks to mahad") carries no sign in its
# letters' case, so a listed name that is no English word is taken in lower case too.
_CAPITALS = re.compile(r"[A-Z][a-z]|\bI\b")
_LOWER_WORD = re.compile(r"\b[a-z]+(?:-[a-z]+)?\b")
#: Words that cannot stand inside a place's name: "kyle after school" is a boy, "james cook hospital" is not.
_FUNCTION_TAGS = frozenset(("IN", "DT", "CC", "TO", "PRP", "PRP$", "RB", "MD", "WDT", "WP", "EX"))


def _caseless_names(text: str) -> list[Span]:
    names, _ = first_names()
    spans: list[Span] = []
    for m in _LOWER_WORD.finditer(text):
        word = m.group()
        if word not in names and word.split("-")[0] in names:
            word = word.split("-")[0]
        if word not in names or word in _NOT_NAMES or word in _MONTHS_DAYS or _ordinary(word):
            continue
        prev = re.findall(r"[a-z']+", text[max(0, m.start() - 40) : m.start()])
        last = prev[-1] if prev else ""
        if last in _PLACE_BEFORE or (last == "to" and len(prev) > 1 and prev[-2] in _MOVE_TO):
            continue
        if _CONDITION_AFTER.match(text, m.end()) or _institution_follows(text, m.end()):
            continue
        spans.append(Span("name", m.start(), m.end()))
    return spans


def _institution_follows(text: str, end: int) -> bool:
    """ "cook hospital", "primary school": up to two words then an institution, with no "after" or "the"."""
    words = re.findall(r"[a-z']+", text[end : end + 60].lower())[:3]
    for i, word in enumerate(words):
        if word in _INSTITUTIONS:
            return i == 0 or all(_lexicon().get(w, ("NN",))[0] not in _FUNCTION_TAGS for w in words[:i])
        if word in _NOT_NAMES:
            return False
    return False


def _placey(prev: list[str], text: str, end: int) -> bool:
    """True where the word names a place or an institution (at James Cook, Royal Victoria Infirmary)."""
    last = prev[-1].lower() if prev else ""
    if last in _PLACE_BEFORE or (last in _PLACE_WORDS and prev[-1][:1].isupper()):
        return True
    if last == "to" and len(prev) > 1 and prev[-2].lower() in _MOVE_TO:
        return True
    # "to James Cook" (a hospital), unless someone is thanked or spoken to: "thank you to Fatima Begum".
    surname = re.match(r"\s+[A-Z][a-z]+\b", text[end:])
    if last == "to" and surname and not (len(prev) > 1 and prev[-2].lower() in _SPEAK_TO):
        return True
    # A name inside a list of places: "Darlington, James Cook, Sedgefield".
    if (
        re.search(r"\b[A-Z][a-z]+,\s*$", text[: end - len(text[:end].split()[-1])])
        and prev[-1].lower() not in (first_names()[0])
    ):
        return True
    following = re.match(r"(?:\s+[A-Z][a-z']+){1,3}", text[end:])
    return bool(following and any(w.lower() in _INSTITUTIONS for w in following.group().split()))


def _with_surname(text: str, end: int, names: frozenset[str]) -> int:
    """Extend over a capitalised surname ("Sarah Jones"), not over an ordinary capitalised word."""
    m = re.match(rf"\s({_NAME})\b", text[end:])
    if m and m.group(1).lower() not in _NOT_NAMES and m.group(1).lower() not in _MONTHS_DAYS:
        word = m.group(1).lower()
        if word in names or word not in _lower_case_words():
            return end + m.end(1)
    return end


def _name_span(text: str, match: re.Match, *, strict: bool) -> list[Span]:
    words = match.group(1).split()
    first = words[0].lower()
    if words[0][:1].islower():
        word, end = _without_possessive(words[0], match.start(1))
        if not _lower_case_name(text, word, end):
            return []
        return _and_lower(text, Span("name", match.start(1), end))
    if first in _NOT_NAMES or (strict and (first in _english_words() or first not in first_names()[0])):
        return []  # a lower-case word after "my son" is a name only when it is a listed name
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
