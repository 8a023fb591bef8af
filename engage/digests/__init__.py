"""Digests: weekly or monthly summaries composed per subscriber, sent by email and webhook, each delivery recorded."""

from flask import Flask

from engage.digests import deliveries, models  # noqa: F401  (models registers the tables)
from engage.digests.cli import digests_cli
from engage.digests.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.cli.add_command(digests_cli)
    deliveries.init_app(app)
