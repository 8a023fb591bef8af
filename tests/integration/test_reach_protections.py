"""Reach tables are protected once per version of their data and stored in the database: views on any worker
serve the stored result without solving; `reports precompute` solves each changed period once, even when two
runs start together; new answers never get an older protection passed off as theirs."""

from __future__ import annotations

import re
import threading
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from engage import create_app
from engage.extensions import db
from engage.reach import sources
from engage.reach.periods import parse_period
from engage.reach.report import ProtectedTables, assemble_reach, build_reach, fingerprint, protect_tally
from engage.reach.sources import Participation
from engage.reach.web import protections, service
from engage.reach.web.models import ReachProtection
from tests.integration import reach_helpers
from tests.integration.reach_helpers import DEMO_BASELINE

people, comments = reach_helpers.people, reach_helpers.comments  # the fixtures
NOVEMBER = parse_period("2026-11")
PINNED = datetime(2026, 11, 18, 12)


class Solves:
    """Counts the protections solved (the real solver runs; only the calls are counted)."""

    def __init__(self) -> None:
        self.periods: list[int] = []
        self.lock = threading.Lock()

    def __call__(self, tally):
        with self.lock:
            self.periods.append(sum(tally.people.values()))
        return protect_tally(tally)


@pytest.fixture
def solves(monkeypatch):
    counter = Solves()
    monkeypatch.setattr(protections, "protect_tally", counter)
    return counter


def _given_a_month_of_answers(app, people):
    app.config["CLOCK_PINNED_AT"] = PINNED
    service.import_baseline(DEMO_BASELINE.read_bytes(), "Demo census", date(2026, 1, 15))
    people.synthetic(150, end=datetime(2026, 11, 15), days=10)


def test_a_stored_protection_is_exactly_what_a_solve_gives(app, people):  # app: the counters query the database
    people.synthetic(150, end=datetime(2026, 11, 15), days=10)
    tally = sources.participation_tally()
    tables = protect_tally(tally)
    assert ProtectedTables.from_json(tables.to_json()) == tables
    baseline = reach_helpers.demo_baseline_counts()
    assert assemble_reach(tables, baseline) == build_reach(tally, baseline)


def test_after_precompute_views_on_any_worker_solve_nothing(app, client, auth, people, solves, smtp_controller):
    _given_a_month_of_answers(app, people)
    assert protections.precompute([NOVEMBER, NOVEMBER.previous()]) == {"2026-11": "stored", "2026-10": "stored"}
    solved = len(solves.periods)
    auth.login("leader")
    assert client.get("/staff/reports/?period=2026-11").status_code == 200
    assert client.get("/staff/reach/?period=2026-11").status_code == 200
    other_worker = create_app(dict(app.config))
    with other_worker.app_context():
        report, counted_at = service.period_report(NOVEMBER)
        assert counted_at is None and report.respondents.value == 150
    assert len(solves.periods) == solved


def test_precompute_twice_solves_nothing_the_second_time(app, runner, people, solves):
    _given_a_month_of_answers(app, people)
    first = runner.invoke(args=["reports", "precompute"])
    assert first.exit_code == 0, first.output
    solved = len(solves.periods)
    assert solved == len(protections.periods_to_warm(PINNED.date()))
    second = runner.invoke(args=["reports", "precompute"])
    assert "0 period(s) protected and stored" in second.output
    assert len(solves.periods) == solved


def test_two_runs_at_once_solve_each_period_once(app, people, solves):
    _given_a_month_of_answers(app, people)
    periods = [NOVEMBER, NOVEMBER.previous(), parse_period("all"), parse_period("2026-W46")]
    outcomes, errors = [], []

    def run():
        try:
            with app.app_context():
                outcomes.append(protections.precompute(periods))
                db.session.remove()
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(solves.periods) == len(periods)
    stored = db.session.scalar(
        select(func.count()).select_from(ReachProtection).where(ReachProtection.tables.is_not(None))
    )
    assert stored == len(periods)


def test_a_live_claim_is_left_to_its_run_and_a_dead_one_is_taken_over(app, people, solves):
    _given_a_month_of_answers(app, people)
    key = fingerprint(sources.participation_tally(NOVEMBER.start, NOVEMBER.end))
    db.session.add(ReachProtection(period_key="2026-11", fingerprint=key, claimed_at=PINNED))
    db.session.commit()
    assert protections.precompute([NOVEMBER]) == {"2026-11": "claimed"}
    assert solves.periods == []
    app.config["CLOCK_PINNED_AT"] = datetime(2026, 11, 18, 12, protections.CLAIM_MINUTES + 1)
    assert protections.precompute([NOVEMBER]) == {"2026-11": "stored"}


