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


#: ?review= on the staff list: changes waiting for this person to check, or this person's own waiting for others
REVIEW_FILTERS = ("for-me", "mine")


def _in_review() -> sa.ColumnElement[bool]:
    return sa.or_(m.Service.state == m.ServiceState.IN_REVIEW, m.Service.pending_state == m.ChangeState.IN_REVIEW)


def _proposer() -> sa.ColumnElement:
    """Who sent the entry (or its proposed change) for review: whoever a second person must be other than."""
    return sa.case(
        (m.Service.pending_state == m.ChangeState.IN_REVIEW, m.Service.pending_by_id),
        else_=m.Service.last_edited_by_id,
    )


def waiting_for(user_id: int) -> sa.ColumnElement[bool]:
    """In review and proposed by someone else, so this person may check and publish it."""
    return sa.and_(_in_review(), sa.or_(_proposer().is_(None), _proposer() != user_id))


def proposed_by(user_id: int) -> sa.ColumnElement[bool]:
    """In review and proposed by this person, so it waits for someone else."""
    return sa.and_(_in_review(), _proposer() == user_id)


def staff_services_query(
    state: m.ServiceState | None, text: str = "", review: str = "", user_id: int | None = None
) -> sa.Select:
    """The staff list of services by name, with its filters (for engage.pagination)."""
    query = sa.select(m.Service).options(selectinload(m.Service.organization)).order_by(m.Service.name, m.Service.id)
    if state is not None:
        query = query.where(m.Service.state == state)
    if text.strip():
        query = query.where(m.Service.name.ilike(f"%{text.strip()[:100]}%"))
    if review == "for-me" and user_id is not None:
        query = query.where(waiting_for(user_id))
    elif review == "mine" and user_id is not None:
        query = query.where(proposed_by(user_id))
    return query


def evergreen_writers(session: Session) -> dict[int, set[int | None]]:
    """Information pages with a change waiting -> who wrote any part of it (as page_review.contributors), at once."""
    from engage.localoffer.page_review import CONTENT_ACTIONS, SETTLED_ACTIONS

    rows = session.execute(
        sa.select(m.EvergreenRevision.page_id, m.EvergreenRevision.actor_id, m.EvergreenRevision.action)
        .join(m.EvergreenPage, m.EvergreenPage.id == m.EvergreenRevision.page_id)
        .where(m.EvergreenPage.pending_data.is_not(None))
        .order_by(m.EvergreenRevision.page_id, m.EvergreenRevision.number.desc())
    ).all()
    writers: dict[int, set[int | None]] = {}
    settled: set[int] = set()
    for page_id, actor, action in rows:
        writers.setdefault(page_id, set())
        if page_id in settled:
            continue
        if action in SETTLED_ACTIONS:
            settled.add(page_id)
        elif action in CONTENT_ACTIONS:
            writers[page_id].add(actor)
    return writers


def evergreen_proposals(session: Session, user_id: int) -> tuple[int, int]:
    """Information pages with a change waiting: (for this person to check, proposed by this person)."""
    writers = evergreen_writers(session)
    mine = sum(1 for found in writers.values() if user_id in found)
    return len(writers) - mine, mine


def waiting_pages(session: Session, review: str, user_id: int) -> list[m.EvergreenPage]:
    """Information pages with a change waiting, narrowed like the services by ?review= (for-me, mine or any)."""
    writers = evergreen_writers(session)
    if review == "for-me":
        chosen = [page_id for page_id, found in writers.items() if user_id not in found]
    elif review == "mine":
        chosen = [page_id for page_id, found in writers.items() if user_id in found]
    else:
        chosen = list(writers)
    if not chosen:
        return []
    return list(
        session.scalars(
            sa.select(m.EvergreenPage).where(m.EvergreenPage.id.in_(chosen)).order_by(m.EvergreenPage.title)
        )
    )


def overdue_services(today: datetime.date) -> sa.ColumnElement[bool]:
    """Published entries whose review date has passed, or that never had one."""
    return sa.and_(published(), sa.or_(m.Service.review_due.is_(None), m.Service.review_due < today))


def overdue_count(session: Session, today: datetime.date) -> int:
    """Published entries and information pages overdue for review, in one query."""
    services = sa.select(sa.func.count(m.Service.id)).where(overdue_services(today)).scalar_subquery()
    pages = sa.select(sa.func.count(m.EvergreenPage.id)).where(m.EvergreenPage.review_due < today).scalar_subquery()
    return session.execute(sa.select(services + pages)).scalar() or 0


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


def due_for_review(
    session: Session, today: datetime.date, within_days: int = 30, overdue_only: bool = False
) -> list[m.Service]:
    """Published entries whose review date has passed or falls within ``within_days`` (or, with ``overdue_only``,
    has passed: what the staff home counts)."""
    horizon = today + datetime.timedelta(days=within_days)
    due = (
        overdue_services(today)
        if overdue_only
        else sa.and_(published(), sa.or_(m.Service.review_due.is_(None), m.Service.review_due <= horizon))
    )
    return list(
        session.scalars(
            sa.select(m.Service)
            .where(due)
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


def due_evergreen_pages(
    session: Session, today: datetime.date, within_days: int = 30, overdue_only: bool = False
) -> list[m.EvergreenPage]:
    """Information pages still needing the area's content, then those whose review date has passed or falls
    within ``within_days`` (only those passed, with ``overdue_only``)."""
    horizon = today + datetime.timedelta(days=within_days)
    due = m.EvergreenPage.review_due < today if overdue_only else m.EvergreenPage.review_due <= horizon
    return list(
        session.scalars(
            sa.select(m.EvergreenPage)
            .where(sa.or_(m.EvergreenPage.needs_content.is_(True), due))
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
