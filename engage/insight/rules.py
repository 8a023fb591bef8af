"""The project's own sentiment layer: what TextBlob misses in public-service feedback.

Each rule is a named pattern; its hits become model features *and* the explanation a
moderator reads ("negation: 'not helpful'"), so a score is never a black box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textblob.en import sentiment as _pattern_sentiment

_NEGATOR = r"(?:not|never|no|n't|nt|hardly|barely|without|nobody|no\s+one|none|nothing)"
_POSITIVE = (
    r"(?:help(?:ful|ed|s)?|good|great|kind|supportive|support(?:ed)?|useful|clear|happy|"
    r"listen(?:ed|ing|s)?|caring|care|friendly|polite|professional|easy|quick|prompt|"
    r"informed|responsive|understanding|interested|bothered|respectful|sure|satisfied|"
    r"acceptable|good\s+enough|bad)"
)

RULES: dict[str, re.Pattern[str]] = {
    "negation": re.compile(rf"\b{_NEGATOR}\s+(?:\w+\s+){{0,2}}?(?:very\s+|at\s+all\s+|really\s+)?{_POSITIVE}\b"),
    "waiting": re.compile(
        r"\b(?:(?:wait(?:ed|ing)?|took|taken|takes|delay(?:ed)?)\s+(?:for\s+)?(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?"
        r"(?:\d+|a|an|two|three|four|five|six|many|several|so\s+many)?\s*(?:hours?|hrs?|days|weeks|months|years|ages|forever|so\s+long|too\s+long)"
        r"|still\s+waiting|long\s+wait\w*|wait\w*\s+(?:\w+\s+){0,3}?(?:too\s+long|so\s+long|ages)|(?:waiting|wait)\s+(?:list|times?)|delay(?:s|ed)?|overdue|late\b|backlog)",
    ),
    "chasing": re.compile(
        r"\b(?:chas(?:e|ed|es|ing)|kept\s+(?:calling|ringing|phoning|emailing|asking)"
        r"|(?:never|not|didn'?t|did\s+not|don'?t|doesn'?t|won'?t|haven'?t|hasn'?t)\s+(?:\w+\s+)?(?:call|ring|phone|get|got|come|came|write|email|respond|reply|answer)(?:ed)?\s*(?:me\s+|us\s+)?back"
        r"|no\s+(?:reply|response|answer|call\s+back|one\s+(?:got|came)\s+back)|heard\s+nothing|no\s+one\s+(?:answers|picks\s+up)"
        r"|(?:couldn'?t|could\s+not|can'?t|cannot|unable\s+to)\s+get\s+through|on\s+hold)",
    ),
    "not-listened": re.compile(
        r"\b(?:(?:no\s+one|nobody|no-one)\s+(?:\w+\s+)?(?:listens?|listened|cares?|cared|understands?|bothered|helps?|helped)"
        r"|(?:not|never|didn'?t|don'?t|doesn'?t|won'?t)\s+(?:\w+\s+)?(?:listen(?:ed|ing)?|heard|taken\s+seriously|believed)"
        r"|ignor(?:ed|ing|es)|fob(?:bed)?\s+off|brushed\s+(?:us\s+|me\s+)?off|dismiss(?:ed|ive)|not\s+taken\s+seriously)",
    ),
    "struggle": re.compile(
        r"\b(?:fight(?:ing)?|battle\w*|struggl\w*|let\s+down|fail(?:ed|ing|s)?|frustrat\w*|stress\w*|anxi\w*|upset\w*"
        r"|appalling|awful|terrible|disgusting|disgraceful|shocking|useless|rude|unhelpful|unacceptable|worst|poor|lack\s+of|nightmare"
        r"|no\s+(?:support|help)|complain\w*|disappoint\w*|lied|uncaring|incompeten\w*)",
    ),
    "praise": re.compile(
        r"\b(?:thank\w*|grateful|gratitude|brilliant|amazing|fantastic|excellent|superb|outstanding|wonderful|lovely"
        r"|first\s+class|couldn'?t\s+(?:fault|ask\s+for\s+more)|can'?t\s+fault|no\s+complaints|spot\s+on|5\s+stars?|10/10"
        r"|above\s+and\s+beyond|reassur\w*|compassion\w*|kind(?:ness)?|caring|friendly|efficient|polite|supportive)",
    ),
    "contrast": re.compile(
        r"(?:\b(?:but|however|although|though|except|apart\s+from|other\s+than|only\s+(?:thing|problem|issue|criticism|complaint)"
        r"|unfortunately|shame|pity|whereas|yet)\b)",
    ),
    "improvement": re.compile(
        r"\b(?:(?:could|should|would)\s+(?:be|have\s+been)\s+(?:better|quicker|faster|improved|more)|more\s+(?:staff|information|communication|support)"
        r"|need(?:s|ed)?\s+(?:to|more)|improve\w*|quicker|faster|sooner)\b",
    ),
}
FEATURE_NAMES = (
    "polarity",
    "subjectivity",
    "abs_polarity",
    *RULES,
    "contrast_pos_neg",
    "contrast_neg_pos",
    "first_polarity",
    "last_polarity",
    "log_words",
)
_NEGATIVE_RULES = ("negation", "waiting", "chasing", "not-listened", "struggle")
_CLAUSE_SPLIT = re.compile(r"\b(?:but|however|although|though|except|unfortunately)\b|[.;!?]+")


@dataclass(frozen=True)
class RuleHits:
    """What the domain layer found in one text: feature values and readable evidence."""

    features: tuple[float, ...]
    evidence: tuple[str, ...]
    polarity: float


def polarity(text: str) -> tuple[float, float]:
    """TextBlob's PatternAnalyzer polarity and subjectivity (no corpus download needed)."""
    p, s = _pattern_sentiment(text)
    return float(p), float(s)


