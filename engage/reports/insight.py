"""What the dashboard and digests say about comments: themes ranked by mentions, their sentiment split and their
change since the previous period, through disclosure control. Plain functions over `sources` records."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from engage.reach.disclosure import Count, State, is_small, protect_line, summary_allowed
from engage.reach.sources import CommentInsight, CommentTally

SENTIMENTS = ("positive", "neutral", "mixed", "negative")


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    mentions: Count
    #: sentiment -> protected count, empty when fewer than 10 mentions
    sentiment: dict[str, Count]
    previous: Count | None
    #: change in mentions since the previous period, when both are shown and the summary is allowed
    change: int | None

    @property
    def summarised(self) -> bool:
        return bool(self.sentiment)


def tally_of(comments: Iterable[CommentInsight]) -> CommentTally:
    tally = CommentTally()
    for comment in comments:
        tally.add(comment)
    return tally


def theme_table(comments: Iterable[CommentInsight], previous: Iterable[CommentInsight] = ()) -> list[ThemeRow]:
    """Themes ranked by mentions (most first), from comment records. A comment may mention several themes."""
    return tally_theme_table(tally_of(comments), tally_of(previous))


def tally_theme_table(tally: CommentTally, previous: CommentTally | None = None) -> list[ThemeRow]:
    """Themes ranked by mentions (most first), from counted comments."""
    mentions: dict[str, Counter] = defaultdict(Counter)
    for (theme, sentiment), n in tally.theme_sentiments().items():
        mentions[theme][sentiment if sentiment in SENTIMENTS else "mixed"] += n
    before: Counter = Counter()
    for (theme, _sentiment), n in (previous.theme_sentiments() if previous else {}).items():
        before[theme] += n
    themes = sorted(mentions, key=lambda t: (-sum(mentions[t].values()), t))
    if not themes:
        return []
    # Each theme's row (its sentiments and its total) is protected on its own: no column of the table is totalled
    # anywhere (a comment can mention several themes), so a row is the only equation a reader has.
    return [_theme_row(t, protect_line([mentions[t][s] for s in SENTIMENTS]), before[t]) for t in themes]


def _theme_row(theme, line, before: int) -> ThemeRow:
    total = line.total
    allowed = not total.hidden and summary_allowed(total.value)
    sentiment = dict(zip(SENTIMENTS, line.cells, strict=True)) if allowed else {}
    previous = Count(before, State.SMALL if is_small(before) else State.SHOWN)
    change = None
    if allowed and not previous.hidden and summary_allowed(previous.value):
        change = total.value - previous.value
    return ThemeRow(theme, total, sentiment, previous, change)


def quotes(comments: Iterable[CommentInsight], theme: str | None = None, limit: int = 5) -> list[CommentInsight]:
    """Moderated, redacted quotes (newest first); sources only give a quote once a moderator published it."""
    chosen = [c for c in comments if c.quote and (theme is None or theme in c.themes)]
    return sorted(chosen, key=lambda c: c.submitted_at, reverse=True)[:limit]


def comment_count(comments: Iterable[CommentInsight] | CommentTally) -> Count:
    total = comments.total() if isinstance(comments, CommentTally) else len(list(comments))
    return protect_line([total]).total
