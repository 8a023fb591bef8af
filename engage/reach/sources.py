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

Features with many records count them in their database instead of yielding one record each (a dashboard over
100,000 responses cannot afford a Python object per person):

- `register_participation_counter(name, fn)`: fn(since, until, tally: ParticipationTally) -> None adds
  people per activity and channel, and per answer to each reach dimension (surveys). A counter may move people
  from another feature's activity into its own by adding a negative count there (consultations take the responses
  of their linked surveys), so nobody is counted twice; the sum over every counter is what reach sees;
- `register_comment_counter(name, fn)`: fn(since, until, filters: CommentFilters, tally: CommentTally) -> None
  adds the comments the filters keep, per activity, language and sentiment, their theme mentions, and their
  newest published quotes (feedback).

Readers use `participation_tally` and `comment_tally`, which add up both kinds of source.

`since` and `until` are naive UTC datetimes or None (no limit). Functions run inside the application context
(they may query the database) and must return only what is allowed to leave the moderation boundary.
"""

from __future__ import annotations

from collections import Counter
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


DIRECT = "direct"
#: Published quotes a comment tally keeps (newest first): more than any page or digest shows.
QUOTE_LIMIT = 20


@dataclass
class ParticipationTally:
    """People counted per activity and channel, and per answer to each reach dimension. Answers are as given
    (survey option ids or group ids; reach normalises them); people who did not answer are not counted under a
    dimension, so "not stated" is the people of an activity and channel less those who answered."""

    #: (activity id, channel or "direct") -> people
    people: Counter = field(default_factory=Counter)
    #: dimension -> (activity id, channel or "direct", answer) -> people
    answers: dict[str, Counter] = field(default_factory=dict)
    #: activity id -> title
    titles: dict[str, str] = field(default_factory=dict)

    def add_people(self, activity_id: str, channel: str | None, count: int, title: str | None = None) -> None:
        self.people[activity_id, channel or DIRECT] += count
        if title:
            self.titles.setdefault(activity_id, title)

    def add_answers(self, dimension: str, activity_id: str, channel: str | None, answer: str, count: int) -> None:
        self.answers.setdefault(dimension, Counter())[activity_id, channel or DIRECT, answer] += count

    def add(self, participation: Participation) -> None:
        self.add_people(participation.activity_id, participation.channel, 1, participation.activity_title)
        for dimension, answer in participation.groups.items():
            if answer:
                self.add_answers(dimension, participation.activity_id, participation.channel, answer, 1)

    def drop_empty(self) -> None:
        """Forget cells that came to nothing (people moved from one activity to another leave zeros behind)."""
        self.people = Counter({key: n for key, n in self.people.items() if n > 0})
        self.answers = {
            dimension: Counter({key: n for key, n in counted.items() if n > 0})
            for dimension, counted in self.answers.items()
        }

    @classmethod
    def of(cls, participations: Iterable[Participation]) -> ParticipationTally:
        tally = cls()
        for participation in participations:
            tally.add(participation)
        return tally


@dataclass(frozen=True)
class CommentFilters:
    activity: str | None = None
    language: str | None = None
    theme: str | None = None

    def keeps(self, comment: CommentInsight) -> bool:
        if self.activity and comment.activity_id != self.activity:
            return False
        if self.language and comment.language != self.language:
            return False
        return not self.theme or self.theme in comment.themes


@dataclass
class CommentTally:
    """Comments counted per (activity, language, sentiment); theme mentions per (activity, language, sentiment,
    theme), each comment counting once per theme; and the newest published quotes."""

    comments: Counter = field(default_factory=Counter)
    mentions: Counter = field(default_factory=Counter)
    quotes: list[CommentInsight] = field(default_factory=list)

    def add(self, comment: CommentInsight) -> None:
        key = (comment.activity_id, comment.language, comment.sentiment)
        self.comments[key] += 1
        for theme in set(comment.themes):
            self.mentions[(*key, theme)] += 1
        if comment.quote:
            self.quotes.append(comment)

    def total(self) -> int:
        return sum(self.comments.values())

    def theme_sentiments(self) -> Counter:
        """(theme, sentiment) -> mentions."""
        out: Counter = Counter()
        for (_activity, _language, sentiment, theme), n in self.mentions.items():
            out[theme, sentiment] += n
        return out

    def themes(self) -> set[str]:
        return {key[3] for key in self.mentions}

    def languages(self) -> set[str]:
        return {key[1] for key in self.comments}

    def newest_quotes(self, limit: int = QUOTE_LIMIT) -> list[CommentInsight]:
        return sorted(self.quotes, key=lambda c: c.submitted_at, reverse=True)[:limit]

    def to_json(self) -> dict:
        quotes = [
            [c.activity_id, c.submitted_at.isoformat(), c.language, c.sentiment, list(c.themes), c.quote]
            for c in self.quotes
        ]
        return {
            "comments": [[*key, n] for key, n in self.comments.items()],
            "mentions": [[*key, n] for key, n in self.mentions.items()],
            "quotes": quotes,
        }

    @classmethod
    def from_json(cls, data: Mapping) -> CommentTally:
        tally = cls(
            Counter({tuple(row[:-1]): row[-1] for row in data["comments"]}),
            Counter({tuple(row[:-1]): row[-1] for row in data["mentions"]}),
        )
        tally.quotes = [
            CommentInsight(a, datetime.fromisoformat(at), language, sentiment, tuple(themes), quote)
            for a, at, language, sentiment, themes, quote in data["quotes"]
        ]
        return tally


Window = tuple[datetime | None, datetime | None]
ParticipationSource = Callable[[datetime | None, datetime | None], Iterable[Participation]]
CommentSource = Callable[[datetime | None, datetime | None], Iterable[CommentInsight]]
DropOffSource = Callable[[datetime | None, datetime | None], Iterable[PageDropOff]]
DueSource = Callable[[date], Iterable[DueItem]]
ParticipationCounter = Callable[[datetime | None, datetime | None, ParticipationTally], None]
CommentCounter = Callable[[datetime | None, datetime | None, CommentFilters, CommentTally], None]

_participation: dict[str, ParticipationSource] = {}
_comments: dict[str, CommentSource] = {}
_dropoff: dict[str, DropOffSource] = {}
_due: dict[str, DueSource] = {}
_theme_names: dict[str, Callable[[], Mapping[str, str]]] = {}
_participation_counters: dict[str, ParticipationCounter] = {}
_comment_counters: dict[str, CommentCounter] = {}
_participation_versions: dict[str, Callable[[], object]] = {}
_comment_versions: dict[str, Callable[[], object]] = {}


def register_participation_source(name: str, source: ParticipationSource) -> None:
    """Add (or replace, by name) a source of participations; registering twice is harmless."""
    _participation[name] = source


def register_participation_counter(name: str, counter: ParticipationCounter) -> None:
    """Add (or replace) a source that counts its people in its database (see the module docstring)."""
    _participation_counters[name] = counter


def register_participation_version(name: str, version: Callable[[], object]) -> None:
    """Add a cheap "has anything I count changed?" for a participation source or counter of the same name:
    fn() -> a JSON value (counts, largest ids, latest update times) that changes whenever its people might."""
    _participation_versions[name] = version


def participation_version() -> list | None:
    """Every participation source's version, or None when one of them cannot give one (then callers count)."""
    names = sorted(set(_participation) | set(_participation_counters))
    if any(name not in _participation_versions for name in names):
        return None
    return [[name, _participation_versions[name]()] for name in names]


