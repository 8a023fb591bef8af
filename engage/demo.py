"""`flask --app wsgi demo load`: the fictional "Example Borough", built by each feature's own loader."""

from __future__ import annotations

import importlib

import click
from flask import current_app
from flask.cli import AppGroup

demo_cli = AppGroup("demo", help="Demo data for a fictional area.")

#: Feature loaders in order (later ones build on earlier ones); each is idempotent.
LOADERS = (
    "engage.auth.demo",
    "engage.localoffer.demo",
    "engage.surveys.demo",
    "engage.feedback.demo",
    "engage.consultations.demo",
    "engage.reach.web.demo",
    "engage.digests.demo",
    "engage.reports.demo",
)


@demo_cli.command("load")
def load() -> None:
    """Load (or top up) the demo area; running it twice changes nothing."""
    if current_app.config["ENGAGE_ENV"] == "production":
        raise click.ClickException("Refusing to load demo data (with public demo passwords) in production.")
    for name in LOADERS:
        importlib.import_module(name).load_demo()
    click.echo("Demo loaded.")
