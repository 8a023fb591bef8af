"""Staff accounts: roles, passwords, a TOTP second factor and server-side sessions."""

from flask import Flask

# models registers the tables; home_views adds the staff home and audit log to the same blueprint
from engage.auth import home_views, labels, models  # noqa: F401
from engage.auth.cli import users_cli
from engage.auth.service import load_session
from engage.auth.views import bp
from engage.extensions import login_manager


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.session_protection = None  # our server-side sessions carry the protection
    login_manager.user_loader(load_session)
    login_manager.login_message = None
    app.register_blueprint(bp)
    app.cli.add_command(users_cli)
    labels.init_app(app)
