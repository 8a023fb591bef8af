"""Issue 16, deliverable 6: the staff home shows each person's workload as counts, each a link to the filtered list
that shows exactly those things; only what their role may open; in a few queries whatever the amount of work."""

from __future__ import annotations

import copy
import re
from datetime import timedelta

import pytest
from sqlalchemy import event, update

from engage.clock import utcnow
from engage.consultations import actions
from engage.consultations.models import ActionStatus
from engage.extensions import db
from engage.feedback import service as feedback
from engage.feedback.models import Comment
from engage.localoffer import models as m
from engage.localoffer import service as ops
from engage.localoffer.demo import demo_documents
from tests.conftest import AuthActions

SUICIDE = "My son keeps saying he wants to die and the waiting list for CAMHS is eight months. What do we do?"


def _tiles(html: str) -> dict[str, tuple[int, str]]:
    """data-workload key -> (count, link) as the page shows them."""
    found = re.findall(
        r'data-workload="([a-z_]+)">\s*<a[^>]*href="([^"]+)">\s*<span class="engage-workload__count">(\d+)</span>', html
    )
    return {key: (int(count), href.replace("&amp;", "&")) for key, href, count in found}


def _published(count: int, skip: int = 0) -> list[m.Service]:
    docs = demo_documents(skip + count)[skip:]
    ops.import_data(docs, True, None)
    return [db.session.get(m.Service, doc["id"]) for doc in docs]


def _propose(service: m.Service, user) -> None:
    doc = copy.deepcopy(ops.editable_document(service))
    doc["description"] = f"A change by {user.email}."
    ops.save_service(service, doc, user)
    ops.submit_for_review(service, user)


@pytest.fixture
def work(app):
    """Two moderators' changes in review, comments (one a safeguarding concern), entries and actions overdue."""
    a_client, b_client = app.test_client(), app.test_client()
    a = AuthActions(a_client).login("moderator")
    b = AuthActions(b_client).login("moderator")
    services = _published(6)
    _propose(services[0], a)
    _propose(services[1], b)
    _propose(services[2], b)
    today = utcnow().date()
    db.session.execute(update(m.Service).where(m.Service.id == services[3].id).values(review_due=today - timedelta(1)))
    db.session.execute(update(m.Service).where(m.Service.id == services[4].id).values(review_due=today))
    db.session.commit()
    for text in ("The ramp is lovely.", "The bus was late again.", SUICIDE):
        feedback.submit_comment(topic="general", text=text, publish_consent="anonymous")
    for title, status, days in (
        ("Overdue plan", ActionStatus.planned, -3),
        ("Overdue but done", ActionStatus.done, -3),
        ("Due next week", ActionStatus.in_progress, 7),
        ("Due next season", ActionStatus.planned, 60),
    ):
        actions.create_action(title=title, owner="SEND team", status=status, due_on=today + timedelta(days))
    return {"a": (a_client, a), "b": (b_client, b)}


def test_a_moderator_sees_each_count_and_each_link_opens_the_list_of_exactly_those(work):
    client, _a = work["a"]
    tiles = _tiles(client.get("/staff/").text)
    assert {key: count for key, (count, _h) in tiles.items()} == {
        "comments_waiting": 3,
        "safeguarding_open": 1,
        "changes_for_me": 2,  # b's two changes: a may check them
        "changes_mine": 1,  # a's own change waits for someone else
        "entries_overdue": _overdue_expected(),
        "actions_overdue": 1,
        "actions_due": 1,
    }
    queue = client.get(tiles["comments_waiting"][1]).text
    assert "3 comments" in queue
    assert "1 comment" in client.get(tiles["safeguarding_open"][1]).text
    for_me = client.get(tiles["changes_for_me"][1]).text
    assert "2 entries" in for_me and "A change by" not in for_me
    assert "1 entry" in client.get(tiles["changes_mine"][1]).text
    overdue = client.get(tiles["entries_overdue"][1]).text
    assert overdue.count('<tr class="govuk-table__row"><td') == _overdue_expected()
    late = client.get(tiles["actions_overdue"][1]).text
    assert "Overdue plan" in late and "Overdue but done" not in late and "Due next week" not in late
    soon = client.get(tiles["actions_due"][1]).text
    assert "Due next week" in soon and "Due next season" not in soon and "Overdue plan" not in soon


def _overdue_expected() -> int:
    """Published entries whose review date has passed or that have none, and information pages past theirs."""
    today = utcnow().date()
    services = [s for s in db.session.query(m.Service) if s.state == m.ServiceState.PUBLISHED]
    pages = db.session.query(m.EvergreenPage).all()
    late = [s for s in services if s.review_due is None or s.review_due < today]
    return len(late) + len([p for p in pages if p.review_due < today])


def test_the_other_moderator_sees_the_changes_the_other_way_round(work):
    client, _b = work["b"]
    tiles = _tiles(client.get("/staff/").text)
    assert tiles["changes_for_me"][0] == 1 and tiles["changes_mine"][0] == 2


def test_a_leader_sees_only_what_a_leader_may_open(app, work):
    client = app.test_client()
    AuthActions(client).login("leader")
    tiles = _tiles(client.get("/staff/").text)
    assert set(tiles) == {"actions_overdue", "actions_due"}
    for _count, href in tiles.values():
        assert client.get(href).status_code == 200


def test_an_administrator_sees_the_local_offer_and_actions_but_not_the_comments(app, work):
    client = app.test_client()
    AuthActions(client).login("admin")
    tiles = _tiles(client.get("/staff/").text)
    assert set(tiles) == {"changes_for_me", "changes_mine", "entries_overdue", "actions_overdue", "actions_due"}
    assert tiles["changes_for_me"][0] == 3 and tiles["changes_mine"][0] == 0


WORKLOAD_TABLES = ("feedback_comments", "lo_service", "lo_evergreen", "consultation_actions")


def _statements(app, client, path: str) -> int:
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # the session's own bookkeeping (loading it, moving the idle timer on) varies with timing: count the workload's
    return len([s for s in seen if any(t in s for t in WORKLOAD_TABLES)])


def test_the_counts_take_the_same_few_queries_however_much_work_is_waiting(app, work):
    client, a = work["a"]
    before = _statements(app, client, "/staff/")
    _b_client, b = work["b"]
    for service in _published(10, skip=6):
        _propose(service, b)
    for n in range(10):
        comment = feedback.submit_comment(topic="general", text=f"{SUICIDE} ({n})", publish_consent="anonymous")
        db.session.execute(update(Comment).where(Comment.id == comment.id).values(created_at=utcnow()))
    db.session.commit()
    after = _statements(app, client, "/staff/")
    assert after == before
    assert _tiles(client.get("/staff/").text)["changes_for_me"][0] == 12
    # comments twice (the queue's own two counts), services, information pages, overdue entries, actions
    assert after == 6
