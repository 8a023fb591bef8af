"""`flask --app wsgi users ...`: staff accounts from the terminal."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from engage.auth import service
from engage.auth.models import Role
from engage.urls import external_url

users_cli = AppGroup("users", help="Create and manage staff accounts.")


def _link(token: str) -> str:
    return external_url("auth.enrol", token=token)


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
def create(email: str, role: str) -> None:
    """Create a staff account and print its one-time enrolment link (valid 72 hours)."""
    if service.find_user(email):
        raise click.ClickException(f"There is already an account for {email}.")
    _user, token = service.create_user(email, role)
    click.echo(f"Created {role} {service.normalise_email(email)}.")
    click.echo(f"One-time enrolment link (valid 72 hours): {_link(token)}")


@users_cli.command("reset")
@click.argument("email")
@click.option("--new-device", is_flag=True, help="Also replace the authenticator (lost phone).")
def reset(email: str, new_device: bool) -> None:
    """Print a one-time link to set a new password (the old one stops working); ends the person's sessions."""
    user = service.find_user(email)
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    token = service.issue_reset(user, password=True, authenticator=new_device)
    click.echo(f"One-time reset link (valid 72 hours): {_link(token)}")


@users_cli.command("list")
def list_users() -> None:
    """List staff accounts with their role and state."""
    for user in service.list_users():
        state = "active" if user.active else "inactive"
        enrolled = "enrolled" if user.is_enrolled else "not enrolled"
        click.echo(f"{user.email}\t{user.role.value}\t{state}\t{enrolled}")
