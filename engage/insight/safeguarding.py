"""Phrases that suggest someone may be at risk, tuned for recall.

A false alarm costs a moderator a minute; a missed disclosure can cost far more,
so these patterns are deliberately broad and every match goes to a person.
"""

from __future__ import annotations

import re

_PATTERNS: dict[str, tuple[str, ...]] = {
    "suicide": (
        r"suicid\w*",
        r"kill(?:s|ing|ed)?\s+(?:my|him|her|them|your)sel(?:f|ves)",
        r"end(?:s|ing|ed)?\s+(?:it\s+all|(?:my|his|her|their)\s+(?:own\s+)?li(?:fe|ves))",
        r"take\s+(?:my|his|her|their)\s+own\s+li(?:fe|ves)",
        r"(?:want|wants|wanted|wanting)\s+to\s+die",
        r"(?:better\s+off\s+dead|not\s+(?:want|wanting)\s+to\s+(?:be\s+alive|live)|no\s+reason\s+to\s+live)",
        r"(?:don'?t|doesn'?t|do\s+not|does\s+not)\s+want\s+to\s+(?:be\s+here|be\s+alive|live|wake\s+up|exist)",
        r"(?:hang|hanged|hanging|drown|poison)\w*\s+(?:my|him|her|them)sel(?:f|ves)",
        r"tried\s+to\s+(?:kill|hang|end|hurt|harm)",
        r"jump(?:ing|ed|s)?\s+(?:off|in\s+front\s+of)",
    ),
    "self-harm": (
        r"self[\s-]?harm\w*",
        r"(?:cut|cuts|cutting|burn|burns|burning|hurt|hurts|hurting|harm|harms|harming)\s+(?:my|him|her|them)sel(?:f|ves)",
        r"overdos\w*",
        r"head[\s-]?bang\w*",
        r"ligature",
    ),
    "abuse": (
        r"abus(?:e|ed|es|ing|ive|er)",
        r"(?:sexual(?:ly)?\s+(?:assault\w*|touch\w*)|rap(?:e|ed|ing)\b|molest\w*|groom(?:ed|ing))",
        r"touch(?:ed|es|ing)?\s+(?:me|him|her|them)\s+inappropriately",
        r"(?:hit|hits|hitting|beat|beats|beating|beaten|punch\w*|kick(?:s|ed|ing)?|slap\w*|shak(?:e|es|en|ing))\s+(?:me|him|her|them|my\s+\w+|our\s+\w+)",
        r"(?:bruis\w*|black\s+eye|burn\s+marks?)",
        r"exploit\w*",
        r"(?:grabb?(?:ed|ing)?|dragg?(?:ed|ing)|push(?:ed|ing)|shov(?:ed|ing)|throttl\w*|strangl\w*|chok(?:ed|ing)\s+(?:him|her|me))",
        r"restrain\w*|marks\s+on\s+(?:his|her|their|my)",
        r"hurt\w*\s+by|(?:rough|aggressive)\s+with\s+(?:him|her|them|me)",
        r"(?:scared|afraid|frightened|terrified)\s+(?:of|to\s+go)\s+(?:home|(?:his|her|their|my)\s+(?:dad|father|mum|mother|step\w*|partner|uncle|brother))",
    ),
    "neglect": (
        r"neglect\w*",
        r"(?:no|not\s+enough)\s+food\s+(?:at\s+home|in\s+the\s+house)",
        r"(?:left|leaves|leaving)\s+(?:alone|on\s+(?:his|her|their)\s+own)\s+(?:all\s+day|at\s+night|for\s+(?:hours|days))",
        r"locked\s+(?:in|out)",
        r"(?:not\s+(?:being\s+)?(?:fed|feeding)|starv\w*|unwashed|dirty\s+clothes|hungry|lost\s+(?:so\s+much|a\s+lot\s+of)\s+weight)",
        r"young\s+carer|nobody\s+checks\s+on",
    ),
    "violence": (
        r"(?:beaten\s+up|punched|stabb\w*|knife|weapon|assault\w*|attack(?:ed|ing)\s+(?:him|her|me|my)|bull(?:y|ied|ying)\b)",
    ),
    "domestic-violence": (
        r"(?:is|was|gets|got|became|being|partner\s+is)\s+(?:\w+\s+)?violent|violence",
        r"domestic\s+(?:violence|abuse)",
        r"violen(?:t|ce)\s+(?:at\s+home|in\s+the\s+home|partner)",
        r"threaten\w*\s+to\s+(?:kill|hurt|harm)",
        r"(?:coercive|controlling)\s+(?:control|behaviou?r)",
        r"(?:police\s+(?:were\s+)?called\s+to\s+the\s+house|refuge)",
    ),
}

# Lower-case patterns run on lower-cased text: re.IGNORECASE is several times slower.
_COMPILED = {kind: re.compile(r"\b(?:" + "|".join(p) + r")") for kind, p in _PATTERNS.items()}


def safeguarding_concerns(text: str | None) -> list[str]:
    """Return the kinds of risk ``text`` suggests, e.g. ``["self-harm"]``; empty when none."""
    if not isinstance(text, str) or not text:
        return []
    lower = text.lower()
    return [kind for kind, pattern in _COMPILED.items() if pattern.search(lower)]


def safeguarding_evidence(text: str) -> list[str]:
    """The phrases that raised each concern, for the explanation shown to moderators."""
    lower = (text or "").lower()
    return [f"{kind}: '{m.group(0)}'" for kind, pattern in _COMPILED.items() if (m := pattern.search(lower))]
