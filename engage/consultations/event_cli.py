"""`flask --app wsgi events run` / `send-reminders`: the hourly cron of co-production events."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from engage.consultations import event_cron

events_cli = AppGroup("events", help="Co-production events: offers, reminders.")


def _run() -> None:
    result = event_cron.run()
    click.echo(
        f"Offers expired: {result.expired}; offers sent: {result.offers}; reminders sent: {result.reminders}; "
        f"not sent: {result.failed}."
    )


@events_cli.command("run")
def run_command() -> None:
    """Expire offers (passing places on), email offers and reminders, each exactly once (cron, hourly)."""
    _run()


@events_cli.command("send-reminders")
def send_reminders_command() -> None:
    """The same as `run` (the name the issue gives; both are kept for cron files)."""
    _run()
