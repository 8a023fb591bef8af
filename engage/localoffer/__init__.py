"""The Local Offer: a directory families search, PCF moderators curate, and systems read as Open Referral UK."""

from flask import Flask

from engage.localoffer import models, reach_sources  # noqa: F401  (models registers the tables)
from engage.localoffer.api import bp as api_bp
from engage.localoffer.cli import localoffer_cli
from engage.localoffer.labels import days_label, revision_label, state_label
from engage.localoffer.render import markdown_html
from engage.localoffer.staff_views import bp as staff_bp
from engage.localoffer.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
    app.register_blueprint(api_bp)
    app.cli.add_command(localoffer_cli)
    app.add_template_filter(markdown_html, "markdown")
    app.add_template_filter(state_label)
    app.add_template_filter(revision_label)
    app.add_template_filter(days_label)
    reach_sources.register()
