"""Reports: the dashboard for leaders and the Parent Carer Forum, accessible SVG charts, CSV and ODS exports."""

from flask import Flask

from engage.reports.cli import reports_cli
from engage.reports.themes import theme_label
from engage.reports.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.add_template_global(theme_label)
    app.cli.add_command(reports_cli)
