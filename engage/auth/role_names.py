"""Roles in words for staff pages ("Moderator", never `moderator`)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from engage.auth.models import Role

ROLE_NAMES = {Role.moderator: _l("Moderator"), Role.leader: _l("Leader"), Role.admin: _l("Administrator")}


def role_name(role: Role) -> str:
    return str(ROLE_NAMES[role])


def init_app(app: Flask) -> None:
    app.add_template_global(role_name)
