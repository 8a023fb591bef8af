"""Open Referral UK documents: what we publish validates against the standard's schemas."""

from __future__ import annotations

from engage.extensions import db
from engage.localoffer import models as m
from engage.localoffer import oruk
from engage.localoffer import service as ops
from engage.localoffer.demo import demo_documents


def _published(docs):
    ops.import_data(docs, True, None)
    return [db.session.get(m.Service, d["id"]) for d in docs]


def test_a_fully_nested_demo_service_validates_against_the_service_schema(app, oruk_schema):
    for service in _published(demo_documents(5)):
        doc = oruk.service_to_oruk(service)
        oruk_schema(doc, "compiled/service.json")
        assert doc["languages"][0]["code"] == "en"


def test_a_list_summary_validates_against_the_service_list_schema(app, oruk_schema):
    service = _published(demo_documents(1))[0]
    oruk_schema(oruk.service_summary(service), "compiled/service_list.json")


def test_the_standard_example_survives_a_round_trip(app, oruk_schema, examples):
    doc = examples["service_full"]
    ops.import_data(doc, True, None)
    out = oruk.service_to_oruk(db.session.get(m.Service, doc["id"]))
    oruk_schema(out, "compiled/service.json")
    assert out["name"] == doc["name"]
    assert out["minimum_age"] == 12 and out["maximum_age"] == 100
    assert out["organization"]["id"] == doc["organization"]["id"]
    assert out["contacts"][0]["id"] == doc["contacts"][0]["id"]
    location = out["service_at_locations"][0]["location"]
    assert location["id"] == doc["service_at_locations"][0]["location"]["id"]
    assert "latitude" not in location  # the example's latitude of 100 is out of range
    assert location["accessibility"][0]["description"].startswith("The building is equipped")


def test_empty_values_are_left_out_rather_than_null(app):
    service = _published(demo_documents(1))[0]
    service.alert = ""
    out = oruk.service_to_oruk(service)
    assert "alert" not in out
    assert None not in out.values()


def test_a_page_reports_its_position_and_totals():
    page = oruk.page([{"id": "x"}], total=21, page_number=3, per_page=10)
    assert page["total_pages"] == 3 and page["last_page"] and not page["first_page"]
    assert page["size"] == 1 and not page["empty"]
    assert oruk.page([], 0, 1, 10)["empty"]
