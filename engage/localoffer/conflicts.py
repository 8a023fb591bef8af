"""Two people editing one service or information page: an edit drawn from an older revision is refused.

The edit form carries the number of the revision it was drawn from (`drawn-from`). Revisions are numbered per
entry under a unique constraint, so the number is the entry's version: a save that finds a newer revision
writes nothing, and of two saves at the same moment the database lets one insert the next number (the other
gets an IntegrityError, which is the same refusal). Without this, a form opened before someone else's change
was published wrote its old values back as a new proposed change, and the reviewer was shown the other
person's published change being undone as if it were the intended edit.

The refused form comes back merged: fields only the other person changed show theirs, fields this person
changed keep what they typed, and fields both changed keep what they typed and are named.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import request

from engage.concurrency import seen_version

#: revisions that record a date check only: their snapshot is the live entry even while a change is proposed
_NOT_EDITS = frozenset({"checked"})


@dataclass
class Conflict:
    """What others did since the form was drawn, and how the form was merged."""

    #: (revision number, action, who, when), oldest first
    done: list[tuple[int, str, str, datetime.datetime]]
    #: form fields only they changed (now showing theirs), and fields both changed (keeping what was typed)
    theirs: list[str] = field(default_factory=list)
    both: list[str] = field(default_factory=list)


def latest(revisions: Sequence) -> int:
    """The entry's version: its newest revision's number (0 before the first)."""
    return max((r.number for r in revisions), default=0)


def drawn_from() -> int | None:
    """The revision the posted form was drawn from; None when it carried none (nothing is then checked)."""
    return seen_version(request.form.get("drawn-from"))


def base(revisions: Sequence, seen: int, now: dict) -> dict:
    """What the form showed: the document of revision `seen` (skipping date checks, whose snapshot is the live
    entry rather than the change being edited), or, before the first revision, what the first one started from."""
    older = sorted((r for r in revisions if r.number <= seen and r.action not in _NOT_EDITS), key=lambda r: r.number)
    if older:
        return copy.deepcopy(older[-1].snapshot)
    first = min(revisions, key=lambda r: r.number, default=None)
    return copy.deepcopy(first.previous) if first is not None and first.previous else now


def refused(revisions: Sequence, seen: int | None) -> bool:
    return seen is not None and seen != latest(revisions)


def merge(
    shown: dict, current: dict, typed: dict, names: Sequence[str], same: Callable[[Any, Any], bool]
) -> tuple[dict, list[str], list[str]]:
    """(form data merged, fields only they changed, fields both changed), all three in the form's terms."""
    merged, theirs, both = dict(current), [], []
    for name in names:
        mine = not same(shown.get(name), typed.get(name))
        changed = not same(shown.get(name), current.get(name))
        if mine:
            merged[name] = typed.get(name)
            if changed and not same(typed.get(name), current.get(name)):
                both.append(name)
        elif changed:
            theirs.append(name)
    return merged, theirs, both


def done_since(revisions: Sequence, seen: int) -> list[tuple[int, str, str, datetime.datetime]]:
    return sorted((r.number, r.action, r.actor_name, r.created_at) for r in revisions if r.number > seen)


def stale_action(revisions: Sequence) -> str | None:
    """For a publish, send back, discard or restore button: None when the page it was pressed on shows the entry
    as it is; else why nothing was done. A reviewer must publish the change they read, not one made since."""
    seen = drawn_from()
    if not refused(revisions, seen):
        return None
    from flask_babel import gettext as _

    from engage.dates import long_datetime
    from engage.localoffer.labels import revision_label

    done = "; ".join(
        _("Version %(n)d: %(action)s by %(who)s, %(when)s", n=n, action=revision_label(a), who=w, when=long_datetime(t))
        for n, a, w, t in done_since(revisions, seen or 0)
    )
    return _("Someone changed this entry after you opened this page (%(done)s). Nothing was done: check what it "
             "holds now, then try again.", done=done)  # fmt: skip
