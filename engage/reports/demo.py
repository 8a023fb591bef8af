"""Demo: protect every period a leader can open, so the first leader to look at any of them is served stored tables.

Without this the first view of `/staff/reports/` after `make run` (or on the browser tests' live server) solved
its month and the month before at request time: about 20 s on the demo, over 30 s on a busy machine; a week the
filter offers waited 5 s and then said it was being counted. Since the solver got quicker (a demo month about
0.7 s of CPU), protecting every offered period takes about 20 s of CPU, less than the opening periods alone did."""

from __future__ import annotations

import click
from flask import current_app

from engage.clock import utcnow
from engage.reach.periods import parse_period
from engage.reach.web import tallies
from engage.reports.service import protect_offered_periods


def load_demo() -> None:
    if not current_app.config.get("DEMO_PROTECT_REPORTS", True):
        return  # tests that never open a report skip the minute of solving (tests/conftest.py)
    outcome = protect_offered_periods(utcnow().date())
    tallies.warm([parse_period(key) for key in outcome])
    stored = sum(1 for state in outcome.values() if state == "stored")
    if stored:
        click.echo(f"Reports: {stored} period(s) protected and stored ({', '.join(sorted(outcome))}).")
