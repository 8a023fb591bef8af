"""Demo digest subscriptions for the demo staff (weekly for the moderator, monthly for the leader)."""

from __future__ import annotations

from engage.auth import service as auth_service
from engage.digests import service
from engage.digests.compose import ROLE_SECTIONS
from engage.digests.models import SECTIONS

DEMO = (
    ("moderator@example-borough.invalid", "weekly"),
    ("leader@example-borough.invalid", "monthly"),
)


def load_demo() -> None:
    for email, frequency in DEMO:
        user = auth_service.find_user(email)
        if user is None or service.subscription_for(user) is not None:
            continue
        sections = [s for s in SECTIONS if s in ROLE_SECTIONS[user.role.value]]
        service.save_subscription(user, frequency=frequency, sections=sections, email=True, webhook_url=None)
