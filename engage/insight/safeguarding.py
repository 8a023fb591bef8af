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
        r"(?:might\s+as\s+well|would\s+rather|wish\s+(?:i|he|she|they)\s+(?:was|were))\s+(?:not\s+be\s+here|be\s+dead|dead|not\s+here)",
        r"(?:if|when)\s+(?:i|he|she|they)\s+(?:wasn'?t|weren'?t|was\s+not|were\s+not)\s+(?:around|here|alive)",
        r"better\s+off\s+without\s+(?:me|him|her|them)|no\s+point\s+(?:in\s+)?(?:living|going\s+on)|can'?t\s+go\s+on",
        r"(?:suicide|goodbye)\s+(?:note|letter)|note\s+saying\s+goodbye|saying\s+goodbye\s+to\s+everyone",
        r"plann?(?:ed|ing|s)?\s+to\s+(?:take|kill|end|jump)|(?:take|took|taking|swallow\w*)\s+(?:them\s+all|all\s+(?:of\s+)?(?:the|her|his|my)\s+(?:tablets|pills))",
        # Indirect wording (added in session 2 from the extended tuning set)
        r"never\s+(?:been\s+)?born|rather\s+(?:be\s+)?dead|(?:wanna|want\s+to|going\s+to|gonna)\s+end\s+it",
        r"(?:want|wants|wanted|wanna|wanting)\s+to\s+disappear|disappear\s+(?:forever|for\s+good)",
        r"better\s+(?:off\s+)?without\s+(?:me|him|her|them)|(?:life|living)\s+(?:is\s*n'?t|isnt|is\s+not|not)\s+worth",
        r"giv(?:e|es|ing|en)\s+away\s+(?:\w+\s+){0,2}(?:things|stuff|belongings|possessions)|sa(?:y|ys|ying|id)\s+goodbye",
        r"how\s+many\s+(?:pills|tablets)|ways\s+to\s+(?:die|kill|end)|thoughts\s+of\s+(?:killing|dying|ending)",
        r"(?:hoard|stockpil|stock\s+pil|stash|sav)\w*\s+(?:(?:his|her|my|their|up)\s+)*(?:\w+\s+)?(?:medication|meds|tablets|pills)",
    ),
    "self-harm": (
        r"self[\s-]?harm\w*",
        r"(?:cut|cuts|cutting|burn|burns|burning|hurt|hurts|hurting|harm|harms|harming)\s+(?:my|him|her|them)sel(?:f|ves)",
        r"overdos\w*",
        r"head[\s-]?bang\w*",
        r"(?:started|been|is|keeps?|kept)\s+cutting|cutting\s+again|cuts\s+on\s+(?:her|his|their|my)",
        r"anorexi\w*|bulimi\w*|eating\s+disorder|refus\w*\s+(?:all\s+)?(?:food|to\s+eat)|not\s+eating",
        r"scratch\w*\s+(?:\w+\s+){0,2}(?:arms?|legs?|skin|face)|until\s+(?:they|it|he|she|i)\s+bleeds?",
        r"(?:pull\w*|tear\w*)\s+(?:out\s+)?(?:her|his|my|their)\s+(?:own\s+)?hair|bit(?:e|es|ing)\s+(?:him|her|my|them)sel",
        r"(?:hit|hits|hitting|bang\w*)\s+(?:his|her|my|their)\s+(?:own\s+)?head",
        r"ligature",
        r"(?:punch|hit|bang|bit|scratch|cut|burn|hurt|harm)\w*\s+(?:\w+\s+){1,3}(?:him|her|my|them)sel(?:f|ves)",
        r"swallow\w*\s+(?:\w+\s+){0,2}(?:batter\w*|pills|tablets|bleach|magnets|glass|coins)",
        r"(?:burns?|cuts|scars|marks|bruises)\s+on\s+(?:her|his|their|my)\s+(?:arms?|legs?|wrists?|neck|thighs?|body|face|back)",
    ),
    "abuse": (
        r"abus(?:e|ed|es|ing|ive|er)",
        r"(?:sexual(?:ly)?\s+(?:assault\w*|touch\w*)|rap(?:e|ed|ing)\b|molest\w*|groom(?:ed|ing))",
        r"touch(?:ed|es|ing)?\s+(?:me|him|her|them)\s+inappropriately",
        r"(?:hit|hits|hitting|beat|beats|beating|beaten|punch\w*|kick(?:s|ed|ing)?|slap\w*|shak(?:e|es|en|ing))\s+(?:me|him|her|them|my\s+\w+|our\s+\w+)",
        r"(?:bruis\w*|black\s+eye|burn\s+marks?)",
        r"exploit\w*",
        r"(?:grabb?(?:ed|ing)?|dragg?(?:ed|ing)|push(?:ed|ing)\s+(?:him|her|me|them)\s+(?:over|down|away|against|into|to\s+the)|shov(?:ed|ing)|throttl\w*|strangl\w*|chok(?:ed|ing)\s+(?:him|her|me))",
        r"restrain\w*|marks\s+on\s+(?:his|her|their|my)|pinn(?:ed|ing)|pin\s+(?:him|her)|held\s+(?:him|her)\s+down|seclusion",
        r"(?:gets?|got|becomes?|became)\s+(?:\w+\s+)?(?:aggressive|violent|nasty)|drunk|drinks\s+(?:a\s+lot|heavily|and)",
        r"county\s+lines|carry(?:ing)?\s+(?:packages|parcels|drugs)|older\s+(?:lads|boys|men|girls|women)|gives?\s+(?:him|her)\s+(?:money|drugs|gifts)",
        r"(?:went|goes|going|gone)\s+missing|missing\s+from\s+(?:home|care)",
        r"(?:being|been|was|were|gets?|got)\s+(?:hit|kicked|punched|slapped|smacked|beaten|attacked|hurt|spat\s+on)",
        r"(?:hit|kicked|punched|slapped|smacked|attacked|spat\s+on)\s+(?:\w+\s+){0,3}by\b|flinch\w*",
        r"locks?\s+(?:him|her|them|me)\s+in|locked\s+(?:him|her|them|me)\s+in",
        r"throw\w*\s+things|shout\w*\s+(?:and\s+\w+\s+)?(?:at\s+)?(?:him|her|them|me|the\s+(?:children|kids))\b",
        r"(?:met|meeting|talking\s+to|chatting\s+to)\s+(?:a\s+|an\s+)?(?:older\s+)?(?:man|men|stranger|someone|boy|girl)\s+(?:\w+\s+){0,2}online",
        r"keep\s+(?:it\s+)?(?:a\s+)?secrets?|send(?:s|ing)?\s+(?:\w+\s+)?(?:pictures|photos|images|nudes)",
        r"out\s+all\s+night|expensive\s+(?:trainers|clothes|phones?|gifts)",
        r"hurt\w*\s+by|(?:rough|aggressive)\s+with\s+(?:him|her|them|me)",
        r"(?:scared|afraid|frightened|terrified)\s+(?:of|to\s+go)\s+(?:home|(?:his|her|their|my)\s+(?:dad|father|mum|mother|step\w*|partner|uncle|brother))",
        r"hold(?:s|ing)?\s+(?:him|her|them|me)\s+(?:on\s+the\s+floor|down)|held\s+(?:\w+\s+)?on\s+the\s+floor",
        r"(?:buy\w*|bought)\s+(?:(?:my|our|her|him|them)\s+)?(?:\w+\s+)?(?:presents|gifts)|not\s+to\s+tell\s+(?:us|anyone|anybody|mum|dad)",
        r"(?:hurt|kill|harm)\s+(?:me|him|her|us|them)\s+if|if\s+(?:i|he|she)\s+tells?\s+(?:anyone|anybody)",
        r"older\s+(?:boyfriend|girlfriend|kids|friends?)|comes?\s+home\s+with\s+(?:cash|money|new\s+(?:phones?|trainers|clothes))",
        r"deliver\w*\s+(?:things|stuff|packages|bags|parcels)",
        r"(?:uncle|man|teacher|staff|adult|he|she|they|someone|carer|driver|boy)\s+(?:\w+\s+)?(?:touches|touched|touching)\s+(?:me|him|her)\b",
    ),
    "neglect": (
        r"neglect\w*",
        r"(?:no|not\s+enough|never\s+any)\s+food",
        r"(?:left|leaves|leaving)\s+(?:alone|on\s+(?:his|her|their)\s+own)\s+(?:all\s+day|at\s+night|for\s+(?:hours|days))",
        r"locked\s+(?:in|out)",
        r"(?:not\s+(?:being\s+)?(?:fed|feeding)|starv\w*|unwashed|dirty\s+clothes|hungry|lost\s+(?:so\s+much|a\s+lot\s+of)\s+weight)",
        r"young\s+carer|nobody\s+checks\s+on|left\s+on\s+(?:his|her|their)\s+own|home\s+alone",
        r"(?:never|not|isn'?t|nothing)\s+(?:\w+\s+)?(?:anything\s+)?to\s+eat|spent\s+(?:\w+\s+){0,3}on\s+(?:drink|drugs|alcohol|booze)",
        r"same\s+(?:\w+\s+)?(?:clothes|uniform)\s+all\s+week|dirty\s+(?:uniform|clothes)",
        # A carer at breaking point who fears for the child's safety
        r"(?:lose\s+control|snap)\s+and\s+hurt|(?:might|could)\s+(?:\w+\s+)?hurt\s+(?:him|her|them)|(?:can'?t|cannot)\s+keep\s+(?:him|her|them)\s+safe",
    ),
    "violence": (
        r"(?:beaten\s+up|punched|stabb\w*|knife|weapon|assault\w*|attack(?:ed|ing)\s+(?:him|her|me|my)|bull(?:y|ied|ying)\b)",
    ),
    "domestic-violence": (
        r"(?:is|was|gets|got|became|being|partner\s+is)\s+(?:\w+\s+)?violent|violence",
        r"domestic\s+(?:violence|abuse)",
        r"violen(?:t|ce)\s+(?:at\s+home|in\s+the\s+home|partner)",
        r"(?<!life\s)(?<!life-)threaten\w*",
        r"(?:scared|afraid|frightened|terrified)\s+(?:of\s+)?(?:going|to\s+go|being)\s+(?:at\s+)?home",
        r"(?:scared|afraid|frightened|terrified)\s+of\s+(?:my|her|his|their|our)?\s*(?:husband|wife|partner|ex|dad|father|mum|mother|step\w*|boyfriend|girlfriend|uncle|him|her)\b",
        r"(?:won'?t|will\s+not|would\s+not|wouldn'?t)\s+believe\s+me|(?:knife|weapon)\s+under",
        r"(?:boyfriend|girlfriend|stepdad|stepfather|step-dad|partner)\s+(?:\w+\s+){0,3}(?:scares|hurts|hits|shouts)",
        r"controls?\s+(?:all\s+)?(?:the\s+|my\s+)?money|won'?t\s+let\s+me\s+(?:see|take|leave|go|have)",
        r"(?:coercive|controlling)\s+(?:control|behaviou?r)",
        r"(?:police\s+(?:were\s+)?called\s+to\s+the\s+house|refuge)",
    ),
}

