"""Helpers for reach, reports and digest tests: a participation source made of fictional people."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from engage.reach import sources
from engage.reach.baseline import parse_baseline
from engage.reach.synthetic import synthetic_participations

DEMO_BASELINE = Path(__file__).resolve().parents[2] / "engage/reach/data/demo_baseline.csv"
TEST_SOURCE = "tests.people"


def demo_baseline_counts() -> dict:
    return parse_baseline(DEMO_BASELINE.read_bytes())


class People:
    """A registered participation source whose people a test can set."""

    def __init__(self) -> None:
        self.people: list[sources.Participation] = []

    def __call__(self, since: datetime | None, until: datetime | None):
        return [
            p
            for p in self.people
            if (since is None or p.submitted_at >= since) and (until is None or p.submitted_at < until)
        ]

    def synthetic(self, count: int, **options) -> None:
        self.people = list(synthetic_participations(count, demo_baseline_counts(), **options))


@pytest.fixture
def people():
    source = People()
    sources.register_participation_source(TEST_SOURCE, source)
    yield source
    sources.unregister(TEST_SOURCE)


class Comments:
    """A registered comment-insight source (what feedback will provide)."""

    def __init__(self) -> None:
        self.comments: list[sources.CommentInsight] = []

    def __call__(self, since: datetime | None, until: datetime | None):
        return [
            c
            for c in self.comments
            if (since is None or c.submitted_at >= since) and (until is None or c.submitted_at < until)
        ]


@pytest.fixture
def comments():
    source = Comments()
    sources.register_comment_source(TEST_SOURCE, source)
    yield source
    sources.unregister(TEST_SOURCE)


@pytest.fixture
def due():
    items: list[sources.DueItem] = []
    sources.register_due_source(TEST_SOURCE, lambda today: list(items))
    yield items
    sources.unregister(TEST_SOURCE)


@pytest.fixture
def dropoff():
    pages: list[sources.PageDropOff] = []
    sources.register_dropoff_source(TEST_SOURCE, lambda since, until: list(pages))
    yield pages
    sources.unregister(TEST_SOURCE)