def test_new_answers_are_never_served_an_older_protection_as_their_own(app, client, auth, people, solves):
    _given_a_month_of_answers(app, people)
    protections.precompute([NOVEMBER, NOVEMBER.previous()])
    people.people += [Participation("event:late", "event", None, datetime(2026, 11, 16), {}, "Late drop-in")] * 6
    auth.login("leader")
    page = client.get("/staff/reports/?period=2026-11").text
    assert "Representation figures were counted on 18 November 2026 at 12:00" in page
    assert "Late drop-in" not in page  # the stored tables, whole: never new numbers with older protection
    protections.precompute([NOVEMBER])
    page = client.get("/staff/reports/?period=2026-11").text
    assert "Representation figures were counted" not in page
    assert "Late drop-in" in page


def test_a_period_nobody_protected_is_solved_on_first_view_and_stored_for_everyone(app, client, auth, people, solves):
    _given_a_month_of_answers(app, people)
    auth.login("leader")
    client.get("/staff/reports/?period=2026-W46")
    protections.wait_for_solves()  # the week before it is solved beside the request, not waited for
    solved = len(solves.periods)
    assert solved == 2  # the week and the week before it
    client.get("/staff/reports/?period=2026-W46")
    assert len(solves.periods) == solved


class Counts:
    """Counts the calls to a source reader (the real reader runs; only the calls are counted)."""

    def __init__(self, real) -> None:
        self.real, self.calls = real, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.real(*args, **kwargs)


def test_while_the_sources_versions_are_unchanged_a_view_counts_nothing(app, client, auth, people, monkeypatch):
    _given_a_month_of_answers(app, people)
    sources.register_participation_version(reach_helpers.TEST_SOURCE, lambda: len(people.people))
    protections.precompute([NOVEMBER, NOVEMBER.previous()])
    counted = Counts(sources.participation_tally)
    monkeypatch.setattr(sources, "participation_tally", counted)
    auth.login("leader")
    assert client.get("/staff/reports/?period=2026-11").status_code == 200
    assert counted.calls == 0
    people.people += [Participation("event:late", "event", None, datetime(2026, 11, 16), {}, "Late drop-in")] * 6
    page = client.get("/staff/reports/?period=2026-11").text
    assert counted.calls == 1  # a new version: counted, found newer than what is stored
    assert "Representation figures were counted on" in page


def test_comment_tallies_are_kept_per_version_and_counted_again_when_comments_change(app, client, auth, comments):
    from engage.reach.sources import CommentInsight

    app.config["CLOCK_PINNED_AT"] = PINNED
    sources.register_comment_version(reach_helpers.TEST_SOURCE, lambda: len(comments.comments))
    at = datetime(2026, 11, 10)
    comments.comments = [CommentInsight("survey:a", at, "en", "negative", ("Waiting times",))] * 12
    counted = Counts(sources.comment_tally)
    auth.login("leader")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources, "comment_tally", counted)
        client.get("/staff/reports/?period=2026-11")
        first = counted.calls
        page = client.get("/staff/reports/?period=2026-11").text
        assert counted.calls == first  # read from report_tallies
        assert re.search(r"Waiting times</th>\s*<td[^>]*>12</td>", page)
        comments.comments += [CommentInsight("survey:a", at, "en", "positive", ("Waiting times",))] * 3
        page = client.get("/staff/reports/?period=2026-11").text
        assert counted.calls > first
        assert re.search(r"Waiting times</th>\s*<td[^>]*>15</td>", page)


def test_a_first_solve_that_takes_long_is_finished_beside_the_request_and_the_page_says_so(app, client, auth, people):
    _given_a_month_of_answers(app, people)
    app.config["REPORTS_SOLVE_WAIT_SECONDS"] = 0
    auth.login("leader")
    page = client.get("/staff/reports/?period=2026-W46")
    assert page.status_code == 200
    assert "being counted for the first time" in page.text
    assert "People who took part" not in page.text  # empty tables are never shown as zero people
    reach_page = client.get("/staff/reach/?period=2026-W46").text
    assert "being counted for the first time" in reach_page or "People who took part in this period" in reach_page
    protections.wait_for_solves()
    stored = db.session.scalars(select(ReachProtection.period_key).where(ReachProtection.tables.is_not(None))).all()
    assert "2026-W46" in stored
    page = client.get("/staff/reports/?period=2026-W46").text
    assert "being counted for the first time" not in page
    assert "People who took part" in page
