"""`flask --app wsgi reports precompute`: protect the reach tables of the periods the reports offer (cron)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from engage.clock import utcnow
from engage.reach.periods import parse_period
from engage.reach.web import tallies
from engage.reports.service import protect_offered_periods

reports_cli = AppGroup("reports", help="Reports: protected tables kept ready for every worker.")


@reports_cli.command("precompute")
def precompute_command() -> None:
    """Protect each period a leader can open (the opening ones, each offered period and the one before it) whose
    answers changed since it was last protected, and count its comments. Safe to run twice at once: each period
    is claimed before it is solved."""
    outcome = protect_offered_periods(utcnow().date())
    tallies.warm([parse_period(key) for key in outcome])
    counts = {state: sum(1 for s in outcome.values() if s == state) for state in ("stored", "current", "claimed")}
    click.echo(
        f"{counts['stored']} period(s) protected and stored, {counts['current']} already current, "
        f"{counts['claimed']} being protected by another run."
    )
