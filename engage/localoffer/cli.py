"""``flask --app wsgi localoffer ...``: import and export Open Referral UK files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from engage.localoffer import csvio, importer
from engage.localoffer import service as ops

localoffer_cli = AppGroup("localoffer", help="Local Offer directory: import and export Open Referral UK.")


def parse_file(name: str, raw: bytes) -> object:
    """Parsed JSON, or CSV rows turned into service documents (by file name)."""
    text = raw.decode("utf-8-sig")
    if name.lower().endswith(".csv"):
        return csvio.from_csv(text, ops.existing_document)
    return json.loads(text)


def _importer(email: str | None, publish: bool) -> object | None:
    """The staff member bringing the file in: the second-person rule needs to know who it was."""
    from sqlalchemy import func, select

    from engage.auth.models import User
    from engage.extensions import db

    if email is None:
        if not publish:
            raise click.ClickException("say who is importing with --as EMAIL: someone else must publish the changes")
        return None
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"no staff account has the email {email}")
    return user


@localoffer_cli.command("import")
@click.option("--publish", is_flag=True, help="Publish at once instead of landing as drafts for review.")
@click.option("--as", "as_email", metavar="EMAIL", help="The staff member importing (required without --publish).")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(publish: bool, as_email: str | None, file: Path) -> None:
    """Import FILE (Open Referral UK JSON, or CSV); all or nothing."""
    actor = _importer(as_email, publish)
    try:
        data = parse_file(file.name, file.read_bytes())
    except (ValueError, UnicodeDecodeError) as error:
        raise click.ClickException(f"{file}: not valid JSON or CSV ({error})") from None
    try:
        result = ops.import_data(data, publish, actor)
    except importer.ImportRejected as rejected:
        for problem in rejected.result.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(rejected.result.problems)} problem(s); nothing was imported") from None
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    state = "published" if publish else "drafts for review"
    click.echo(f"Imported {len(result.created)} new and {len(result.updated)} updated service(s) as {state}.")


@localoffer_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
def export_command(fmt: str, output: Path | None) -> None:
    """Export every published service."""
    text = ops.export_text(fmt, None)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}.", err=True)
    else:
        sys.stdout.write(text)
