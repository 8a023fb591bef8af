"""Two staff members signed in at once, each with their own browser (test client), through the real sign-in."""

import re

from tests.conftest import AuthActions


def second_client(app, role: str = "moderator"):
    """Another person's browser, signed in with their own account: (client, user)."""
    other = app.test_client()
    user = AuthActions(other).login(role)
    return other, user


def hidden(page: str, name: str) -> str:
    """A hidden field's value as the page carries it."""
    found = re.search(rf'<input type="hidden" name="{re.escape(name)}" value="([^"]*)"', page)
    assert found, f"no hidden {name} on the page"
    return found.group(1)


def drawn_from(page: str) -> dict:
    """The version fields a workspace page carries (its version and what each section showed)."""
    fields = dict(re.findall(r'<input type="hidden" name="(seen-\w+)" value="([^"]*)"', page))
    return {"version": hidden(page, "version"), **fields}
