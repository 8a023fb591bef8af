"""Issue 16: two people editing one Local Offer entry or information page. Given both opened the edit form, when
one saves (and a third person publishes it), then the other's save from the old form writes nothing, says what
changed, keeps what they typed, and saves on top when sent again: nobody's change is silently undone.
Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

from engage.extensions import db
from engage.localoffer import models as m
from engage.localoffer import queries
from engage.localoffer import service as ops
from engage.localoffer.demo import demo_documents
from engage.localoffer.evergreen import ensure_evergreen_pages
from tests.integration.conflict_helpers import hidden, second_client
from tests.integration.localoffer_helpers import form_fields

EDIT = "/staff/local-offer/services/{}/edit"


def _published() -> m.Service:
    doc = demo_documents(1)[0]
    ops.import_data([doc], True, None)
    return db.session.get(m.Service, doc["id"])


def _typed(form: dict, **changes) -> dict:
    return form | {k: [v] for k, v in changes.items()}


def test_a_change_proposed_from_a_form_older_than_a_published_change_is_refused_and_then_kept_on_top(app):
    service = _published()
    old_name = service.name
    ana, ana_user = second_client(app)
    ben, _ = second_client(app)
    cara, cara_user = second_client(app)
    ana_form = form_fields(ana.get(EDIT.format(service.id)).text)
    ben_form = form_fields(ben.get(EDIT.format(service.id)).text)
    assert ana.post(EDIT.format(service.id), data=_typed(ana_form, name="Ana's better name")).status_code == 302
    ana.post(f"/staff/local-offer/services/{service.id}/submit")
    assert cara.post(f"/staff/local-offer/services/{service.id}/publish").status_code == 302

    refused = ben.post(EDIT.format(service.id), data=_typed(ben_form, description="Ben's new description."))
    assert refused.status_code == 409
    db.session.expire_all()
    assert service.pending_data is None and service.name == "Ana's better name"  # nothing written
    page = refused.text
    assert "Someone else changed this entry while you were editing it" in page
    assert f"published by {cara_user.email}" in page and f"change proposed by {ana_user.email}" in page
    assert "Fields they changed, now showing their version: Name" in page
    assert "Ben&#39;s new description." in page and old_name not in form_fields(page)["name"]

    assert ben.post(EDIT.format(service.id), data=form_fields(page)).status_code == 302
    db.session.expire_all()
    assert service.pending_data["name"] == "Ana's better name"  # on today's code: the old name, undoing Ana's
    assert service.pending_data["description"] == "Ben's new description."


def test_a_save_from_an_old_form_does_not_overwrite_a_proposed_change_waiting_for_review(app):
    service = _published()
    ana, _ = second_client(app)
    ben, _ = second_client(app)
    ana_form = form_fields(ana.get(EDIT.format(service.id)).text)
    ben_form = form_fields(ben.get(EDIT.format(service.id)).text)
    ana.post(EDIT.format(service.id), data=_typed(ana_form, fees="Ana's fees"))
    refused = ben.post(EDIT.format(service.id), data=_typed(ben_form, fees="Ben's fees", email="ben@example.org"))
    assert refused.status_code == 409
    assert "You both changed: Details of charges. The form keeps yours." in refused.text
    db.session.expire_all()
    assert service.pending_data["fees"] == "Ana's fees" and service.pending_data.get("email") != "ben@example.org"


def test_two_edits_of_a_draft_entry_do_not_undo_each_other(app):
    doc = demo_documents(1)[0]
    ops.import_data([doc], False, None)
    service = db.session.get(m.Service, doc["id"])
    ana, _ = second_client(app)
    ben, _ = second_client(app)
    ana_form = form_fields(ana.get(EDIT.format(service.id)).text)
    ben_form = form_fields(ben.get(EDIT.format(service.id)).text)
    ana.post(EDIT.format(service.id), data=_typed(ana_form, name="Ana's name"))
    refused = ben.post(EDIT.format(service.id), data=_typed(ben_form, fees="Ben's fees"))
    assert refused.status_code == 409
    assert ben.post(EDIT.format(service.id), data=form_fields(refused.text)).status_code == 302
    db.session.expire_all()
    assert service.name == "Ana's name" and service.fees == "Ben's fees"


def _page() -> m.EvergreenPage:
    ensure_evergreen_pages()
    db.session.commit()
    return queries.evergreen_page(db.session, "travel-assistance")


def test_an_information_page_change_from_an_old_form_is_refused_and_then_added_on_top(app):
    page = _page()
    url = f"/staff/local-offer/pages/{page.slug}/edit"
    ana, ana_user = second_client(app)
    ben, _ = second_client(app)
    ana_form = form_fields(ana.get(url).text)
    ben_form = form_fields(ben.get(url).text)
    assert ana.post(url, data=_typed(ana_form, owner="Ana's team")).status_code == 302
    refused = ben.post(url, data=_typed(ben_form, body="Ben's new words."))
    assert refused.status_code == 409
    assert f"change proposed by {ana_user.email}" in refused.text
    assert "Fields they changed, now showing their version: Owner" in refused.text
    db.session.expire_all()
    assert page.pending_data["owner"] == "Ana's team" and page.pending_data["body"] != "Ben's new words."
    assert ben.post(url, data=form_fields(refused.text)).status_code == 302
    db.session.expire_all()
    assert page.pending_data["owner"] == "Ana's team" and page.pending_data["body"] == "Ben's new words."


def test_a_reviewer_cannot_publish_a_change_made_after_they_opened_it(app):
    service = _published()
    ana, _ = second_client(app)
    ben, ben_user = second_client(app)
    cara, _ = second_client(app)
    ana.post(EDIT.format(service.id), data=_typed(form_fields(ana.get(EDIT.format(service.id)).text), fees="Ana's"))
    ana.post(f"/staff/local-offer/services/{service.id}/submit")
    review = cara.get(f"/staff/local-offer/services/{service.id}").text
    assert "Ana&#39;s" in review
    ben.post(EDIT.format(service.id), data=_typed(form_fields(ben.get(EDIT.format(service.id)).text), fees="Ben's"))
    ben.post(f"/staff/local-offer/services/{service.id}/submit")

    publish = {"drawn-from": hidden(review, "drawn-from")}
    refused = cara.post(f"/staff/local-offer/services/{service.id}/publish", data=publish)
    assert refused.status_code == 409 and f"by {ben_user.email}" in refused.text
    assert "Nothing was done: check what it holds now" in refused.text
    db.session.expire_all()
    assert service.fees != "Ben's" and service.pending_data["fees"] == "Ben's"  # not published unread
    again = {"drawn-from": hidden(refused.text, "drawn-from")}
    assert cara.post(f"/staff/local-offer/services/{service.id}/publish", data=again).status_code == 302


def test_a_reviewer_cannot_publish_an_information_page_change_made_after_they_opened_it(app):
    page = _page()
    url = f"/staff/local-offer/pages/{page.slug}"
    ana, _ = second_client(app)
    ben, _ = second_client(app)
    cara, _ = second_client(app)
    ana.post(f"{url}/edit", data=_typed(form_fields(ana.get(f"{url}/edit").text), owner="Ana's team"))
    review = cara.get(url).text
    ben.post(f"{url}/edit", data=_typed(form_fields(ben.get(f"{url}/edit").text), owner="Ben's team"))
    refused = cara.post(f"{url}/publish", data={"drawn-from": hidden(review, "drawn-from")})
    assert refused.status_code == 409
    db.session.expire_all()
    assert page.owner not in ("Ana's team", "Ben's team")
