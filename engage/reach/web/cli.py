"""`flask --app wsgi reach ...`: import a population baseline; write the reach report as CSV."""

from __future__ import annotations

import csv
import sys
from datetime import datetime

import click
from flask.cli import AppGroup

from engage.audit import record_audit
from engage.reach.baseline import BaselineError
from engage.reach.web import service

reach_cli = AppGroup("reach", help="Population baselines and the reach report.")
baseline_cli = AppGroup("baseline", help="The SEND population the reach report compares against.")
reach_cli.add_command(baseline_cli)


@baseline_cli.command("import")
@click.argument("file", type=click.File("rb"))
@click.option("--source", required=True, help='Where the numbers come from, e.g. "School census, January 2026".')
@click.option("--as-of", "as_of", required=True, type=click.DateTime(["%Y-%m-%d"]), help="The date they describe.")
def import_command(file, source: str, as_of: datetime) -> None:
    """Import FILE.csv (columns dimension, group, count) whole, or nothing with every problem listed."""
    if not source.strip():
        raise click.BadParameter("give the source of the numbers", param_hint="--source")
    try:
        baseline = service.import_baseline(file.read(), source, as_of.date(), filename=getattr(file, "name", None))
    except BaselineError as error:
        for problem in error.problems:
            click.echo(problem.english(), err=True)
        raise click.ClickException(f"Nothing imported: {len(error.problems)} problem(s) in the file.") from None
    click.echo(f"Imported baseline {baseline.id}: {len(baseline.rows)} groups, as of {baseline.as_of.isoformat()}.")


@baseline_cli.command("import-dfe")
@click.argument("files", nargs=-1, required=True, type=click.File("rb"))
@click.option("--la", "la_code", help="The local authority's ONS code; default: the area's own.")
@click.option("--year", "time_period", help="The school census time_period, e.g. 202425; default: the latest.")
def import_dfe_command(files, la_code: str | None, time_period: str | None) -> None:
    """Import the area's rows of DfE tidy CSV FILES ("Special educational needs in England", and optionally
    "Education, health and care plans") as one baseline, whole or not at all."""
    from flask import current_app

    from engage.reach.dfe import DfeFileError, read_dfe_files
    from engage.reach.web import baselines

    code = (la_code or current_app.config["AREA_ONS_CODE"]).strip().upper()
    try:
        texts = [(getattr(file, "name", "the file"), file.read().decode("utf-8-sig")) for file in files]
        found = read_dfe_files(texts, code, time_period)
    except UnicodeDecodeError:
        raise click.ClickException("Nothing imported: a file is not UTF-8 text: save it as CSV (UTF-8).") from None
    except DfeFileError as error:
        raise click.ClickException(f"Nothing imported: {error}") from None
    already = baselines.current_with_dataset(found.dataset, found.source()[:200])
    if already:
        raise click.ClickException(
            f"Nothing imported: {found.time_period} for {code} is already the baseline {already.id}; "
            "roll it back first."
        )
    names = ", ".join(name for name, _ in texts)
    try:
        baseline = service.import_baseline(
            found.csv_text, found.source()[:200], found.as_of, filename=names[:200], dataset=found.dataset
        )
    except BaselineError as error:
        for problem in error.problems:
            click.echo(problem.english(), err=True)
        raise click.ClickException(f"Nothing imported: {len(error.problems)} problem(s).") from None
    unknown = ", ".join(f"{d} {g}" for d, g in found.unknown) or "none"
    outside = "; ".join(found.outside) or "none"
    click.echo(
        f"Imported baseline {baseline.id} from {found.source()}: {len(baseline.rows)} groups; "
        f"suppressed, kept as unknown: {unknown}; left out, no reach group: {outside}."
    )


@reach_cli.command("report")
@click.option("--activity", help="One activity id, e.g. survey:send-experience-2026.")
@click.option("--channel", help="One outreach channel (the ?src= slug, or direct).")
@click.option("--by", type=click.Choice(["activity", "channel"]), help="A table for every activity or channel.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Count people from this date (UTC).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Count people before this date (UTC).")
@click.option("--format", "file_format", type=click.Choice(["csv"]), default="csv", show_default=True)
@click.option(
    "--output", type=click.File("w", encoding="utf-8"), default="-", help="A file (default: standard output)."
)
def report_command(activity, channel, by, since, until, file_format, output) -> None:
    """Respondents per group against the population, with disclosure control applied."""
    report = service.reach_report(since, until)
    if activity and activity not in report.titles:
        click.echo(f"No one took part in {activity} in this period.", err=True)
    if channel and channel not in report.totals["channel"]:
        click.echo(f"No one came through {channel} in this period.", err=True)
    labels = service.baseline_labels()
    rows = service.report_rows(
        report, activity=activity, by=by, channel=None if activity else channel, baselines=labels
    )
    writer = csv.DictWriter(output, fieldnames=service.CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    detail = {
        "activity": activity,
        "channel": channel,
        "by": by,
        "since": since and since.date().isoformat(),
        "rows": len(rows),
    }
    record_audit("reach.report.export", "reach_report", None, format=file_format, **detail)
    if output is not sys.stdout:
        click.echo(f"Wrote {len(rows)} rows.", err=True)
