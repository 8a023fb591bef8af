"""A staff member manages their own digest subscription at /staff/digests."""

from __future__ import annotations

from sqlalchemy import select

from engage.digests.models import Frequency, Subscription
from engage.extensions import db


def test_given_a_leader_when_saving_settings_then_the_subscription_is_stored(client, auth):
    user = auth.login("leader")
    page = client.get("/staff/digests")
    assert page.status_code == 200
    assert "Comments waiting for moderation" not in page.text  # not offered to leaders
    response = client.post(
        "/staff/digests",
        data={
            "active": "y",
            "frequency": "monthly",
            "sections": ["themes", "reach"],
            "email": "y",
            "webhook_url": "https://teams.example.invalid/hook",
        },
    )
    assert response.status_code == 302
    subscription = db.session.scalar(select(Subscription).where(Subscription.user_id == user.id))
    assert subscription.frequency is Frequency.monthly
    assert subscription.sections == ["themes", "reach"]
    assert subscription.webhook_url == "https://teams.example.invalid/hook"


def test_given_a_webhook_that_is_not_http_then_it_is_refused(client, auth):
    auth.login("moderator")
    response = client.post(
        "/staff/digests", data={"active": "y", "frequency": "weekly", "webhook_url": "javascript:alert(1)"}
    )
    assert response.status_code == 400
    assert "Enter a web address starting with https:// or http://" in response.text
    assert db.session.scalar(select(Subscription)) is None


def test_given_neither_email_nor_webhook_then_the_form_asks_for_one(client, auth):
    auth.login("moderator")
    response = client.post("/staff/digests", data={"active": "y", "frequency": "weekly"})
    assert response.status_code == 400
    assert "Choose email, a webhook address, or both" in response.text


def test_given_anonymous_then_settings_need_a_sign_in(client):
    assert client.get("/staff/digests").status_code == 302
