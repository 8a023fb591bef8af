"""Where reach, reports and digests get their numbers: a neutral interface that features plug into.

Reach and reports import nothing from surveys, feedback or the local offer. Each feature registers, from its
`init_app`, functions that yield plain records:

- `register_participation_source(name, fn)`: fn(since, until) -> Iterable[Participation]
  (surveys: one per submitted response; consultations: one per attendance; feedback: one per comment);
- `register_comment_source(name, fn)`: fn(since, until) -> Iterable[CommentInsight]
  (feedback and survey free text after moderation: themes, sentiment, a redacted quote if published);
- `register_dropoff_source(name, fn)`: fn(since, until) -> Iterable[PageDropOff] (surveys: starts per page);
- `register_due_source(name, fn)`: fn(today) -> Iterable[DueItem]
  (actions due, comments waiting for moderation, Local Offer entries due for review).

`since` and `until` are naive UTC datetimes or None (no limit). Functions run inside the application context
(they may query the database) and must return only what is allowed to leave the moderation boundary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Participation:
    """One person taking part in one activity."""

    #: a stable id, unique across features, e.g. "survey:send-experience-2026"
    activity_id: str
    #: "survey", "event" or "comments"
    activity_kind: str
    #: outreach channel (the ?src= slug), or None for "direct"
    channel: str | None
    submitted_at: datetime
    #: dimension id -> survey option id or group id (normalised by reach); missing dimensions count as not stated
    groups: Mapping[str, str] = field(default_factory=dict)
    #: a human title for the activity (English source text; shown to staff)
    activity_title: str | None = None
    #: interface language the person used
    language: str | None = None


@dataclass(frozen=True)
class CommentInsight:
    """One analysed, moderated comment or free-text answer."""

    activity_id: str
    submitted_at: datetime
    language: str
    #: "positive", "neutral", "negative" or "mixed"
    sentiment: str
    themes: tuple[str, ...] = ()
    #: redacted text, only when a moderator published it as a quote
    quote: str | None = None


@dataclass(frozen=True)
class PageDropOff:
    activity_id: str
    page_id: str
    #: position of the page in the survey, from 1
    position: int
    #: people who reached this page
    reached: int


@dataclass(frozen=True)
class DueItem:
    """Something a member of staff should act on."""

    #: "action", "moderation" or "review"
    kind: str
    title: str
    due_on: date | None = None
    #: the roles who should hear of it (values of engage.auth.models.Role)
    roles: tuple[str, ...] = ("moderator", "leader")
    #: a path inside the site, e.g. "/staff/local-offer/12"
    path: str | None = None


Window = tuple[datetime | None, datetime | None]
ParticipationSource = Callable[[datetime | None, datetime | None], Iterable[Participation]]
CommentSource = Callable[[datetime | None, datetime | None], Iterable[CommentInsight]]
DropOffSource = Callable[[datetime | None, datetime | None], Iterable[PageDropOff]]
DueSource = Callable[[date], Iterable[DueItem]]

_participation: dict[str, ParticipationSource] = {}
_comments: dict[str, CommentSource] = {}
_dropoff: dict[str, DropOffSource] = {}
_due: dict[str, DueSource] = {}


def register_participation_source(name: str, source: ParticipationSource) -> None:
    """Add (or replace, by name) a source of participations; registering twice is harmless."""
    _participation[name] = source


def register_comment_source(name: str, source: CommentSource) -> None:
    _comments[name] = source


def register_dropoff_source(name: str, source: DropOffSource) -> None:
    _dropoff[name] = source


def register_due_source(name: str, source: DueSource) -> None:
    _due[name] = source


def unregister(name: str) -> None:
    """Remove a source of any kind (tests use it to clean up)."""
    for registry in (_participation, _comments, _dropoff, _due):
        registry.pop(name, None)


def participations(since: datetime | None = None, until: datetime | None = None) -> list[Participation]:
    return [p for name in sorted(_participation) for p in _participation[name](since, until)]


def comment_insights(since: datetime | None = None, until: datetime | None = None) -> list[CommentInsight]:
    return [c for name in sorted(_comments) for c in _comments[name](since, until)]


def page_dropoffs(since: datetime | None = None, until: datetime | None = None) -> list[PageDropOff]:
    return [d for name in sorted(_dropoff) for d in _dropoff[name](since, until)]


def due_items(today: date) -> list[DueItem]:
    return [item for name in sorted(_due) for item in _due[name](today)]
