"""CI says what it did not run: with CI=true, a skipped test fails the run, unless the other CI pass runs it.

CI runs the suite twice (.ci/run): on SQLite with the browser tests, and on PostgreSQL without them. A test that
needs PostgreSQL may skip on the SQLite pass (marked `postgres`, or saying "needs PostgreSQL" in its reason), and
one that needs SQLite may skip on the PostgreSQL pass (saying "SQLite" in its reason); in the pass meant to run it,
the same skip fails. Everything else (Chromium, axe, Playwright, Redis, ../shared) must be present in CI, so its
skip fails. Locally (CI unset) a skip stays a skip, for a fresh clone without those parts.
"""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgresql")


def run_by_the_other_pass(reason: str, markers: set[str]) -> bool:
    """True when the skip only says "not in this pass" and the other pass runs the test."""
    if on_postgres():
        return "SQLite" in reason
    return "postgres" in markers or "needs PostgreSQL" in reason


def _reason(report) -> str:
    longrepr = report.longrepr
    return longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not (in_ci() and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = _reason(report)
    if not run_by_the_other_pass(reason, {mark.name for mark in item.iter_markers()}):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where everything must run: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    """A whole module skipped at import (pytest.importorskip) fails too."""
    outcome = yield
    report = outcome.get_result()
    if in_ci() and report.skipped and not run_by_the_other_pass(_reason(report), set()):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where everything must run: {_reason(report)}"