def register_comment_version(name: str, version: Callable[[], object]) -> None:
    """Add a cheap version for the comment source or counter of the same name: fn() -> a JSON value that changes
    whenever anything it counts might (a comment added, edited, recoded or erased). Reports keep comment tallies
    per version (engage/reach/web/tallies.py), so a version that misses a change would serve old counts."""
    _comment_versions[name] = version


def comment_version() -> list | None:
    """Every comment source's version, or None when one of them cannot give one (then callers count)."""
    names = sorted(set(_comments) | set(_comment_counters))
    if any(name not in _comment_versions for name in names):
        return None
    return [[name, _comment_versions[name]()] for name in names]


def register_comment_counter(name: str, counter: CommentCounter) -> None:
    _comment_counters[name] = counter


def register_theme_names(name: str, source: Callable[[], Mapping[str, str]]) -> None:
    """Add a source of theme names as staff see them now: fn() -> {theme id: name} (English source text)."""
    _theme_names[name] = source


def theme_names() -> dict[str, str]:
    return {theme: label for name in sorted(_theme_names) for theme, label in _theme_names[name]().items()}


def register_comment_source(name: str, source: CommentSource) -> None:
    _comments[name] = source


def register_dropoff_source(name: str, source: DropOffSource) -> None:
    _dropoff[name] = source


def register_due_source(name: str, source: DueSource) -> None:
    _due[name] = source


def unregister(name: str) -> None:
    """Remove a source of any kind (tests use it to clean up)."""
    registries = (
        _participation,
        _comments,
        _dropoff,
        _due,
        _participation_counters,
        _comment_counters,
        _theme_names,
        _participation_versions,
        _comment_versions,
    )
    for registry in registries:
        registry.pop(name, None)


def participations(since: datetime | None = None, until: datetime | None = None) -> list[Participation]:
    return [p for name in sorted(_participation) for p in _participation[name](since, until)]


def comment_insights(since: datetime | None = None, until: datetime | None = None) -> list[CommentInsight]:
    return [c for name in sorted(_comments) for c in _comments[name](since, until)]


def page_dropoffs(since: datetime | None = None, until: datetime | None = None) -> list[PageDropOff]:
    return [d for name in sorted(_dropoff) for d in _dropoff[name](since, until)]


def due_items(today: date) -> list[DueItem]:
    return [item for name in sorted(_due) for item in _due[name](today)]


def participation_tally(since: datetime | None = None, until: datetime | None = None) -> ParticipationTally:
    """Everyone who took part in [since, until), from every source of either kind."""
    tally = ParticipationTally.of(participations(since, until))
    for name in sorted(_participation_counters):
        _participation_counters[name](since, until, tally)
    tally.drop_empty()
    return tally


def comment_tally(
    since: datetime | None = None, until: datetime | None = None, filters: CommentFilters | None = None
) -> CommentTally:
    """The comments of [since, until) that `filters` keep, from every source of either kind."""
    filters = filters or CommentFilters()
    tally = CommentTally()
    for comment in comment_insights(since, until):
        if filters.keeps(comment):
            tally.add(comment)
    for name in sorted(_comment_counters):
        _comment_counters[name](since, until, filters, tally)
    tally.quotes = tally.newest_quotes()
    return tally
