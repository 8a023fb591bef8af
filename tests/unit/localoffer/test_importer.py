"""Importing Open Referral UK JSON: whole-file validation, all or nothing, ids kept."""

from __future__ import annotations

import copy

import pytest

from engage.extensions import db
from engage.localoffer import importer
from engage.localoffer import models as m
from engage.localoffer import service as ops
from engage.localoffer.demo import demo_documents
from engage.localoffer.taxonomy import builtin_taxonomies

BUILTIN_TERMS = {term[0] for tax in builtin_taxonomies() for term in tax["terms"]}


def _problems(data):
    _, result = importer.validate(data, {"organizations": set(), "terms": BUILTIN_TERMS})
    return {(p.record, p.field) for p in result.problems}


@pytest.mark.parametrize("name", ["service_full", "service_list"])
def test_the_standard_examples_import(app, examples, name):
    result = ops.import_data(examples[name], False, None)
    assert result.ok and len(result.created) == 1
    assert db.session.get(m.Service, result.created[0]).state == m.ServiceState.DRAFT


def test_an_array_of_services_imports(app):
    result = ops.import_data(demo_documents(3), False, None)
    assert len(result.created) == 3


def test_importing_again_updates_rather_than_duplicates(app):
    docs = demo_documents(2)
    ops.import_data(docs, True, None)
    docs[0]["name"] = "Renamed service"
    result = ops.import_data(docs, True, None)
    assert result.updated == [d["id"] for d in docs] and not result.created
    assert db.session.query(m.Service).count() == 2
    assert db.session.get(m.Service, docs[0]["id"]).name == "Renamed service"


def test_an_import_over_a_published_service_waits_for_review(app):
    docs = demo_documents(1)
    ops.import_data(docs, True, None)
    changed = copy.deepcopy(docs)
    changed[0]["name"] = "Proposed name"
    ops.import_data(changed, False, None)
    service = db.session.get(m.Service, docs[0]["id"])
    assert service.name != "Proposed name"  # the public still sees the checked entry
    assert service.pending_data["name"] == "Proposed name"
    assert service.pending_state == m.ChangeState.DRAFT


def test_every_problem_is_listed_with_its_record_and_field():
    bad = demo_documents(3)
    bad[0]["id"] = "not-a-uuid"
    bad[1]["status"] = "open"
    bad[1]["minimum_age"] = 20
    bad[1]["maximum_age"] = 5
    bad[2]["url"] = "javascript:alert(1)"
    bad[2]["service_at_locations"][0]["location"]["location_type"] = "house"
    bad.append("a string")
    assert _problems(bad) == {
        (1, "id"),
        (2, "status"),
        (2, "maximum_age"),
        (3, "url"),
        (3, "service_at_locations[0].location.location_type"),
        (4, ""),
    }


def test_a_file_of_the_wrong_shape_is_refused():
    assert _problems({"services": []}) == {(0, "")}
    assert _problems("text") == {(0, "")}
    assert _problems([]) == {(0, "")}


def test_a_duplicated_id_in_one_file_is_a_problem():
    doc = demo_documents(1)[0]
    assert (2, "id") in _problems([doc, copy.deepcopy(doc)])


def test_one_bad_record_imports_nothing(app):
    docs = demo_documents(3)
    docs[2]["name"] = ""
    with pytest.raises(importer.ImportRejected) as refused:
        ops.import_data(docs, True, None)
    assert [(p.record, p.field) for p in refused.value.result.problems] == [(3, "name")]
    assert db.session.query(m.Service).count() == 0
    assert db.session.query(m.Organization).count() == 0


def test_an_unknown_organization_id_is_a_problem():
    doc = demo_documents(1)[0]
    doc["organization_id"] = doc.pop("organization")["id"]
    assert _problems([doc]) == {(1, "organization_id")}


def test_an_import_is_recorded_as_a_revision(app):
    docs = demo_documents(1)
    ops.import_data(docs, False, None)
    revision = db.session.get(m.Service, docs[0]["id"]).revisions[0]
    assert revision.action == "imported" and revision.actor_name == "command line"
    assert revision.snapshot["name"] == docs[0]["name"] and revision.previous is None
