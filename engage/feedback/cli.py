"""`flask --app wsgi feedback ...`: retention, exports, re-analysis, alert retries and retraining (cron-friendly)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from engage.feedback import alerts, exports, privacy, queries, service, themes

feedback_cli = AppGroup("feedback", help="Comments: retention, exports, re-analysis and safeguarding alerts.")


@feedback_cli.command("purge")
def purge() -> None:
    """Delete contact details older than FEEDBACK_CONTACT_RETENTION_DAYS (running it twice changes nothing)."""
    count = privacy.purge_contact_details()
    click.echo(f"Removed contact details from {count} comments.")


@feedback_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "ods"]), default="csv", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default stdout).")
@click.option("--codes", is_flag=True, help="Stored codes and ISO times (UTC) instead of words, for scripts.")
def export(fmt: str, output: Path | None, codes: bool) -> None:
    """Every comment as leaders may see it: redacted text, topic, language, sentiment, themes, flags, dates."""
    content, _mimetype, _extension = exports.leader_export(fmt, layout="codes" if codes else "words")
    if output:
        output.write_bytes(content)
        click.echo(f"Wrote {output}.", err=True)
    elif fmt == "ods":
        sys.stdout.buffer.write(content)
    else:
        click.echo(content.decode("utf-8"), nl=False)


@feedback_cli.command("reanalyse")
@click.option("--all", "everything", is_flag=True, help="Analyse every comment again, not only pending or failed.")
def reanalyse(everything: bool) -> None:
    """Analyse comments whose analysis is pending or failed (and send any safeguarding alert it raises)."""
    done, failed = service.reanalyse_pending(everything=everything)
    click.echo(f"Analysed {done} comments; {failed} failed and will be retried.")
    if failed:
        sys.exit(1)


@feedback_cli.command("retry-alerts")
def retry_alerts() -> None:
    """Send every safeguarding alert not yet delivered (run from cron every few minutes)."""
    sent, failed = alerts.retry_alerts()
    click.echo(f"Sent {sent} safeguarding alerts; {failed} still failing.")
    if failed:
        sys.exit(1)


def retrain_into(model_out: str | None) -> tuple[dict, str]:
    """`insight retrain`'s work inside the application: stored in the database (and in ``model_out`` if given)."""
    info = service.retrain_from_codes(model_out)
    return info, "the database" + (f" and {model_out}" if model_out else "")


@feedback_cli.command("retrain")
@click.option("--model-out", type=click.Path(file_okay=False), help="Also write the model's files to this directory.")
def retrain(model_out) -> None:
    """Retrain the theme model from moderators' confirmed codes (the same as `insight retrain`)."""
    try:
        info, where = retrain_into(model_out)
    except Exception as error:  # the engine says why (too few examples...)
        raise click.ClickException(str(error)) from error
    click.echo(f"Trained on {info.get('rows')} coded comments; saved to {where}.")


@feedback_cli.command("seed-themes")
def seed_themes() -> None:
    """Add the shipped SEND themes that are not in the database yet."""
    themes.ensure_seeded()
    click.echo("Themes seeded.")


@feedback_cli.command("safeguarding-decisions")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True)
def safeguarding_decisions(output: Path) -> None:
    """Write moderators' safeguarding decisions (dismissed: no concern; acted on: concern) as training examples.

    The file holds the families' words: keep it with the model's training data, not in a shared folder. Pass it
    to `python -m engage.insight.safeguarding_training` beside the shipped example files.
    """
    cases = [{"text": text, "concern": concern} for text, concern in queries.safeguarding_decisions()]
    output.write_text(json.dumps({"cases": cases}, ensure_ascii=False, indent=1), encoding="utf-8")
    click.echo(f"Wrote {len(cases)} decisions to {output}.", err=True)
