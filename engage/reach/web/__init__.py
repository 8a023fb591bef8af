"""The Flask side of reach: population baselines in the database, the /staff/reach page and `flask reach`."""

from flask import Flask

from engage.reach.web import helpers, models  # noqa: F401  (models registers the tables)
from engage.reach.web.cli import reach_cli
from engage.reach.web.views import bp


def init_app(app: Flask) -> None:
    helpers.init_app(app)
    app.register_blueprint(bp)
    app.cli.add_command(reach_cli)