def rule_hits(text: str) -> RuleHits:
    """Run every rule over ``text`` and return features plus evidence strings."""
    pol, subj = polarity(text)
    lower = text.lower()  # patterns are lower-case: case-insensitive matching is several times slower
    counts, evidence = [], []
    for name, pattern in RULES.items():
        found = pattern.findall(lower)
        counts.append(min(len(found), 3))
        if found:
            evidence.append(f"{name}: '{found[0].strip()}'")
    has_contrast = counts[list(RULES).index("contrast")] > 0
    clauses = [c for c in _CLAUSE_SPLIT.split(lower) if c and c.strip()] if has_contrast else [text]
    first, last = (polarity(clauses[0])[0], polarity(clauses[-1])[0]) if len(clauses) > 1 else (pol, pol)
    pos_neg = float(has_contrast and first > 0.1 and (last < 0.1 or _negative_rule(clauses[-1])))
    neg_pos = float(has_contrast and (first <= 0.0 or _negative_rule(clauses[0])) and last > 0.1)
    words = max(1, len(text.split()))
    values = (pol, subj, abs(pol), *counts, pos_neg, neg_pos, first, last, _log(words))
    return RuleHits(tuple(float(v) for v in values), tuple(evidence), pol)


def _negative_rule(clause: str) -> bool:
    return any(RULES[name].search(clause.lower()) for name in _NEGATIVE_RULES)


def _log(n: int) -> float:
    import math

    return math.log1p(n)


def rules_only_sentiment(hits: RuleHits) -> float:
    """A score in [-1, 1] from TextBlob plus the rules alone, used when no model is available."""
    f = dict(zip(FEATURE_NAMES, hits.features, strict=True))
    score = f["polarity"] + 0.3 * f["praise"] - 0.35 * (f["negation"] + f["waiting"] + f["chasing"])
    score -= 0.35 * (f["not-listened"] + f["struggle"])
    return max(-1.0, min(1.0, score))
