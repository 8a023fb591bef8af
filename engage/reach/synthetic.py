"""Synthetic participations for demos, tests and benchmarks: fictional people drawn from a baseline, with some
communities deliberately reached less (as the inspectors found), so reports have under-reached groups to show.

Deterministic for a given seed. Never registered as a source in production.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta

from engage.reach.sources import Participation

#: How much less (or more) likely each group is to take part than its population share suggests.
REACH_FACTORS = {
    "ward": {"northgate": 0.45, "eastfield": 0.6, "abbey": 1.3, "westbury": 1.3},
    "ethnicity": {"black": 0.35, "other": 0.5, "asian": 0.7},
    "language": {"polish": 0.3, "romanian": 0.25, "lithuanian": 0.4, "urdu": 0.5, "bengali": 0.5},
    "age_band": {"16_19": 0.6, "20_25": 0.35, "5_10": 1.2},
    "ehcp": {"yes": 1.7},
}
#: Share of people who leave an equality-monitoring question unanswered.
NOT_STATED_RATE = 0.08
DEMO_ACTIVITIES = (
    ("survey:send-experience-2026", "survey", "SEND experience survey 2026"),
    ("survey:preparing-for-adulthood", "survey", "Preparing for adulthood"),
    ("event:autumn-coffee-mornings", "event", "Autumn coffee mornings"),
    ("comments:local-offer", "comments", "Comments on the Local Offer"),
)
CHANNELS = (None, "school-newsletter", "pcf-facebook", "gp-surgery", "community-centre")


def _weights(population: Mapping[str, int], factors: Mapping[str, float]) -> tuple[list[str], list[float]]:
    groups = sorted(population)
    return groups, [population[g] * factors.get(g, 1.0) for g in groups]


def synthetic_participations(
    count: int,
    baseline: Mapping[str, Mapping[str, int]],
    *,
    seed: int = 2026,
    end: datetime | None = None,
    days: int = 90,
    activities=DEMO_ACTIVITIES,
) -> Iterator[Participation]:
    """`count` fictional participations spread over the `days` before `end`."""
    rng = random.Random(seed)
    end = end or datetime(2026, 11, 20, 12, 0)
    tables = {d: _weights(pop, REACH_FACTORS.get(d, {})) for d, pop in baseline.items()}
    activity_weights = [6, 3, 1, 2][: len(activities)] + [1] * max(0, len(activities) - 4)
    for _ in range(count):
        activity_id, kind, title = rng.choices(activities, weights=activity_weights)[0]
        groups = {d: rng.choices(g, weights=w)[0] for d, (g, w) in tables.items() if rng.random() > NOT_STATED_RATE}
        yield Participation(
            activity_id=activity_id,
            activity_kind=kind,
            channel=rng.choice(CHANNELS),
            submitted_at=end - timedelta(seconds=rng.randrange(days * 86400)),
            groups=groups,
            activity_title=title,
            language=rng.choices(["en", "pl", "ro", "ur"], weights=[90, 4, 3, 3])[0],
        )
