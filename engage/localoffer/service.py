"""Every change to the Local Offer goes through here (views, CLI, demo and tests alike).

Each staff change is a ServiceRevision (who, when, snapshot, readable diff) and an audit
event. A published service is never changed in place by an edit: the edit is kept as a
proposed change until a second person publishes it.
"""

from __future__ import annotations

import copy
import datetime
import json
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from engage.audit import record_audit
from engage.clock import utcnow
from engage.extensions import db
from engage.localoffer import changes, importer, oruk, pagecache
from engage.localoffer import models as m
from engage.localoffer.search import index_service
from engage.localoffer.taxonomy import builtin_taxonomies

#: revision actions that write content: whoever took one is a contributor to the change under way
CONTENT_ACTIONS = frozenset(
    {"created", "edited", "change proposed", "imported", "import proposed change", "restored", "version restored"}
)
#: revision actions after which a new change starts (nothing is pending any more)
SETTLED_ACTIONS = frozenset({"published", "imported and published", "change discarded", "archived"})


class WorkflowError(Exception):
    """A workflow step that is not allowed now; the message says why."""


# ------------------------------------------------------------------------- helpers


def actor_id(actor: Any) -> int | None:
    return getattr(actor, "id", None)


def actor_name(actor: Any) -> str:
    if actor is None:
        return "command line"
    return str(getattr(actor, "display_name", None) or getattr(actor, "email", None) or actor.id)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (clamped to the month's end)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def review_months() -> int:
    return int(current_app.config.get("LOCAL_OFFER_REVIEW_MONTHS", 12))


def two_person_publish() -> bool:
    return bool(current_app.config.get("LOCAL_OFFER_TWO_PERSON_PUBLISH", True))


def _record(service: m.Service, action: str, actor: Any, snapshot: dict, previous: dict | None) -> None:
    """A revision (who, when, the document before and after) and an audit event."""
    number = (
        db.session.scalar(
            sa.select(sa.func.max(m.ServiceRevision.number)).where(m.ServiceRevision.service_id == service.id)
        )
        or 0
    ) + 1
    state = service.state.value if service.pending_state is None else f"{service.state.value}+change"
    db.session.add(
        m.ServiceRevision(
            service_id=service.id,
            number=number,
            actor_id=actor_id(actor),
            actor_name=actor_name(actor),
            action=action,
            state_after=state,
            snapshot=snapshot,
            previous=previous,
            diff=changes.as_text(changes.service_changes(previous, snapshot)) if previous else "",
        )
    )
    index_service(service)  # the search row follows every change of content or state
    pagecache.clear()
    record_audit(
        f"localoffer.service.{action.replace(' ', '_')}",
        "lo_service",
        service.id,
        actor_id=actor_id(actor),
        commit=False,
    )


def _touch(service: m.Service) -> None:
    db.session.flush()
    db.session.refresh(service)
    service.last_modified = utcnow()
    if service.assured_date:
        service.review_due = add_months(service.assured_date, review_months())


def _snapshot(service: m.Service) -> dict:
    db.session.flush()
    db.session.expire(service)
    return oruk.service_to_oruk(service)


def latest_snapshot(service: m.Service) -> dict | None:
    return service.revisions[0].snapshot if service.revisions else None


def ensure_taxonomies() -> None:
    """Create Engage's own taxonomies and terms if missing (idempotent)."""
    for tax in builtin_taxonomies():
        if db.session.get(m.Taxonomy, tax["id"]) is None:
            db.session.add(m.Taxonomy(id=tax["id"], name=tax["name"], description=tax["description"]))
        for term_id, code, name in tax["terms"]:
            if db.session.get(m.TaxonomyTerm, term_id) is None:
                db.session.add(
                    m.TaxonomyTerm(id=term_id, taxonomy_id=tax["id"], code=code, name=name, description=name)
                )
    db.session.flush()


# ---------------------------------------------------------------- organisations


def save_organization(org: m.Organization | None, fields: dict[str, Any], actor: Any) -> m.Organization:
    """Create or edit an organisation."""
    org = org or m.Organization(id=m.new_id())
    for key in ("name", "description", "email", "website"):
        setattr(org, key, fields.get(key) or (None if key in ("email", "website") else ""))
    db.session.add(org)
    db.session.flush()
    record_audit("localoffer.organization.saved", "lo_organization", org.id, actor_id=actor_id(actor), commit=False)
    db.session.commit()
    return org


# ----------------------------------------------------------------- services


def _apply(doc: dict, fallback_org_id: str | None = None, update_organization: bool = False) -> m.Service:
    """Write a document to the tables. Only an import rewrites the organisation from the document: an
    edit or a restored version names its organisation, which may have been edited since."""
    org_doc = doc.get("organization") if isinstance(doc.get("organization"), dict) else {}
    if update_organization and org_doc:
        organization_id = oruk.apply_organization(db.session, org_doc).id
    else:
        wanted = org_doc.get("id") or doc.get("organization_id")
        organization_id = wanted if wanted and db.session.get(m.Organization, wanted) else fallback_org_id
    service = oruk.apply_service(db.session, doc, organization_id or doc["organization_id"])
    _touch(service)
    return service


def save_service(service: m.Service | None, doc: dict, actor: Any) -> m.Service:
    """Create a draft, edit a draft, or propose a change to a published service."""
    if service is not None and service.state == m.ServiceState.PUBLISHED:
        return _propose(service, doc, actor, "change proposed")
    previous = latest_snapshot(service) if service else None
    service = _apply(doc, service.organization_id if service else None)
    service.last_edited_by_id = actor_id(actor)
    action = "edited" if previous else "created"
    _record(service, action, actor, _snapshot(service), previous)
    db.session.commit()
    return service


def _propose(
    service: m.Service, doc: dict, actor: Any, action: str, state: m.ChangeState = m.ChangeState.DRAFT
) -> m.Service:
    live = oruk.service_to_oruk(service)
    service.pending_data = doc
    service.pending_state = state
    service.pending_by_id = actor_id(actor)
    _record(service, action, actor, doc, live)
    db.session.commit()
    return service


def editable_document(service: m.Service) -> dict:
    """What an editor starts from: the proposed change if there is one, else the live entry."""
    return dict(service.pending_data) if service.pending_data else oruk.service_to_oruk(service)


def submit_for_review(service: m.Service, actor: Any) -> None:
    if service.pending_state == m.ChangeState.DRAFT:
        service.pending_state = m.ChangeState.IN_REVIEW
    elif service.state == m.ServiceState.DRAFT and service.pending_state is None:
        service.state = m.ServiceState.IN_REVIEW
    else:
        raise WorkflowError(_l("Only a draft can be sent for review."))
    _record(service, "submitted for review", actor, editable_document(service), None)
    db.session.commit()


def contributors(service: m.Service) -> set[int | None]:
    """Everyone who wrote any part of the change under way (None: someone not recorded)."""
    revisions = db.session.scalars(
        sa.select(m.ServiceRevision)
        .where(m.ServiceRevision.service_id == service.id)
        .order_by(m.ServiceRevision.number.desc())
    )
    found: set[int | None] = set()
    for revision in revisions:
        if revision.action in SETTLED_ACTIONS:
            break
        if revision.action in CONTENT_ACTIONS:
            found.add(revision.actor_id)
    return found


def _check_second_person(service: m.Service, actor: Any) -> None:
    """Nobody who wrote any part of a change may publish it (issue 15: not only the last editor)."""
    if two_person_publish() and actor_id(actor) is not None and actor_id(actor) in contributors(service):
        raise WorkflowError(_l("You wrote part of this change, so someone else must check and publish it."))


def publish(service: m.Service, actor: Any) -> None:
    """Publish a service in review, or apply its proposed change (second person)."""
    previous = oruk.service_to_oruk(service)
    if service.pending_state == m.ChangeState.IN_REVIEW:
        _check_second_person(service, actor)
        doc = service.pending_data
        service.pending_data, service.pending_state, service.pending_by_id = None, None, None
        service = _apply(doc, service.organization_id)
    elif service.state == m.ServiceState.IN_REVIEW:
        _check_second_person(service, actor)
    else:
        raise WorkflowError(_l("Only an entry in review can be published."))
    service.state = m.ServiceState.PUBLISHED
    service.published_at = utcnow()
    service.assured_date = utcnow().date()  # a second person has just checked it
    _touch(service)
    _record(service, "published", actor, _snapshot(service), previous)
    db.session.commit()


def send_back(service: m.Service, actor: Any) -> None:
    """Return an entry (or its proposed change) in review to draft."""
    if service.pending_state == m.ChangeState.IN_REVIEW:
        service.pending_state = m.ChangeState.DRAFT
    elif service.state == m.ServiceState.IN_REVIEW:
        service.state = m.ServiceState.DRAFT
    else:
        raise WorkflowError(_l("Only an entry in review can be sent back."))
    _record(service, "sent back", actor, editable_document(service), None)
    db.session.commit()


def discard_change(service: m.Service, actor: Any) -> None:
    """Drop a proposed change; the published entry stays as it is."""
    service.pending_data, service.pending_state, service.pending_by_id = None, None, None
    _record(service, "change discarded", actor, oruk.service_to_oruk(service), None)
    db.session.commit()


def archive(service: m.Service, actor: Any) -> None:
    previous = oruk.service_to_oruk(service)
    service.state = m.ServiceState.ARCHIVED
    service.pending_data, service.pending_state, service.pending_by_id = None, None, None
    service.last_modified = utcnow()
    _record(service, "archived", actor, oruk.service_to_oruk(service), previous)
    db.session.commit()


def restore(service: m.Service, actor: Any) -> None:
    """Bring an archived entry back as a draft."""
    if service.state != m.ServiceState.ARCHIVED:
        raise WorkflowError(_l("Only an archived entry can be restored."))
    service.state = m.ServiceState.DRAFT
    service.last_edited_by_id = actor_id(actor)
    _record(service, "restored", actor, oruk.service_to_oruk(service), None)
    db.session.commit()


def restore_version(service: m.Service, number: int, actor: Any) -> None:
    """Bring back an earlier version as a new change: proposed (for a second person) when the entry is
    published, else written to the draft."""
    revision = db.session.scalar(
        sa.select(m.ServiceRevision).where(
            m.ServiceRevision.service_id == service.id, m.ServiceRevision.number == number
        )
    )
    if revision is None or service.state == m.ServiceState.ARCHIVED:
        raise WorkflowError(_l("That version cannot be restored."))
    doc = copy.deepcopy(revision.snapshot)
    doc["id"] = service.id
    if service.state == m.ServiceState.PUBLISHED:
        _propose(service, doc, actor, "version restored", m.ChangeState.IN_REVIEW)
        return
    previous = latest_snapshot(service)
    service = _apply(doc, service.organization_id)
    service.last_edited_by_id = actor_id(actor)
    _record(service, "version restored", actor, _snapshot(service), previous)
    db.session.commit()


def mark_checked(service: m.Service, actor: Any, today: datetime.date | None = None) -> None:
    """Record that the entry was checked today; the next review falls due months later."""
    previous = oruk.service_to_oruk(service)
    today = today or utcnow().date()
    service.assured_date = today
    service.review_due = add_months(today, review_months())
    service.last_modified = utcnow()
    _record(service, "checked", actor, oruk.service_to_oruk(service), previous)
    db.session.commit()


# ------------------------------------------------------------------------ import


def import_data(data: Any, publish_now: bool, actor: Any) -> importer.ImportResult:
    """Validate a whole parsed file and apply it in one transaction, or raise ImportRejected."""
    ensure_taxonomies()
    records, result = importer.validate(data, importer.known_ids(db.session))
    if result.ok:
        importer.check_owners(db.session, records, result)
    if not result.ok:
        db.session.rollback()
        raise importer.ImportRejected(result)
    try:
        for index, doc in enumerate(records, 1):
            _match_organization(index, doc, result)
            _import_one(doc, publish_now, actor, result)
        record_audit(
            "localoffer.import",
            "lo_service",
            None,
            actor_id=actor_id(actor),
            commit=False,
            created=len(result.created),
            updated=len(result.updated),
            published=publish_now,
        )
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return result


def _match_organization(index: int, doc: dict, result: importer.ImportResult) -> None:
    """An organisation new to us by id but named like one we hold is that one (no twin is made)."""
    org = doc.get("organization")
    if not isinstance(org, dict) or db.session.get(m.Organization, org["id"]) is not None:
        return
    name = " ".join(org["name"].split()).casefold()
    match = db.session.scalar(
        sa.select(m.Organization).where(sa.func.lower(sa.func.trim(m.Organization.name)) == name).limit(1)
    )
    if match is not None:
        doc["organization"] = {**org, "id": match.id}
        message = _l("matches the organisation %(name)s already in the directory", name=match.name)
        result.warnings.append(importer.Problem(index, doc["id"][:40], "organization.name", str(message)))


def _import_one(doc: dict, publish_now: bool, actor: Any, result: importer.ImportResult) -> None:
    existing = db.session.get(m.Service, doc["id"])
    (result.updated if existing else result.created).append(doc["id"])
    if existing is not None and existing.state == m.ServiceState.PUBLISHED and not publish_now:
        _propose_imported(existing, doc, actor)
        return
    previous = oruk.service_to_oruk(existing) if existing else None
    service = _apply(doc, update_organization=True)
    service.last_edited_by_id = actor_id(actor)
    if publish_now:
        service.state, service.published_at = m.ServiceState.PUBLISHED, utcnow()
        service.pending_data, service.pending_state, service.pending_by_id = None, None, None
    elif existing is None:
        service.state = m.ServiceState.DRAFT
    _record(service, "imported and published" if publish_now else "imported", actor, _snapshot(service), previous)


def _propose_imported(service: m.Service, doc: dict, actor: Any) -> None:
    live = oruk.service_to_oruk(service)
    service.pending_data = doc
    service.pending_state = m.ChangeState.DRAFT
    service.pending_by_id = actor_id(actor)
    _record(service, "import proposed change", actor, doc, live)


# ------------------------------------------------------------------------ export


def existing_document(service_id: str) -> dict | None:
    """The current Open Referral document of a service, for updating from a CSV row."""
    service = db.session.get(m.Service, service_id) if service_id else None
    return oruk.service_to_oruk(service) if service else None


def export_text(fmt: str, actor: Any) -> str:
    """Every published service as Open Referral UK JSON (an array) or flat CSV; audited."""
    from engage.localoffer import csvio

    services = list(
        db.session.scalars(
            sa.select(m.Service).where(m.Service.state == m.ServiceState.PUBLISHED).order_by(m.Service.name)
        )
    )
    record_audit("localoffer.export", "lo_service", None, actor_id=actor_id(actor), format=fmt, count=len(services))
    db.session.commit()
    if fmt == "csv":
        return csvio.to_csv(services)
    return json.dumps([oruk.service_to_oruk(s) for s in services], ensure_ascii=False, indent=1)


# ------------------------------------------------------------------ translations


def save_translation(service: m.Service, language: str, fields: dict[str, str], actor: Any) -> None:
    """Set (or clear, when empty) the translation of each field into ``language``."""
    existing = {(t.language, t.field): t for t in service.translations}
    for field in m.TRANSLATABLE_FIELDS:
        text = (fields.get(field) or "").strip()
        row = existing.get((language, field))
        if row is not None and not text:
            db.session.delete(row)
        elif row is not None:
            row.text, row.updated_by_id = text, actor_id(actor)
        elif text:
            db.session.add(
                m.ServiceTranslation(
                    service_id=service.id, language=language, field=field, text=text, updated_by_id=actor_id(actor)
                )
            )
    record_audit(
        "localoffer.translation.saved",
        "lo_service",
        service.id,
        actor_id=actor_id(actor),
        commit=False,
        language=language,
    )
    db.session.commit()
