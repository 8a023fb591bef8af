"""Fixtures for the Local Offer unit tests: Open Referral UK schemas and a seeded directory."""

from __future__ import annotations

import json

import pytest

SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"


@pytest.fixture
def oruk_schema(shared_dir):
    """Validators for the standard's own JSON Schemas (skips when ../shared is absent)."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    schema_dir = shared_dir / "oruk" / "schema"
    resources = []
    for path in schema_dir.glob("*.json"):
        resource = Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012)
        resources += [(SCHEMA_BASE + "compiled/" + path.name, resource), (SCHEMA_BASE + path.name, resource)]
    registry = Registry().with_resources(resources)

    def check(instance, ref):
        validator = Draft202012Validator(
            {"$ref": SCHEMA_BASE + ref}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:20])

    return check


@pytest.fixture
def examples(shared_dir):
    """The standard's example payloads, by file stem."""
    folder = shared_dir / "oruk" / "examples"
    return {p.stem: json.loads(p.read_text()) for p in folder.glob("*.json")}
