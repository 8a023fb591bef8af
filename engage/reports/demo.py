"""Demo: protect the periods the report pages open on, so the first leader to look is served stored tables.

Without this the first view of `/staff/reports/` after `make run` (or on the browser tests' live server) solved
its month and the month before at request time: about 20 s on the demo, over 30 s on a busy machine. The other
offered periods are left to `reports precompute` (cron), which takes minutes for all of them."""

from __future__ import annotations

import click
from flask import current_app

from engage.clock import utcnow
from engage.reach.periods import parse_period
from engage.reach.web import tallies
from engage.reports.service import protect_opening_periods


def load_demo() -> None:
    if not current_app.config.get("DEMO_PROTECT_REPORTS", True):
        return  # tests that never open a report skip the minute of solving (tests/conftest.py)
    outcome = protect_opening_periods(utcnow().date())
    tallies.warm([parse_period(key) for key in outcome])
    stored = sum(1 for state in outcome.values() if state == "stored")
    if stored:
        click.echo(f"Reports: {stored} period(s) protected and stored ({', '.join(sorted(outcome))}).")
