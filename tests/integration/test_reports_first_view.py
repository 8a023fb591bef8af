"""After `demo load` (what `make run` and the browser tests' live server do), every period a leader can choose on
the report pages is served from stored protections: the first leader to look at any of them waits for no solve,
and the participation versions do not change between requests (a version that did would make every view count the
answers again)."""

from __future__ import annotations

from datetime import datetime

import pytest

from engage.reach import sources
from engage.reach.periods import recent
from engage.reach.report import protect_tally
from engage.reach.web import protections

#: The browser tests' live server clock.
PINNED = datetime(2026, 11, 18, 12)


@pytest.fixture
def demo(app, runner):
    app.config["CLOCK_PINNED_AT"] = PINNED
    app.config["DEMO_PROTECT_REPORTS"] = True  # as `make run` (tests skip it by default)
    result = runner.invoke(args=["demo", "load"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return app


def test_after_demo_load_the_first_views_solve_nothing_and_count_nothing(demo, client, auth, monkeypatch):
    solved, counted = [], []
    monkeypatch.setattr(protections, "protect_tally", lambda tally: solved.append(tally) or protect_tally(tally))
    real_tally = sources.participation_tally
    monkeypatch.setattr(sources, "participation_tally", lambda *window: counted.append(window) or real_tally(*window))
    auth.login("leader")
    first = client.get("/staff/reports/")
    assert first.status_code == 200
    assert "People who took part" in first.text
    assert client.get("/staff/reports/?period=2026-09").status_code == 200  # the default period's previous one
    assert client.get("/staff/reach/").status_code == 200
    assert solved == []
    # the versions recorded at demo load still match: nothing is even counted
    assert counted == []


def test_after_demo_load_every_offered_period_is_stored(demo, client, auth, monkeypatch):
    # Before, demo load stored only the opening periods: a week the filter offers (2026-W40, say) was solved
    # beside the request, waited for 5 s and shown as "being counted".
    solved = []
    monkeypatch.setattr(protections, "protect_tally", lambda tally: solved.append(tally) or protect_tally(tally))
    auth.login("leader")
    for period in recent(PINNED.date()):
        for page in ("/staff/reports/", "/staff/reach/"):
            response = client.get(f"{page}?period={period.key}")
            assert response.status_code == 200
            assert "being counted" not in response.text, (page, period.key)
    assert solved == []


def test_participation_versions_are_the_same_from_one_request_to_the_next(demo, client, auth):
    first = sources.participation_version()
    auth.login("leader")
    client.get("/staff/reports/")
    assert sources.participation_version() == first
