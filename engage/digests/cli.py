"""`flask --app wsgi digests send`: for cron (e.g. Mondays and the 1st of each month)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from engage.digests.service import send_digests

digests_cli = AppGroup("digests", help="Scheduled digests by email and webhook.")


@digests_cli.command("send")
@click.option("--period", "frequency", type=click.Choice(["weekly", "monthly"]), help="Only this kind (default: both).")
@click.option("--dry-run", is_flag=True, help="Compose and show what would be sent; send and record nothing.")
def send(frequency: str | None, dry_run: bool) -> None:
    """Send each subscriber's digest for the last complete period once; retry earlier failures."""
    report = send_digests(frequency, dry_run=dry_run)
    for outcome in report.outcomes:
        line = f"{outcome.result:<10} {outcome.period_key:<9} {outcome.channel:<8} {outcome.email}"
        click.echo(line + (f"  ({outcome.error})" if outcome.error else ""))
    summary = ", ".join(f"{report.count(r)} {r}" for r in ("sent", "would send", "skipped", "failed", "abandoned"))
    click.echo(f"Digests: {summary}.")
    if report.failed:
        raise click.ClickException(f"{len(report.failed)} deliveries failed; failed ones are retried on the next run.")
