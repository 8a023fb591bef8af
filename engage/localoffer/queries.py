"""Reads for the API, the staff lists and reports. No Flask here."""

from __future__ import annotations

import dataclasses
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from engage.localoffer import districts
from engage.localoffer import models as m
from engage.localoffer.search import miles_between, published, query_terms, vocabulary
from engage.localoffer.taxonomy import CATEGORIES, CATEGORY_TAXONOMY_ID


@dataclasses.dataclass
class ApiFilters:
    """Filters as the Open Referral UK API defines them."""

    search: str = ""
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    minimum_age: float | None = None  #: services whose minimum age is at least this
    maximum_age: float | None = None  #: services whose maximum age is at most this
    postcode: str | None = None
    proximity: float | None = None  #: metres from the postcode's centre


def _service_conditions(session: Session, f: ApiFilters) -> list[sa.ColumnElement[bool]]:
    where = [published()]
    if f.search.strip():
        terms, _ = query_terms(f.search, vocabulary(session))
        for alts in terms:
            matching = sa.select(m.ServiceSearch.service_id).where(
                sa.or_(*(m.ServiceSearch.text.like(f"% {a}%") for a in alts))
            )
            where.append(m.Service.id.in_(matching))
    if f.taxonomy_term_id:
        linked = sa.select(m.ServiceAttribute.service_id).where(
            m.ServiceAttribute.taxonomy_term_id == f.taxonomy_term_id
        )
        where.append(m.Service.id.in_(linked))
    if f.taxonomy_id:
        linked = (
            sa.select(m.ServiceAttribute.service_id)
            .join(m.TaxonomyTerm, m.TaxonomyTerm.id == m.ServiceAttribute.taxonomy_term_id)
            .where(m.TaxonomyTerm.taxonomy_id == f.taxonomy_id)
        )
        where.append(m.Service.id.in_(linked))
    if f.minimum_age is not None:
        where.append(m.Service.minimum_age >= f.minimum_age)
    if f.maximum_age is not None:
        where.append(m.Service.maximum_age <= f.maximum_age)
    return where


