"""Moderators edit the information (evergreen) pages and see every organisation with its services."""

from __future__ import annotations

import datetime

from sqlalchemy import select

from engage.audit import AuditEvent
from engage.clock import utcnow
from engage.extensions import db
from engage.localoffer import models as m
from engage.localoffer import queries
from engage.localoffer import service as ops
from engage.localoffer.demo import demo_documents
from engage.localoffer.evergreen import ensure_evergreen_pages


def _date_fields(day: datetime.date) -> dict:
    return {"review_due": [str(day.day), str(day.month), str(day.year)]}


def _page(slug="travel-assistance") -> m.EvergreenPage:
    ensure_evergreen_pages()
    db.session.commit()
    return queries.evergreen_page(db.session, slug)


def _edit(client, slug, **fields):
    data = {"title": "Travel assistance to school or college", "body": "New **policy** text.", "owner": "Transport"}
    data.update(fields)
    data.setdefault("review_due", _date_fields(utcnow().date() + datetime.timedelta(days=200))["review_due"])
    return client.post(f"/staff/local-offer/pages/{slug}/edit", data=data)


def _publish_as_second_person(app, slug):
    from tests.conftest import AuthActions

    second = app.test_client()
    AuthActions(second).login("moderator")
    return second.post(f"/staff/local-offer/pages/{slug}/publish")


def test_given_a_moderator_when_editing_an_evergreen_page_then_a_second_person_publishes_it_and_it_is_audited(
    app, client, auth
):
    page = _page()
    client.get(f"/local-offer/pages/{page.slug}")  # fill the page cache: publishing must clear it
    auth.login("moderator")
    assert "Travel assistance" in client.get("/staff/local-offer/pages").text
    due = utcnow().date() + datetime.timedelta(days=200)
    response = _edit(client, page.slug, body="Apply by **31 May**. <script>alert(1)</script>", owner="Transport Team")
    assert response.status_code == 302
    assert "31 May" not in client.get(f"/local-offer/pages/{page.slug}").text  # waits for a second person
    review = client.get(f"/staff/local-offer/pages/{page.slug}").text
    assert (
        "Proposed change" in review
        and "Team</ins>" in review
        and '<dt class="govuk-summary-list__key">Owner</dt>' in review
    )
    refused = client.post(f"/staff/local-offer/pages/{page.slug}/publish")
    assert refused.status_code == 409 and "someone else must check and publish it" in refused.text
    assert _publish_as_second_person(app, page.slug).status_code == 302
    db.session.refresh(page)
    assert page.owner == "Transport Team" and page.review_due == due and page.reviewed_on == utcnow().date()
    public = client.get(f"/local-offer/pages/{page.slug}").text
    assert "<strong>31 May</strong>" in public and "<script>alert(1)" not in public and "Transport Team" in public
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "localoffer.evergreen.published"))
    assert event is not None and event.object_id == str(page.id)
    assert "31 May" not in str(event.detail)
    history = client.get(f"/staff/local-offer/pages/{page.slug}").text
    assert "Version 2: published" in history and "Restore version 1" in history


def test_given_an_earlier_page_version_when_restored_then_it_waits_for_a_second_person(app, client, auth):
    page = _page()
    original = page.body
    auth.login("moderator")
    _edit(client, page.slug, body="A worse text.")
    _publish_as_second_person(app, page.slug)
    assert client.post(f"/staff/local-offer/pages/{page.slug}/versions/1/restore").status_code == 409
    _edit(client, page.slug, body="Another worse text.")
    _publish_as_second_person(app, page.slug)
    assert client.post(f"/staff/local-offer/pages/{page.slug}/versions/2/restore").status_code == 302
    db.session.refresh(page)
    assert page.body == "Another worse text." and page.pending_data["body"] == "A worse text."
    client.post(f"/staff/local-offer/pages/{page.slug}/discard")
    db.session.refresh(page)
    assert page.pending_data is None and page.body != original


def test_given_a_review_date_in_the_past_or_missing_content_then_errors_and_nothing_saved(client, auth):
    page = _page()
    before = page.body
    auth.login("moderator")
    past = _edit(client, page.slug, **_date_fields(utcnow().date() - datetime.timedelta(days=1)))
    assert past.status_code == 400 and "The next review must be due after today" in past.text
    empty = _edit(client, page.slug, body="")
    assert empty.status_code == 400 and "Enter the content" in empty.text
    not_a_date = _edit(client, page.slug, review_due=["31", "2", "2027"])
    assert not_a_date.status_code == 400 and "Enter a real date" in not_a_date.text
    db.session.refresh(page)
    assert page.body == before
    assert client.get("/staff/local-offer/pages/nope/edit").status_code == 404


def test_given_an_overdue_evergreen_page_then_it_is_in_the_due_for_review_list(app, client, auth):
    page = _page("sendiass-and-pcf")
    page.review_due = utcnow().date() - datetime.timedelta(days=3)
    db.session.commit()
    auth.login("moderator")
    due = client.get("/staff/local-offer/due").text
    assert "SENDIASS and the Parent Carer Forum" in due and "Overdue" in due
    title = due[due.index("<title>") : due.index("</title>")]
    assert "Due for review" in title and "<table" not in title and "&lt;" not in title  # the list is once, in the body
    assert due.count("SENDIASS and the Parent Carer Forum") == 1
    assert "1 entry overdue for review" in client.get("/staff/local-offer/").text
    _edit(client, page.slug, title=page.title)
    _publish_as_second_person(app, page.slug)
    assert "SENDIASS and the Parent Carer Forum" not in client.get("/staff/local-offer/due").text


def test_given_evergreen_editing_then_leaders_and_strangers_are_refused(client, auth):
    page = _page()
    assert client.get(f"/staff/local-offer/pages/{page.slug}/edit").status_code == 302
    auth.login("leader")
    assert client.get(f"/staff/local-offer/pages/{page.slug}/edit").status_code == 403
    assert client.get("/staff/local-offer/organisations").status_code == 403


def test_given_organisations_then_the_list_shows_each_with_its_services_count_and_edit_link(client, auth):
    ops.import_data(demo_documents(40), True, None)
    empty = ops.save_organization(None, {"name": "Aardvark Youth Trust"}, None)
    counts = {org.name: (total, live) for org, total, live in queries.organisations_with_counts(db.session)}
    assert counts["Aardvark Youth Trust"] == (0, 0)
    nhs = "Example Borough NHS Children's Services"
    expected = sum(1 for d in demo_documents(40) if d["organization"]["name"] == nhs)
    assert counts[nhs] == (expected, expected) and expected > 1
    auth.login("moderator")
    page = client.get("/staff/local-offer/organisations").text
    assert "Aardvark Youth Trust" in page and f"/staff/local-offer/organisations/{empty.id}/edit" in page
    assert page.index("Aardvark Youth Trust") < page.index("Example Borough College")
    assert "/staff/local-offer/organisations" in client.get("/staff/local-offer/").text
