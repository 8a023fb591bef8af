"""How urgent a safeguarding concern is, from the kinds the engine found, so triage reads the worst first.

Three levels, as a safeguarding lead would sort a pile of referrals:

3. a risk to life now: suicide and self-harm wording;
2. harm done to someone by another person: abuse, neglect, exploitation, violence, a child missing;
1. a worry with no named harm: bullying, feeling unsafe at school, a parent at risk, and "possible-harm" (the
   broad phrase tier, or the learned model alone with no pattern naming anything).

A concern raised by a moderator with no kind the engine recognised counts as 2: a person judged it a concern.
"""

from __future__ import annotations

from collections.abc import Iterable

RISK_TO_LIFE, HARM, WORRY, NONE = 3, 2, 1, 0
#: Severity of each concern kind the engine reports (see safeguarding.py and safeguarding_model.py).
SEVERITY: dict[str, int] = {
    "suicide": RISK_TO_LIFE,
    "self-harm": RISK_TO_LIFE,
    "abuse": HARM,
    "neglect": HARM,
    "exploitation": HARM,
    "domestic-violence": HARM,
    "violence": HARM,
    "missing": HARM,
    "bullying": WORRY,
    "unsafe-at-school": WORRY,
    "parent-at-risk": WORRY,
    "possible-harm": WORRY,
}
#: A concern a person raised without a kind the engine knows.
RAISED_BY_PERSON = HARM


def severity(kinds: Iterable[str]) -> int:
    """The highest severity among ``kinds``; 0 when none is a concern kind."""
    return max((SEVERITY.get(kind, NONE) for kind in kinds), default=NONE)


def severity_from_explanation(explanation: Iterable[str] | None) -> int:
    """The severity of the concerns in a stored explanation ("suicide: 'wants to die'", "possible-harm: model 0.6").

    Explanations also hold other evidence (sentiment, themes); only lines that start with a concern kind count.
    """
    return severity(line.split(":", 1)[0].strip() for line in explanation or () if isinstance(line, str))
