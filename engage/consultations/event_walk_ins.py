"""The walk-ins' equality breakdown: how many of the people who came without booking gave each answer to the
standard equality questions the surveys and bookings use (engage/surveys/standard_questions.yaml).

Walk-ins fill in no form, so staff record counts, not answers: reach dimension -> option id -> people. It is
optional (blank boxes are nobody) and can never say more people than came without booking, in any question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import pgettext as translate  # a name the extractor skips: these strings are in the standard catalog

from engage.consultations.event_formats import EQUALITY_QUESTIONS
from engage.surveys.loader import load_standard

#: a box's largest number, like the walk-in head count's
MOST = 10000


@dataclass
class Question:
    name: str
    dimension: str
    label: str
    #: (option id, label, the box's name in the form)
    options: list[tuple[str, str, str]]


@dataclass
class Breakdown:
    #: dimension -> option id -> people (only numbers above zero)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    #: (the question's anchor, message)
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: what was typed, by box name, to show it again beside the errors
    typed: dict[str, str] = field(default_factory=dict)


def box_name(question: str, option: str) -> str:
    return f"walk_in-{question}-{option}"


def questions() -> list[Question]:
    """The questions in the order bookings ask them, labelled in the reader's language."""
    standard = load_standard()
    found = []
    for name in EQUALITY_QUESTIONS:
        spec, context = standard[name], f"standard.q.{name}"
        options = [
            (o["id"], translate(f"{context}.option.{o['id']}", o["label"]), box_name(name, o["id"]))
            for o in spec["options"]
        ]
        found.append(Question(name, spec["reach"], translate(f"{context}.label", spec["label"]), options))
    return found


def shown(event_breakdown: dict | None) -> dict[str, str]:
    """An event's stored breakdown as the boxes show it."""
    typed = {}
    for question in questions():
        for option, _label, box in question.options:
            count = ((event_breakdown or {}).get(question.dimension) or {}).get(option)
            if count:
                typed[box] = str(count)
    return typed


def parse(form, walk_ins: int) -> Breakdown:
    """Read the boxes of a submitted form; each question's numbers must be whole, and add up to no more than the
    walk-in head count."""
    result = Breakdown()
    for question in questions():
        total, counts = 0, {}
        anchor = f"walk-in-{question.name}"
        for option, label, box in question.options:
            text = (form.get(box) or "").strip()
            result.typed[box] = text
            if not text:
                continue
            if not text.isdigit() or int(text) > MOST:
                result.errors.append((anchor, _("%(question)s, %(option)s: enter a whole number, like 3",
                                                question=question.label, option=label)))  # fmt: skip
                continue
            if int(text):
                counts[option] = int(text)
                total += int(text)
        if total > walk_ins:
            message = _(
                "%(question)s: the numbers add up to %(total)s, more than the %(walk_ins)s people who came without "
                "booking",
                question=question.label, total=total, walk_ins=walk_ins,
            )  # fmt: skip
            result.errors.append((anchor, message))
        if counts:
            result.counts[question.dimension] = counts
    return result
