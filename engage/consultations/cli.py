"""`flask --app wsgi consultations advance`: the cron that records stage changes and emails followers once."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from engage.consultations import notify

consultations_cli = AppGroup("consultations", help="Co-production consultations.")


def _run() -> None:
    result = notify.run()
    click.echo(f"Stage changes recorded: {result.recorded}; emails sent: {result.sent}; not sent: {result.failed}.")


@consultations_cli.command("advance")
def advance() -> None:
    """Record stages reached by date and send followers' emails, each exactly once (cron, every 15 minutes)."""
    _run()


@consultations_cli.command("notify")
def notify_command() -> None:
    """The same as `advance` (both names are kept for cron files)."""
    _run()
