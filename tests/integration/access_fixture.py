"""The access table's world: the demo area loaded once, a signed-in client per role, and real ids for every
URL argument, so each rule is asked about a record that exists (and, separately, about one that does not)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pyotp
from flask import Flask
from sqlalchemy import select
from werkzeug.routing import Rule

from engage import create_app
from engage.auth import passwords
from engage.auth import service as auth_service
from engage.auth.models import Role, User
from engage.clock import utcnow
from engage.consultations import emails as consultation_emails
from engage.consultations import events
from engage.consultations.event_models import Booking, Event
from engage.consultations.models import Action, Consultation, Document, DocumentVersion, Follower
from engage.digests import service as digest_service
from engage.digests.models import Subscription
from engage.extensions import db, limiter
from engage.feedback.models import Comment, Theme
from engage.localoffer.models import EvergreenPage, Organization, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from engage.ops.assets import load_manifest
from engage.reach.web.models import PopulationBaseline
from engage.surveys import service as survey_service
from tests.conftest import STAFF_PASSWORD, RequestScopedClient, config_for_tests

#: An open demo survey (open on PINNED_NOW).
DEMO_SURVEY = "parent-carer-send-survey-2026"
#: The answer "sent to sign in" (a 302 to /staff/login).
LOGIN = "login"
ROLES = ("anonymous", "moderator", "leader", "admin")
#: URL arguments that choose a file format: each value is its own row in the table (what a role may export).
FORMAT_VALUES = {"fmt": ("csv", "json", "ods"), "file_format": ("csv", "ods")}


def first_id(model, column="id"):
    return db.session.scalar(select(getattr(model, column)).order_by(model.id).limit(1))


def real_arguments(app: Flask) -> dict[str, dict[str, str | int]]:
    """Per endpoint, a value for each URL argument naming something the demo holds."""
    spare, enrol_token = auth_service.create_user(f"spare-{secrets.token_hex(3)}@example-borough.invalid", "moderator")
    subscription = db.session.scalar(select(Subscription).limit(1))
    survey = survey_service.registry().get(DEMO_SURVEY)
    service_id = first_id(Service)
    consultation = _consultation_with_a_document()
    version = db.session.scalar(
        select(DocumentVersion).join(Document).where(Document.consultation_id == consultation.id).limit(1)
    )
    follower = Follower(consultation_id=consultation.id, email=f"follower-{secrets.token_hex(3)}@example.invalid")
    db.session.add(follower)
    db.session.commit()
    of_consultation = {"slug": consultation.slug, "consultation_id": consultation.id, "version_id": version.id}
    # a booking for an event to come: anonymous visitors ask first, and their POST cancels it (a used link after)
    upcoming = db.session.scalar(select(Booking).join(Event).where(Event.starts_at > utcnow()).order_by(Booking.id))
    return {
        **{
            f"events.{endpoint}": {"token": events.booking_token(upcoming)}
            for endpoint in ("booking", "cancel", "accept")
        },
        "auth.enrol": {"token": enrol_token},
        **{f"auth.{endpoint}": {"user_id": spare.id} for endpoint in ("toggle_active", "user", "change_role", "reset")},
        "auth.renew_invitation": {"user_id": spare.id},
        "digests.unsubscribe": {"token": digest_service.unsubscribe_token(subscription)},
        "localoffer_api.organization": {"id": first_id(Organization)},
        "localoffer_api.service": {"id": service_id},
        "localoffer_api.service_at_location": {"id": first_id(ServiceAtLocation)},
        "localoffer_api.taxonomy": {"id": first_id(Taxonomy)},
        "localoffer_api.taxonomy_term": {"id": first_id(TaxonomyTerm)},
        "localoffer_api.unknown": {"anything": "nothing-here"},
        "localoffer_staff.service_action": {"service_id": service_id, "action": "checked"},
        "static": {"filename": load_manifest(app.static_folder)["dist/engage.css"]},
        "localoffer_staff.evergreen_action": {"action": "publish", "number": 1},
        "localoffer_staff.restore_version": {"number": 1},
        # a version nobody holds: removing the real one would change what the roles asked after see
        "consultations_staff.remove_version": {"consultation_id": consultation.id, "version_id": 999_999},
        "consultations.confirm": of_consultation | {"token": consultation_emails.token_for(follower, "confirm")},
        "consultations.unfollow": of_consultation | {"token": consultation_emails.token_for(follower, "unfollow")},
        **{f"consultations.{endpoint}": of_consultation for endpoint in ("show", "comment", "document", "follow")},
        "*": {
            "comment_id": first_id(Comment),
            "theme_id": first_id(Theme),
            "slug": first_id(EvergreenPage, "slug"),
            "service_id": service_id,
            "org_id": first_id(Organization),
            "survey_id": survey.id,
            "page_id": survey.pages[0].id,
            "consultation_id": consultation.id,
            "document_id": version.document_id,
            "version_id": version.id,
            "action_id": first_id(Action),
            "baseline_id": first_id(PopulationBaseline),
            "event_id": upcoming.event_id,
        },
    }


def _consultation_with_a_document() -> Consultation:
    """The demo's published consultation that has a document (the open one, with its easy-read version)."""
    query = select(Consultation).join(Document).order_by(Consultation.id).limit(1)
    return db.session.scalar(query)


