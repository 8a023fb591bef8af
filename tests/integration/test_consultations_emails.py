"""Followers' emails are template pairs in the follower's language, checked against stored snapshots (signed
link tokens, which change with the key and the time, are replaced by TOKEN).

After an intended change (or new translations), regenerate with:
UPDATE_SNAPSHOTS=1 pytest tests/integration/test_consultations_emails.py
"""

import os
import re
from pathlib import Path

import pytest

from engage.consultations import actions, emails
from engage.consultations.models import ActionStatus, Follower, Stage
from engage.extensions import db
from tests.integration import consultation_helpers as h

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots" / "consultations"


def _check(name: str, content: str) -> None:
    content = re.sub(r"/(confirm|unfollow)/[A-Za-z0-9_.-]+", r"/\1/TOKEN", content)
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") or not path.exists():
        path.write_text(content, encoding="utf-8")
    assert content == path.read_text(encoding="utf-8"), f"{name} changed; see the module docstring"


@pytest.mark.parametrize("language", ["en", "ur"])
def test_follower_emails_match_their_snapshots(app, language):
    app.config.update(SITE_URL="https://engage.example-borough.invalid", PARTNERSHIP_NAME="Example Partnership")
    consultation = h.make("short-breaks", title="Short breaks")
    follower = Follower(consultation_id=consultation.id, email="parent@example.org", language=language)
    db.session.add(follower)
    db.session.commit()
    action = actions.create_action(title="More holiday clubs", owner="Short breaks team", consultation=consultation)
    update = actions.post_update(action, text="Three clubs open in April", status=ActionStatus.in_progress)
    for name, message in (
        ("confirm", emails.confirmation(follower, consultation)),
        ("stage", emails.stage_news(follower, consultation, Stage.closed)),
        ("action", emails.action_news(follower, consultation, update)),
    ):
        assert "/unfollow/" in message.text and "/unfollow/" in message.html
        _check(f"{name}.{language}.txt", f"Subject: {message.subject}\n\n{message.text}")
        _check(f"{name}.{language}.html", message.html)
