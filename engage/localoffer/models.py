"""Local Offer directory tables.

The shape follows Open Referral UK (HSDS-UK-3.0): every record keeps its Open Referral
UUID as a string primary key, so importing a file again updates rather than duplicates.
Workflow, review dates, revisions and translations are Engage's own additions.
"""

from __future__ import annotations

import datetime
import enum
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.clock import utcnow
from engage.extensions import db


def _enum(kind: type[enum.Enum]) -> sa.Enum:
    """An enum stored as its value in a VARCHAR (same on SQLite and PostgreSQL)."""
    return sa.Enum(kind, native_enum=False, length=20, values_callable=lambda e: [x.value for x in e])


def new_id() -> str:
    """A fresh Open Referral identifier (UUID4 as text)."""
    return str(uuid.uuid4())


class ServiceState(enum.Enum):
    """Where a service is in the curation workflow."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class ChangeState(enum.Enum):
    """Where a proposed change to a published service is."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"


class Organization(db.Model):
    __tablename__ = "lo_organization"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(sa.String(255))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    email: Mapped[str | None] = mapped_column(sa.String(255))
    website: Mapped[str | None] = mapped_column(sa.String(500))
    updated_at: Mapped[datetime.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    services: Mapped[list[Service]] = relationship(back_populates="organization")


class Taxonomy(db.Model):
    __tablename__ = "lo_taxonomy"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(sa.String(255))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    uri: Mapped[str | None] = mapped_column(sa.String(500))
    version: Mapped[str | None] = mapped_column(sa.String(50))

    terms: Mapped[list[TaxonomyTerm]] = relationship(back_populates="taxonomy")


class TaxonomyTerm(db.Model):
    __tablename__ = "lo_taxonomy_term"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    taxonomy_id: Mapped[str | None] = mapped_column(sa.ForeignKey("lo_taxonomy.id"), index=True)
    #: short stable code used in family filters, e.g. "education" or "ASD"
    code: Mapped[str | None] = mapped_column(sa.String(100), index=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    parent_id: Mapped[str | None] = mapped_column(sa.String(36))
    #: free-text taxonomy name when the term came from a file without a taxonomy record
    taxonomy_label: Mapped[str | None] = mapped_column(sa.String(255))
    term_uri: Mapped[str | None] = mapped_column(sa.String(500))

    taxonomy: Mapped[Taxonomy | None] = relationship(back_populates="terms")


class Service(db.Model):
    __tablename__ = "lo_service"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    organization_id: Mapped[str] = mapped_column(sa.ForeignKey("lo_organization.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    #: Markdown; rendered through the sanitiser
    description: Mapped[str] = mapped_column(sa.Text, default="")
    url: Mapped[str | None] = mapped_column(sa.String(500))
    email: Mapped[str | None] = mapped_column(sa.String(255))
    #: Open Referral status: active, inactive, defunct, temporarily closed
    status: Mapped[str] = mapped_column(sa.String(30), default="active")
    #: who the service is for, beyond ages and needs
    eligibility: Mapped[str] = mapped_column(sa.Text, default="")
    #: how to access the service or be referred
    application_process: Mapped[str] = mapped_column(sa.Text, default="")
    #: free text about charges (Open Referral "fees")
    fees: Mapped[str] = mapped_column(sa.Text, default="")
    #: True free, False paid, None not known
    is_free: Mapped[bool | None] = mapped_column()
    accreditations: Mapped[str] = mapped_column(sa.Text, default="")
    alert: Mapped[str] = mapped_column(sa.Text, default="")
    minimum_age: Mapped[int | None] = mapped_column(index=True)
    maximum_age: Mapped[int | None] = mapped_column(index=True)
    #: date the information was last checked (Open Referral "assured_date")
    assured_date: Mapped[datetime.date | None] = mapped_column()
    assurer_email: Mapped[str | None] = mapped_column(sa.String(255))
    #: when the entry should next be checked (default: months after assured_date)
    review_due: Mapped[datetime.date | None] = mapped_column(index=True)
    state: Mapped[ServiceState] = mapped_column(_enum(ServiceState), default=ServiceState.DRAFT, index=True)
    published_at: Mapped[datetime.datetime | None] = mapped_column()
    #: staff user who last changed the content (for the second-person rule)
    last_edited_by_id: Mapped[int | None] = mapped_column()
    #: a proposed change to a published service, as an Open Referral document
    pending_data: Mapped[dict | None] = mapped_column(sa.JSON)
    pending_state: Mapped[ChangeState | None] = mapped_column(_enum(ChangeState))
    pending_by_id: Mapped[int | None] = mapped_column()
    last_modified: Mapped[datetime.datetime] = mapped_column(default=utcnow, index=True)
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)

    organization: Mapped[Organization] = relationship(back_populates="services")
    contacts: Mapped[list[Contact]] = relationship(cascade="all, delete-orphan", order_by="Contact.position")
    schedules: Mapped[list[Schedule]] = relationship(cascade="all, delete-orphan", order_by="Schedule.position")
    languages: Mapped[list[ServiceLanguage]] = relationship(
        cascade="all, delete-orphan", order_by="ServiceLanguage.position"
    )
    cost_options: Mapped[list[CostOption]] = relationship(cascade="all, delete-orphan")
    attributes: Mapped[list[ServiceAttribute]] = relationship(cascade="all, delete-orphan")
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    search_entry: Mapped[ServiceSearch | None] = relationship(cascade="all, delete-orphan", uselist=False)
    translations: Mapped[list[ServiceTranslation]] = relationship(cascade="all, delete-orphan")
    revisions: Mapped[list[ServiceRevision]] = relationship(
        cascade="all, delete-orphan", order_by="ServiceRevision.number.desc()"
    )

    __table_args__ = (
        sa.CheckConstraint(
            "minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age",
            name="age_range",
        ),
    )

    @property
    def terms(self) -> list[TaxonomyTerm]:
        return [a.term for a in self.attributes]

    def term_codes(self) -> set[str]:
        return {a.term.code for a in self.attributes if a.term.code}


class ServiceSearch(db.Model):
    """The search index of one service: a narrow row, so a search scans little.

    Rewritten from the service on every change (``search.index_service``); never edited directly.
    """

    __tablename__ = "lo_service_search"

    service_id: Mapped[str] = mapped_column(sa.ForeignKey("lo_service.id", ondelete="CASCADE"), primary_key=True)
    #: the service is published (only these are searched)
    published: Mapped[bool] = mapped_column(default=False, index=True)
    #: normalised stemmed words, space-delimited with a leading and trailing space
    text: Mapped[str] = mapped_column(sa.Text, default=" ")
    #: the same for the name alone (ranks name matches first)
    name_text: Mapped[str] = mapped_column(sa.Text, default=" ")
    #: lower-cased name, for ordering identically on SQLite and PostgreSQL
    sort_name: Mapped[str] = mapped_column(sa.String(255), default="")
    minimum_age: Mapped[int | None] = mapped_column()
    maximum_age: Mapped[int | None] = mapped_column()
    is_free: Mapped[bool | None] = mapped_column()
    updated_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)


class ServiceAttribute(db.Model):
    """Open Referral "attribute": links a service to a taxonomy term."""

    __tablename__ = "lo_service_attribute"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(sa.ForeignKey("lo_service.id", ondelete="CASCADE"), index=True)
    taxonomy_term_id: Mapped[str] = mapped_column(sa.ForeignKey("lo_taxonomy_term.id"), index=True)
    link_type: Mapped[str | None] = mapped_column(sa.String(100))

    term: Mapped[TaxonomyTerm] = relationship(lazy="joined")


class Contact(db.Model):
    __tablename__ = "lo_contact"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(sa.ForeignKey("lo_service.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str | None] = mapped_column(sa.String(255))
    title: Mapped[str | None] = mapped_column(sa.String(255))
    email: Mapped[str | None] = mapped_column(sa.String(255))
    phone: Mapped[str | None] = mapped_column(sa.String(50))
    #: Open Referral id of the phone record, kept for round trips
    phone_id: Mapped[str | None] = mapped_column(sa.String(36))


class Schedule(db.Model):
    """Opening times: an RFC 5545 rule in Open Referral's columns plus a description."""

    __tablename__ = "lo_schedule"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(sa.ForeignKey("lo_service.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    freq: Mapped[str | None] = mapped_column(sa.String(10))  #: WEEKLY or MONTHLY
    interval: Mapped[int | None] = mapped_column()
    byday: Mapped[str | None] = mapped_column(sa.String(50))  #: e.g. "MO,TU"
    opens_at: Mapped[str | None] = mapped_column(sa.String(8))  #: "09:00"
    closes_at: Mapped[str | None] = mapped_column(sa.String(8))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    attending_type: Mapped[str | None] = mapped_column(sa.String(255))
    notes: Mapped[str] = mapped_column(sa.Text, default="")


class ServiceLanguage(db.Model):
    """A language the service is offered in."""

    __tablename__ = "lo_service_language"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(sa.ForeignKey("lo_service.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str | None] = mapped_column(sa.String(100))
    code: Mapped[str | None] = mapped_column(sa.String(20))  #: ISO 639 code, e.g. "pl"


class CostOption(db.Model):
    __tablename__ = "lo_cost_option"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(sa.ForeignKey("lo_service.id", ondelete="CASCADE"), index=True)
    option: Mapped[str | None] = mapped_column(sa.String(255))
    amount: Mapped[float | None] = mapped_column()
    amount_description: Mapped[str | None] = mapped_column(sa.String(255))


class Location(db.Model):
    __tablename__ = "lo_location"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    #: physical, postal or virtual
    location_type: Mapped[str] = mapped_column(sa.String(20), default="physical")
    name: Mapped[str | None] = mapped_column(sa.String(255))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    latitude: Mapped[float | None] = mapped_column(index=True)
    longitude: Mapped[float | None] = mapped_column()
    #: Open Referral id of the single address record we keep
    address_id: Mapped[str | None] = mapped_column(sa.String(36))
    address_1: Mapped[str | None] = mapped_column(sa.String(255))
    city: Mapped[str | None] = mapped_column(sa.String(100))
    state_province: Mapped[str | None] = mapped_column(sa.String(100))
    postal_code: Mapped[str | None] = mapped_column(sa.String(20), index=True)
    country: Mapped[str | None] = mapped_column(sa.String(2))
    #: the ONS ward code (osward) of the postcode, from the imported ONS Postcode Directory; set each time the
    #: location is saved or imported (engage/localoffer/wards.py), empty when the postcode is not imported
    ward_code: Mapped[str | None] = mapped_column(sa.String(9))
    #: that ward's name as the area file labels it, else as the imported ONS ward names lookup names it
    ward_name: Mapped[str | None] = mapped_column(sa.String(255))

    accessibility: Mapped[list[Accessibility]] = relationship(cascade="all, delete-orphan")


class Accessibility(db.Model):
    """Accessibility information for a location (step-free access, hearing loop...)."""

    __tablename__ = "lo_accessibility"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    location_id: Mapped[str] = mapped_column(sa.ForeignKey("lo_location.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    details: Mapped[str] = mapped_column(sa.Text, default="")
    url: Mapped[str | None] = mapped_column(sa.String(500))


class ServiceAtLocation(db.Model):
    __tablename__ = "lo_service_at_location"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(sa.ForeignKey("lo_service.id", ondelete="CASCADE"), index=True)
    location_id: Mapped[str] = mapped_column(sa.ForeignKey("lo_location.id"), index=True)

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped[Location] = relationship(lazy="joined")


class ServiceTranslation(db.Model):
    """A moderator's translation of one field of a service into one configured language."""

    __tablename__ = "lo_service_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[str] = mapped_column(sa.ForeignKey("lo_service.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(sa.String(10))  #: a configured language code
    field: Mapped[str] = mapped_column(sa.String(50))  #: one of TRANSLATABLE_FIELDS
    text: Mapped[str] = mapped_column(sa.Text)
    updated_at: Mapped[datetime.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column()

    __table_args__ = (sa.UniqueConstraint("service_id", "language", "field"),)


#: service fields a moderator can translate
TRANSLATABLE_FIELDS = ("name", "description", "eligibility", "application_process", "fees")


class ServiceRevision(db.Model):
    """One change to a service: who, when, what (a snapshot) and a readable diff."""

    __tablename__ = "lo_service_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[str] = mapped_column(sa.ForeignKey("lo_service.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()  #: 1, 2, 3... per service
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column()  #: staff user id; None for the command line
    actor_name: Mapped[str] = mapped_column(sa.String(255), default="")
    #: created, edited, change proposed, submitted, published, archived, checked, imported...
    action: Mapped[str] = mapped_column(sa.String(50))
    state_after: Mapped[str] = mapped_column(sa.String(20))
    snapshot: Mapped[dict] = mapped_column(sa.JSON)  #: Open Referral document after the change
    #: the document the change was made to (None before 7 December 2026 and for steps that change no content)
    previous: Mapped[dict | None] = mapped_column(sa.JSON)
    diff: Mapped[str] = mapped_column(sa.Text, default="")  #: "Field: old → new" lines, in English

    __table_args__ = (sa.UniqueConstraint("service_id", "number"),)


class EvergreenPage(db.Model):
    """A page the SEND Code of Practice expects every Local Offer to carry."""

    __tablename__ = "lo_evergreen_page"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)
    title: Mapped[str] = mapped_column(sa.String(255))
    body: Mapped[str] = mapped_column(sa.Text)  #: Markdown, sanitised on display
    owner: Mapped[str] = mapped_column(sa.String(255))  #: team accountable for the content
    reviewed_on: Mapped[datetime.date] = mapped_column()
    review_due: Mapped[datetime.date] = mapped_column()
    #: an edit waiting for a second person: {"title", "body", "owner", "review_due" (ISO date)}
    pending_data: Mapped[dict | None] = mapped_column(sa.JSON)
    #: a statutory page created with starting text only: a draft, hidden from families and listed as due for
    #: review until someone publishes the area's own content
    needs_content: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    revisions: Mapped[list[EvergreenRevision]] = relationship(
        cascade="all, delete-orphan", order_by="EvergreenRevision.number.desc()"
    )


class EvergreenRevision(db.Model):
    """One step in an information page's history: who, when, and the page before and after."""

    __tablename__ = "lo_evergreen_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(sa.ForeignKey("lo_evergreen_page.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()  #: 1, 2, 3... per page
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column()
    actor_name: Mapped[str] = mapped_column(sa.String(255), default="")
    #: change proposed, published, change discarded, version restored
    action: Mapped[str] = mapped_column(sa.String(50))
    snapshot: Mapped[dict] = mapped_column(sa.JSON)  #: the page (or the proposal) after this step
    previous: Mapped[dict | None] = mapped_column(sa.JSON)  #: what it changed, for the readable diff

    __table_args__ = (sa.UniqueConstraint("page_id", "number"),)


class Postcode(db.Model):
    """A live postcode of the area (or a neighbour) from the ONS Postcode Directory: where it is and its ward.

    Filled only by `flask --app wsgi area import-postcodes`; a family's own postcode is looked up here and
    never stored anywhere."""

    __tablename__ = "lo_postcode"

    #: the ONS `pcds` form: "CV1 2AB"
    postcode: Mapped[str] = mapped_column(sa.String(8), primary_key=True)
    #: the outward code ("CV1"), so a search near a postcode district needs no pattern match
    district: Mapped[str] = mapped_column(sa.String(4), index=True)
    latitude: Mapped[float] = mapped_column()
    longitude: Mapped[float] = mapped_column()
    #: ONS codes: the local authority (oslaua) and the ward (osward)
    la_code: Mapped[str] = mapped_column(sa.String(9))
    ward_code: Mapped[str] = mapped_column(sa.String(9), default="")


class WardName(db.Model):
    """A ward's name from the ONS ward names and codes lookup (`flask --app wsgi area import-wards`), so a
    service's ward shows in words. The area file's own label for a ward wins over it."""

    __tablename__ = "lo_ward_name"

    #: the ONS ward code (WDxxCD), as osward in the ONS Postcode Directory: "E05001231"
    code: Mapped[str] = mapped_column(sa.String(9), primary_key=True)
    #: WDxxNM: "St Michael's"
    name: Mapped[str] = mapped_column(sa.String(255))
    #: LADxxCD: the local authority the ward is in (empty when the file has no such column)
    la_code: Mapped[str] = mapped_column(sa.String(9), default="")