# Lower-case patterns run on lower-cased text: re.IGNORECASE is several times slower.
_COMPILED = {kind: re.compile(r"\b(?:" + "|".join(p) + r")") for kind, p in _PATTERNS.items()}


#: Phrases that only look like a risk; blanked out before the patterns run. Kept short: recall comes first.
_BENIGN = re.compile(
    r"\banti[\s-]?bully\w*|\babuse\s+of\s+process|\bhungry\s+for\s+(?:more\s+)?(?:information|info|news|answers)"
    r"|\bself[\s-]?harm\s+(?:awareness|training)"
)


def _prepared(text: str) -> str:
    return _BENIGN.sub(" ", text.lower())


def safeguarding_concerns(text: str | None) -> list[str]:
    """Return the kinds of risk ``text`` suggests, e.g. ``["self-harm"]``; empty when none."""
    if not isinstance(text, str) or not text:
        return []
    lower = _prepared(text)
    return [kind for kind, pattern in _COMPILED.items() if pattern.search(lower)]


def safeguarding_evidence(text: str) -> list[str]:
    """The phrases that raised each concern, for the explanation shown to moderators."""
    lower = _prepared(text or "")
    return [f"{kind}: '{m.group(0)}'" for kind, pattern in _COMPILED.items() if (m := pattern.search(lower))]
