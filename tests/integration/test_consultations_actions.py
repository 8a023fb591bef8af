"""The actions tracker: "You said, we did" shows actions beside the regulation 56 responses, filtered by status
and theme; "not doing" needs a reason; overdue actions reach leaders' digests; staff changes are audited."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from engage.audit import AuditEvent
from engage.clock import utcnow
from engage.consultations import actions, tracker
from engage.consultations.actions import ReasonRequiredError
from engage.consultations.models import Action, ActionStatus
from engage.extensions import db
from engage.feedback.models import Theme
from engage.reach.sources import due_items
from tests.integration import consultation_helpers as h


def _theme(slug: str, name: str) -> Theme:
    theme = Theme(slug=slug, name=name)
    db.session.add(theme)
    db.session.commit()
    return theme


def test_not_doing_needs_a_reason_families_can_read(app):
    with pytest.raises(ReasonRequiredError):
        actions.create_action(title="Bus passes", owner="Transport team", status=ActionStatus.not_doing)
    action = actions.create_action(title="Bus passes", owner="Transport team")
    with pytest.raises(ReasonRequiredError):
        actions.post_update(action, text="Stopped", status=ActionStatus.not_doing)
    assert db.session.get(Action, action.id).status == ActionStatus.planned


def test_given_actions_when_you_said_we_did_is_filtered_then_only_matching_ones_show(client):
    transport = _theme("transport", "Transport")
    _theme("waiting", "Waiting times")
    consultation = h.make("short-breaks", title="Short breaks")
    actions.create_action(title="More holiday clubs", owner="Short breaks team", consultation=consultation,
                          status=ActionStatus.in_progress, theme_slugs=["waiting"])  # fmt: skip
    taxi = actions.create_action(title="Taxi drivers trained", owner="Transport team", theme_slugs=[transport.slug])
    actions.post_update(taxi, text="Training booked for March", status=ActionStatus.done)
    page = client.get("/you-said-we-did")
    assert page.status_code == 200
    assert "More holiday clubs" in page.text and "Taxi drivers trained" in page.text
    assert "Training booked for March" in page.text and "/consultations/short-breaks" in page.text
    done = client.get("/you-said-we-did?status=done").text
    assert "Taxi drivers trained" in done and "More holiday clubs" not in done
    by_theme = client.get("/ur/you-said-we-did?theme=waiting").text
    assert "More holiday clubs" in by_theme and "Taxi drivers trained" not in by_theme


def test_overdue_unfinished_actions_feed_the_digests_actions_due_section(app):
    today = utcnow().date()
    actions.create_action(title="Late one", owner="Team A", due_on=today - timedelta(days=3))
    actions.create_action(title="Not due yet", owner="Team B", due_on=today + timedelta(days=3))
    actions.create_action(title="Late but done", owner="Team C", due_on=today - timedelta(days=3),
                          status=ActionStatus.done)  # fmt: skip
    titles = [item.title for item in due_items(today) if item.kind == "action"]
    assert titles == ["Late one"]
    assert [i.path for i in tracker.overdue(today)][0].startswith("/staff/consultations/actions/")


def test_staff_add_an_action_and_post_an_update_through_the_forms_and_it_is_audited(client, auth):
    auth.login("moderator")
    response = client.post(
        "/staff/consultations/actions/new",
        data={"title": "Easy-read letters", "owner": "SEND team", "status": "planned", "due_on": ["1", "3", "2027"]},
    )
    assert response.status_code == 302
    action = db.session.scalar(select(Action))
    assert action.due_on == date(2027, 3, 1)
    refused = client.post(f"/staff/consultations/actions/{action.id}/updates",
                          data={"text": "Dropped", "status": "not_doing"})  # fmt: skip
    assert refused.status_code == 400 and "Say why" in refused.text
    client.post(
        f"/staff/consultations/actions/{action.id}/updates", data={"text": "Drafts ready", "status": "in_progress"}
    )
    db.session.expire_all()
    assert db.session.get(Action, action.id).status == ActionStatus.in_progress
    audited = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "consultation_action")))
    assert audited == {"consultations.action.create", "consultations.action.update"}