def api_services(session: Session, f: ApiFilters, page: int, per_page: int) -> tuple[list[m.Service], int]:
    """One page of published services (by name) and the total."""
    where = _service_conditions(session, f)
    total = session.scalar(sa.select(sa.func.count()).select_from(m.Service).where(*where)) or 0
    services = session.scalars(
        sa.select(m.Service)
        .where(*where)
        .order_by(m.Service.name, m.Service.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
        .options(selectinload(m.Service.organization))
    ).all()
    return list(services), total


def api_service_at_locations(
    session: Session, f: ApiFilters, page: int, per_page: int
) -> tuple[list[m.ServiceAtLocation], int]:
    """One page of service-at-locations of published services, nearest first with a postcode."""
    query = (
        sa.select(m.ServiceAtLocation.id)
        .join(m.Service, m.Service.id == m.ServiceAtLocation.service_id)
        .where(*_service_conditions(session, f))
        .order_by(m.Service.name, m.ServiceAtLocation.id)
    )
    ids = list(session.scalars(query))
    place = districts.lookup(f.postcode) if f.postcode else None
    if f.postcode and place is None:
        return [], 0
    if place is not None:
        ids = _by_distance(session, ids, place, f.proximity)
    chosen = ids[(page - 1) * per_page : page * per_page]
    rows = {
        sal.id: sal
        for sal in session.scalars(
            sa.select(m.ServiceAtLocation)
            .where(m.ServiceAtLocation.id.in_(chosen))
            .options(selectinload(m.ServiceAtLocation.service).selectinload(m.Service.organization))
        )
    }
    return [rows[i] for i in chosen], len(ids)


def _by_distance(session: Session, ids: list[str], place: districts.Place, metres: float | None) -> list[str]:
    """``ids`` of service-at-locations within ``metres`` of ``place`` (all, if no distance), nearest first."""
    radius = (metres / 1609.344) if metres else None
    rows = session.execute(
        sa.select(m.ServiceAtLocation.id, m.Location.latitude, m.Location.longitude)
        .join(m.Location, m.Location.id == m.ServiceAtLocation.location_id)
        .where(m.ServiceAtLocation.id.in_(ids), m.Location.latitude.is_not(None), m.Location.longitude.is_not(None))
    )
    scored = []
    for sal_id, lat, lon in rows:
        miles = miles_between(place.latitude, place.longitude, lat, lon)
        if radius is None or miles <= radius:
            scored.append((miles, sal_id))
    return [sal_id for _, sal_id in sorted(scored)]


def api_organizations(session: Session, page: int, per_page: int) -> tuple[list[m.Organization], int]:
    """Organisations with at least one published service."""
    where = m.Organization.id.in_(sa.select(m.Service.organization_id).where(published()))
    total = session.scalar(sa.select(sa.func.count()).select_from(m.Organization).where(where)) or 0
    orgs = session.scalars(
        sa.select(m.Organization)
        .where(where)
        .order_by(m.Organization.name)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return list(orgs), total


def published_services_of(session: Session, org_id: str) -> list[m.Service]:
    return list(
        session.scalars(
            sa.select(m.Service).where(published(), m.Service.organization_id == org_id).order_by(m.Service.name)
        )
    )


def _paged(session: Session, query: sa.Select, page: int, per_page: int) -> tuple[list, int]:
    total = session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    return list(session.scalars(query.offset((page - 1) * per_page).limit(per_page))), total


def api_taxonomies(session: Session, page: int, per_page: int) -> tuple[list[m.Taxonomy], int]:
    return _paged(session, sa.select(m.Taxonomy).order_by(m.Taxonomy.name, m.Taxonomy.id), page, per_page)


def api_terms(session: Session, taxonomy_id: str | None, page: int, per_page: int) -> tuple[list[m.TaxonomyTerm], int]:
    query = sa.select(m.TaxonomyTerm).order_by(m.TaxonomyTerm.taxonomy_id, m.TaxonomyTerm.name, m.TaxonomyTerm.id)
    if taxonomy_id:
        query = query.where(m.TaxonomyTerm.taxonomy_id == taxonomy_id)
    return _paged(session, query, page, per_page)


# ------------------------------------------------------------------- staff views


def staff_services(session: Session, state: m.ServiceState | None, text: str = "") -> list[m.Service]:
    query = sa.select(m.Service).options(selectinload(m.Service.organization)).order_by(m.Service.name)
    if state is not None:
        query = query.where(m.Service.state == state)
    if text.strip():
        query = query.where(m.Service.name.ilike(f"%{text.strip()[:100]}%"))
    return list(session.scalars(query.limit(500)))


def awaiting_review(session: Session) -> list[m.Service]:
    """New entries and proposed changes waiting for a second person."""
    return list(
        session.scalars(
            sa.select(m.Service)
            .where(
                sa.or_(
                    m.Service.state == m.ServiceState.IN_REVIEW,
                    m.Service.pending_state == m.ChangeState.IN_REVIEW,
                )
            )
            .order_by(m.Service.last_modified)
        )
    )


def due_for_review(session: Session, today: datetime.date, within_days: int = 30) -> list[m.Service]:
    """Published entries whose review date has passed or falls within ``within_days``."""
    horizon = today + datetime.timedelta(days=within_days)
    return list(
        session.scalars(
            sa.select(m.Service)
            .where(published(), sa.or_(m.Service.review_due.is_(None), m.Service.review_due <= horizon))
            .order_by(m.Service.review_due.is_(None).desc(), m.Service.review_due, m.Service.name)
        )
    )


def coverage(session: Session) -> list[tuple[str, str, int]]:
    """Schedule 2 coverage: (category code, name, number of current published entries)."""
    counts = dict(
        session.execute(
            sa.select(m.TaxonomyTerm.code, sa.func.count(sa.distinct(m.Service.id)))
            .join(m.ServiceAttribute, m.ServiceAttribute.taxonomy_term_id == m.TaxonomyTerm.id)
            .join(m.Service, m.Service.id == m.ServiceAttribute.service_id)
            .where(published(), m.Service.status == "active", m.TaxonomyTerm.taxonomy_id == CATEGORY_TAXONOMY_ID)
            .group_by(m.TaxonomyTerm.code)
        ).all()
    )
    return [(code, name, counts.get(code, 0)) for code, name in CATEGORIES]


def evergreen_page(session: Session, slug: str, published_only: bool = False) -> m.EvergreenPage | None:
    """A page by slug; families (published_only) never see a draft that still needs the area's content."""
    query = sa.select(m.EvergreenPage).where(m.EvergreenPage.slug == slug)
    if published_only:
        query = query.where(m.EvergreenPage.needs_content.is_(False))
    return session.scalar(query)


def evergreen_pages(session: Session, published_only: bool = False) -> list[m.EvergreenPage]:
    query = sa.select(m.EvergreenPage).order_by(m.EvergreenPage.title)
    if published_only:
        query = query.where(m.EvergreenPage.needs_content.is_(False))
    return list(session.scalars(query))


def due_evergreen_pages(session: Session, today: datetime.date, within_days: int = 30) -> list[m.EvergreenPage]:
    """Information pages still needing the area's content, then those whose review date has passed or falls
    within ``within_days``."""
    horizon = today + datetime.timedelta(days=within_days)
    return list(
        session.scalars(
            sa.select(m.EvergreenPage)
            .where(sa.or_(m.EvergreenPage.needs_content.is_(True), m.EvergreenPage.review_due <= horizon))
            .order_by(m.EvergreenPage.needs_content.desc(), m.EvergreenPage.review_due, m.EvergreenPage.title)
        )
    )


def organisations_with_counts(session: Session) -> list[tuple[m.Organization, int, int]]:
    """Every organisation by name with its number of services (any state) and of published ones."""
    total = sa.func.count(m.Service.id)
    live = sa.func.count(m.Service.id).filter(m.Service.state == m.ServiceState.PUBLISHED)
    rows = session.execute(
        sa.select(m.Organization, total, live)
        .outerjoin(m.Service, m.Service.organization_id == m.Organization.id)
        .group_by(m.Organization.id)
        .order_by(sa.func.lower(m.Organization.name), m.Organization.id)
    )
    return [(org, n, p) for org, n, p in rows]