def rows(app: Flask, arguments: dict) -> Iterator[tuple[str, str, str]]:
    """(table key, method, url) for every rule and method; a format argument gives one row per format."""
    adapter = app.url_map.bind("localhost")
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        for values, suffix in _variants(rule, arguments):
            url = adapter.build(rule.endpoint, values)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield f"{method} {rule.rule}{suffix}", method, url


def _variants(rule: Rule, arguments: dict) -> Iterator[tuple[dict, str]]:
    own = arguments.get(rule.endpoint, {})
    values = {name: own.get(name, arguments["*"].get(name)) for name in rule.arguments}
    formats = [name for name in rule.arguments if name in FORMAT_VALUES]
    if not formats:
        yield values, ""
        return
    converter = rule._converters[formats[0]]
    allowed = getattr(converter, "items", None) or FORMAT_VALUES[formats[0]]
    for value in sorted(allowed):
        yield values | {formats[0]: value}, f" {value}"


def _order(row: tuple[str, str, str]) -> tuple[bool, bool]:
    return row[0] == "POST /staff/logout", row[1] != "GET"


def sign_in(app: Flask, role: str) -> RequestScopedClient:
    """A client signed in through the real password and code flow as a new staff member of `role`."""
    client = app.test_client()
    if role == "anonymous":
        return client
    user = User(
        email=f"table-{role}-{secrets.token_hex(3)}@example-borough.invalid",
        role=Role(role),
        password_hash=passwords.hash_password(STAFF_PASSWORD),
        totp_secret=pyotp.random_base32(),
    )
    db.session.add(user)
    db.session.commit()
    assert client.post("/staff/login", data={"email": user.email, "password": STAFF_PASSWORD}).status_code == 302
    code = pyotp.TOTP(user.totp_secret).now()
    assert client.post("/staff/login/code", data={"code": code}).status_code == 302
    return client


#: Inside the demo's data, so every demo survey is open and no answer depends on the day the tests run.
PINNED_NOW = datetime(2026, 11, 18, 12, 0)


@contextmanager
def demo_app(tmp_path: Path, smtp_port: int) -> Iterator[Flask]:
    """An app holding the demo area, its clock pinned, for a whole module of requests."""
    app = create_app(config_for_tests(tmp_path, smtp_port) | {"CLOCK_PINNED_AT": PINNED_NOW})
    app.test_client_class = RequestScopedClient
    with app.app_context():
        db.drop_all()
        db.create_all()
        app.test_cli_runner().invoke(args=["demo", "load"], catch_exceptions=False)
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def answers(app: Flask, client, arguments: dict, only: set[str] | None = None) -> dict[str, int | str]:
    """What `client` gets for every row: GETs first, so a POST's side effect never changes a later GET, and
    signing out last."""
    limiter.reset()  # each sweep is one visitor's worth of posts; the limits are tested elsewhere
    found = {}
    for key, method, url in sorted(rows(app, arguments), key=_order):
        if only is not None and key not in only:
            continue
        response = client.open(url, method=method)
        location = response.headers.get("Location", "")
        found[key] = LOGIN if response.status_code == 302 and "/staff/login" in location else response.status_code
    return found
