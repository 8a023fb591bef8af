"""The home page and the pages every public service needs: cookies, accessibility, privacy."""

from flask import Flask

from engage.pages.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
