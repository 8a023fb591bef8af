"""Demo staff for Example Borough. Their passwords and authenticator secrets are public: demo only."""

from __future__ import annotations

import click

from engage.auth import passwords, service
from engage.auth.models import Role, User
from engage.extensions import db

DEMO_PASSWORD = "example borough demo staff"  # noqa: S105 (public demo account)
DEMO_STAFF = (
    ("moderator@example-borough.invalid", Role.moderator, "JBSWY3DPEHPK3PXPMODERATOR2"),
    ("leader@example-borough.invalid", Role.leader, "JBSWY3DPEHPK3PXPLEADERXYZ2"),
    ("admin@example-borough.invalid", Role.admin, "JBSWY3DPEHPK3PXPADMINXYZW2"),
)


def load_demo() -> None:
    for email, role, secret in DEMO_STAFF:
        if service.find_user(email) is None:
            db.session.add(
                User(email=email, role=role, password_hash=passwords.hash_password(DEMO_PASSWORD), totp_secret=secret)
            )
    db.session.commit()
    click.echo(f"Demo staff (password '{DEMO_PASSWORD}'; add the secret to an authenticator app):")
    for email, role, secret in DEMO_STAFF:
        click.echo(f"  {role.value:<10} {email}  TOTP secret {secret}")
