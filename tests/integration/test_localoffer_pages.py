"""Families' Local Offer pages: search, service pages, evergreen pages, comments, You said we did."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel.support import Translations

from engage.extensions import db
from engage.feedback.models import AnalysisStatus, Comment, CommentStatus, Topic
from engage.localoffer import models as m
from engage.localoffer import service as ops
from engage.localoffer.demo import demo_documents, load_demo


@pytest.fixture
def directory(app):
    docs = demo_documents(40)
    ops.import_data(docs, True, None)
    return docs


def test_given_the_directory_when_a_family_searches_a_misspelling_then_dyslexia_services(client, directory):
    page = client.get("/local-offer?q=dyslexsia").text
    assert "Dyslexia Support Group" in page


def test_given_filters_when_searching_then_results_respect_them(client, directory):
    page = client.get("/local-offer?category=leisure&age=3&cost=free").text
    assert "Sensory Play Sessions" in page and "Wheelchair Basketball" not in page


def test_given_a_place_when_searching_near_it_then_distances_are_shown(client, directory):
    assert "miles away" in client.get("/local-offer?near=EX3+4AB&radius=3").text
    assert "We do not recognise that place" in client.get("/local-offer?near=Atlantis").text


def test_given_many_results_then_they_are_paged(client, directory):
    first = client.get("/local-offer").text
    assert "40 services found" in first and "page=2" in first
    assert client.get("/local-offer?page=4").status_code == 200


@pytest.mark.parametrize("query", ["<script>alert(1)</script>", "x" * 3000, "%' OR 1=1 --", "\u202e"])
def test_given_odd_queries_then_the_page_is_safe(client, directory, query):
    response = client.get("/local-offer", query_string={"q": query})
    assert response.status_code == 200 and "<script>alert(1)" not in response.text


def test_given_a_service_then_its_page_and_print_view_show_what_families_need(client, directory):
    doc = directory[3]
    page = client.get(f"/local-offer/services/{doc['id']}").text
    for text in (
        "Who it is for",
        "How to access it or be referred",
        "Opening times",
        "Accessibility",
        "Last checked",
        "Report something out of date",
    ):
        assert text in page
    checked = date.fromisoformat(doc["assured_date"])
    assert f"Last checked: {checked.day} {checked:%B %Y}" in page  # the one date format, month in words
    byday = [s["byday"] for s in doc["schedules"] if s.get("byday")]
    assert "Wednesday" in page or "Saturday" in page or "Tuesday" in page
    assert not any(f"<li>{days} " in page for days in byday)  # never "MO,TU,WE,TH,FR 09:00"
    assert client.get(f"/local-offer/services/{doc['id']}/print").status_code == 200


def test_given_an_unknown_or_draft_service_then_a_404_page(client, app):
    ops.import_data(demo_documents(1), False, None)
    assert client.get("/local-offer/services/nope").status_code == 404
    response = client.get(f"/local-offer/services/{demo_documents(1)[0]['id']}")
    assert response.status_code == 404 and "text/html" in response.content_type


def test_given_html_in_content_then_it_is_escaped_and_links_are_http_only(client, app):
    doc = demo_documents(1)[0]
    doc["name"] = '"><svg onload=alert(1)>'
    doc["description"] = "<script>alert(1)</script> [bad](javascript:alert(1)) [good](https://example.org)"
    doc["url"] = "https://example.org/ok"
    ops.import_data([doc], True, None)
    page = client.get(f"/local-offer/services/{doc['id']}").text
    assert "<svg onload" not in page and "<script>alert(1)" not in page
    assert "javascript:" not in page and 'href="https://example.org"' in page


def test_given_a_translation_then_families_reading_that_language_see_it(client, app):
    load_demo()
    translated = db.session.query(m.ServiceTranslation).filter_by(language="pl", field="name").first()
    page = client.get(f"/pl/local-offer/services/{translated.service_id}").text
    assert translated.text in page
    catalog = Translations.load(str(Path(app.root_path).parent / "translations"), ["pl"])
    note = catalog.gettext("Parts of this entry are not yet translated and are shown in English.")
    assert note != "Parts of this entry are not yet translated and are shown in English."
    assert note in page  # eligibility and the rest fall back to English, with a note in Polish
    untranslated = db.session.query(m.Service).filter(~m.Service.translations.any()).first()
    page = client.get(f"/pl/local-offer/services/{untranslated.id}").text
    assert catalog.gettext("This entry is not yet translated. It is shown in English.") in page
    assert 'lang="en"' in page


def test_given_a_cached_service_page_when_a_change_is_published_then_families_see_the_change(client, directory):
    service = db.session.get(m.Service, directory[0]["id"])
    assert service.name in client.get(f"/local-offer/services/{service.id}").text
    doc = ops.editable_document(service)
    doc["name"] = "A brand new name"
    ops.save_service(service, doc, None)
    ops.submit_for_review(service, None)
    ops.publish(service, None)
    assert "A brand new name" in client.get(f"/local-offer/services/{service.id}").text


def test_given_an_outside_address_as_the_comment_page_then_it_is_not_followed(client, app):
    for target in ("https://evil.example", "//evil.example", "/\\evil.example"):
        response = client.post(
            "/local-offer/comment",
            query_string={"page": target},
            data={"useful": "yes", "text": f"Useful, thanks {target}", "publish_consent": "anonymous"},
        )
        assert response.status_code == 302 and "evil" not in response.headers["Location"]
    assert all(c.about.startswith("/local-offer") for c in db.session.query(Comment))


def test_given_the_evergreen_pages_then_each_shows_owner_and_review_date(client, app):
    load_demo()
    for slug in (
        "ehc-needs-assessment",
        "sendiass-and-pcf",
        "complaints-mediation-tribunal",
        "travel-assistance",
        "preparing-for-adulthood",
    ):
        page = client.get(f"/local-offer/pages/{slug}").text
        assert "Owner:" in page and "next review due" in page
    assert client.get("/local-offer/pages/nope").status_code == 404


def test_given_a_comment_on_a_service_then_it_waits_in_the_feedback_queue_as_a_local_offer_comment(client, directory):
    sid = directory[0]["id"]
    response = client.post(
        f"/local-offer/comment?service={sid}",
        data={"useful": "no", "text": "Opening times changed", "out_of_date": "y", "publish_consent": "anonymous"},
    )
    assert response.status_code == 302
    comment = db.session.query(Comment).one()
    assert comment.topic == Topic.local_offer and comment.status == CommentStatus.new
    assert comment.out_of_date and comment.page_useful is False
    assert comment.about == f"/local-offer/services/{sid}"
    assert comment.analysis_status == AnalysisStatus.done and comment.redacted_text


def test_given_an_empty_comment_then_an_error_and_nothing_stored(client, app):
    page = client.post("/local-offer/comment", data={"useful": "yes"}).text
    assert "Tell us what is missing or what is out of date" in page
    assert "Choose whether we may publish your comment" in page
    assert db.session.query(Comment).count() == 0


def test_given_the_demo_when_loaded_twice_then_nothing_changes(app):
    load_demo()
    counts = (
        db.session.query(m.Service).count(),
        db.session.query(m.ServiceRevision).count(),
        db.session.query(m.ServiceTranslation).count(),
    )
    load_demo()
    assert counts == (
        db.session.query(m.Service).count(),
        db.session.query(m.ServiceRevision).count(),
        db.session.query(m.ServiceTranslation).count(),
    )
    assert counts[0] == 150


def test_given_the_demo_documents_then_150_services_are_distinct_in_name_ward_age_and_cost():
    docs = demo_documents()
    assert len(docs) == 150 and len({d["name"] for d in docs}) == 150
    assert len({d["description"] for d in docs}) > 120
    local = docs[30:]
    assert {d["service_at_locations"][0]["location"]["addresses"][0]["city"] for d in local} >= {
        "Abbey", "Brookside", "Hillcrest", "Westbury"}  # fmt: skip
    assert len({(d["minimum_age"], d["maximum_age"]) for d in local}) >= 15
    assert len({d["fees"] for d in local}) >= 15
    assert not any("School" in d["service_at_locations"][0]["location"]["name"] for d in local
                   if "Parent" in d["name"])  # fmt: skip
