"""Accounts in words for pages and emails: roles and states, never the stored codes."""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engage.auth.models import Role, User
from engage.clock import utcnow
from engage.dates import long_datetime

ROLE_LABELS = {
    Role.moderator.value: _l("Moderator (Parent Carer Forum)"),
    Role.leader.value: _l("Leader (council, NHS or education)"),
    Role.admin.value: _l("Administrator"),
}


def role_label(role: Role | str) -> str:
    return str(ROLE_LABELS[Role(role).value])


def account_state(user: User) -> str:
    """Where the account stands, with the link's deadline while one is out."""
    if not user.active:
        return _("Deactivated: cannot sign in")
    if user.is_enrolled:
        return _("Active")
    started = user.password_hash is not None or user.totp_secret is not None
    if user.enrolment_expires_at is None or user.enrolment_expires_at < utcnow():
        return _("Reset started: the link has expired") if started else _("Not set up yet: the link has expired")
    until = long_datetime(user.enrolment_expires_at)
    if started:
        return _("Reset started: the link works until %(when)s", when=until)
    return _("Not set up yet: the link works until %(when)s", when=until)


def init_app(app: Flask) -> None:
    app.add_template_global(role_label)
    app.add_template_global(account_state)
