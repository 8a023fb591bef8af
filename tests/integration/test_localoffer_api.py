"""The Open Referral UK API: every response validates against the standard's own schemas."""

from __future__ import annotations

import json

import pytest

from engage.localoffer import service as ops
from engage.localoffer.demo import demo_documents
from engage.localoffer.taxonomy import CATEGORY_TAXONOMY_ID, category_term_id

BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
PAGE_KEYS = ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"]


@pytest.fixture
def validate(shared_dir):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    folder = shared_dir / "oruk" / "schema"
    resources = []
    for path in folder.glob("*.json"):
        resource = Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012)
        resources += [(BASE + "compiled/" + path.name, resource)]
    registry = Registry().with_resources(resources)
    page = json.loads((folder / "openapi.json").read_text())["components"]["schemas"]["Page"]

    def check(instance, item_ref, listing=False):
        schema = {"$ref": BASE + item_ref}
        if listing:
            schema = {
                "allOf": [page],
                "required": PAGE_KEYS,
                "properties": {"contents": {"type": "array", "items": schema}},
            }
        validator = Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = list(validator.iter_errors(instance))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:10]]

    return check


@pytest.fixture
def directory(app):
    docs = demo_documents(30)
    ops.import_data(docs, True, None)
    ops.import_data(demo_documents(32)[30:], False, None)  # two drafts, never in the API
    return docs


def test_given_the_api_when_the_root_is_read_then_it_names_the_uk_profile(client):
    response = client.get("/api/v1/")
    assert response.json["version"] == "HSDS-UK-3.0"
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_given_published_services_when_listed_then_the_page_validates(client, directory, validate):
    response = client.get("/api/v1/services?per_page=7&page=2")
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
    validate(response.json, "compiled/service_list.json", listing=True)
    assert response.json["total_items"] == 30 and response.json["size"] == 7 and response.json["page_number"] == 2


def test_given_a_published_service_when_read_by_id_then_it_is_fully_nested_and_valid(client, directory, validate):
    doc = client.get(f"/api/v1/services/{directory[0]['id']}").json
    validate(doc, "compiled/service.json")
    assert doc["service_at_locations"][0]["location"]["accessibility"]
    assert doc["contacts"] and doc["attributes"] and doc["schedules"]


def test_given_a_draft_or_unknown_id_when_read_then_a_json_404(client, directory):
    draft_id = demo_documents(32)[31]["id"]
    for path in (f"/api/v1/services/{draft_id}", "/api/v1/services/nope", "/api/v1/nothing-here"):
        response = client.get(path)
        assert response.status_code == 404 and response.is_json


def test_given_age_filters_then_they_mean_what_the_standard_says(client, directory):
    services = client.get("/api/v1/services?minimum_age=11&per_page=100").json["contents"]
    assert services and all(s["minimum_age"] >= 11 for s in services)
    services = client.get("/api/v1/services?maximum_age=5&per_page=100").json["contents"]
    assert services and all(s["maximum_age"] <= 5 for s in services)


def test_given_taxonomy_filters_then_only_tagged_services(client, directory):
    by_term = client.get(f"/api/v1/services?taxonomy_term_id={category_term_id('leisure')}&per_page=100").json
    by_taxonomy = client.get(f"/api/v1/services?taxonomy_id={CATEGORY_TAXONOMY_ID}&per_page=100").json
    assert 0 < by_term["total_items"] < by_taxonomy["total_items"] == 30


def test_given_a_search_then_stemmed_matches(client, directory):
    assert client.get("/api/v1/services?search=dyslexsia").json["total_items"] >= 1


def test_given_bad_paging_then_a_json_400(client):
    response = client.get("/api/v1/services?page=abc")
    assert response.status_code == 400 and response.is_json


def test_given_taxonomies_and_terms_then_pages_validate(client, directory, validate):
    taxonomies = client.get("/api/v1/taxonomies").json
    validate(taxonomies, "compiled/service_with_definitions.json#/definitions/taxonomy", listing=True)
    terms = client.get("/api/v1/taxonomy_terms?per_page=100").json
    validate(terms, "compiled/service_with_definitions.json#/definitions/taxonomy_term", listing=True)
    one = client.get(f"/api/v1/taxonomies/{CATEGORY_TAXONOMY_ID}").json
    validate(one, "compiled/service_with_definitions.json#/definitions/taxonomy")
    assert len(one["taxonomy_terms"]) == 6


def test_given_organizations_then_list_and_item_validate(client, directory, validate):
    listing = client.get("/api/v1/organizations").json
    validate(listing, "compiled/organization_list.json", listing=True)
    one = client.get(f"/api/v1/organizations/{listing['contents'][0]['id']}").json
    validate(one, "compiled/organization.json")


def test_given_a_postcode_and_proximity_then_nearby_service_at_locations(client, directory, validate):
    near = client.get("/api/v1/service_at_locations?postcode=EX3&proximity=2000&per_page=100").json
    everywhere = client.get("/api/v1/service_at_locations?per_page=100").json
    validate(near, "compiled/service_at_location_list.json", listing=True)
    assert 0 < near["total_items"] < everywhere["total_items"] == 30
    one = client.get(f"/api/v1/service_at_locations/{near['contents'][0]['id']}").json
    validate(one, "compiled/service_at_location.json")


def test_given_the_standard_examples_when_imported_and_published_then_served_back(client, app, shared_dir, validate):
    folder = shared_dir / "oruk" / "examples"
    for name in ("service_full.json", "service_list.json"):
        ops.import_data(json.loads((folder / name).read_text()), True, None)
    doc = client.get("/api/v1/services/ac148810-d857-441c-9679-408f346de14b").json
    validate(doc, "compiled/service.json")
    assert doc["name"] == "Community Counselling"
