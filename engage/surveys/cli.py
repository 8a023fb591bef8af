"""`flask --app wsgi surveys check | purge-drafts | purge-responses | export`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.exc import SQLAlchemyError

from engage.extensions import db
from engage.surveys import export, retention, service
from engage.surveys.loader import check_directory

surveys_cli = AppGroup("surveys", help="Survey definitions, drafts and exports.")


@surveys_cli.command("check")
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="Defaults to SURVEYS_DIR.")
def check(directory: str | None) -> None:
    """Validate every survey file; name the file, the element and the problem."""
    surveys, problems = check_directory(Path(directory or current_app.config["SURVEYS_DIR"]))
    for survey in surveys.values():
        click.echo(f"ok   {survey.source}: {survey.id} version {survey.version}")
    problems = [str(p) for p in problems] + stored_version_problems(surveys)
    for problem in problems:
        click.echo(f"FAIL {problem}", err=True)
    if problems:
        sys.exit(1)


def stored_version_problems(surveys) -> list[str]:
    """Compare with versions already answered, when the database is there to ask."""
    try:
        return service.changed_without_new_version(surveys)
    except SQLAlchemyError:
        db.session.rollback()
        click.echo("note: database not reachable; not compared with versions already answered", err=True)
        return []


@surveys_cli.command("purge-drafts")
def purge_drafts() -> None:
    """Delete the answers of drafts past SURVEY_DRAFT_DAYS (run daily from cron)."""
    click.echo(f"Purged {service.purge_drafts()} expired drafts.")


@surveys_cli.command("purge-responses")
def purge_responses() -> None:
    """Delete responses past their survey's retention_days (or SURVEY_RESPONSE_RETENTION_DAYS); run daily."""
    purged = retention.purge_responses()
    for survey_id, count in sorted(purged.items()):
        click.echo(f"{survey_id}: deleted {count} responses past retention")
    click.echo(f"Purged {sum(purged.values())} responses.")


@surveys_cli.command("export")
@click.argument("survey_id")
@click.option("--format", "fmt", type=click.Choice(["csv", "ods"]), default="csv")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Defaults to standard output.")
@click.option("--redact/--no-redact", default=False, help="Replace free text with [redacted].")
@click.option("--summary", is_flag=True, help="Answer counts per option instead (counts of 1 to 4 as <5).")
@click.option(
    "--codes",
    is_flag=True,
    help="Question ids, option ids, language codes, channel slugs and ISO times (stable columns for scripts).",
)
def export_responses(survey_id: str, fmt: str, output: str | None, redact: bool, summary: bool, codes: bool) -> None:
    """One row per response, a column per question headed by its text, answers in words (or, with --summary,
    answer counts; with --codes, the stored codes)."""
    survey = service.registry().get(survey_id)
    if survey is None:
        raise click.ClickException(f"No survey with id {survey_id!r}.")
    layout = "codes" if codes else "words"
    data = export.export_file(survey, fmt, redact=redact, actor="cli", summary=summary, layout=layout)
    if output:
        Path(output).write_bytes(data)
        click.echo(f"Wrote {output}")
    else:
        sys.stdout.buffer.write(data)
