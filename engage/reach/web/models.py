"""Population baselines: the area's SEND population by dimension and group, with where the numbers came from."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.clock import utcnow
from engage.extensions import db


class PopulationBaseline(db.Model):
    """One imported baseline: the most recent confirmed one that was not withdrawn is current. A file holding only
    some dimensions is stored with the other dimensions copied from the baseline it replaced, so every baseline
    is complete on its own and a rollback is one step."""

    __tablename__ = "population_baselines"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: where the numbers come from, e.g. "School census, January 2026"
    source: Mapped[str] = mapped_column(String(200))
    #: the date the numbers describe
    as_of: Mapped[date]
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the staff member who imported it; empty when imported from the command line
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    filename: Mapped[str | None] = mapped_column(String(200))
    #: when staff confirmed it after its preview; an unconfirmed import is only a preview, never current
    confirmed_at: Mapped[datetime | None]
    #: when a rollback withdrew it (the one before becomes current again); kept for the record
    withdrawn_at: Mapped[datetime | None]
    #: the published data set it was read from, e.g. "dfe:E06000034:202425": a second import of the same one is
    #: refused while this baseline is current (engage/reach/dfe.py); empty for a council's own files
    dataset: Mapped[str | None] = mapped_column(String(100), index=True)

    rows: Mapped[list[PopulationBaselineRow]] = relationship(
        back_populates="baseline",
        cascade="all, delete-orphan",
        order_by="PopulationBaselineRow.id",
        foreign_keys="PopulationBaselineRow.baseline_id",
    )

    def counts(self) -> dict[str, dict[str, int]]:
        """Dimension -> group -> count."""
        result: dict[str, dict[str, int]] = {}
        for row in self.rows:
            result.setdefault(row.dimension, {})[row.group] = row.count
        return result


class PopulationBaselineRow(db.Model):
    __tablename__ = "population_baseline_rows"
    __table_args__ = (UniqueConstraint("baseline_id", "dimension", "population_group"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    baseline_id: Mapped[int] = mapped_column(ForeignKey("population_baselines.id", ondelete="CASCADE"), index=True)
    #: a dimension id from engage/reach/data/dimensions.json, e.g. "ward"
    dimension: Mapped[str] = mapped_column(String(40))
    #: a group id of that dimension, e.g. "northgate" ("group" is a reserved word in SQL)
    group: Mapped[str] = mapped_column("population_group", String(40))
    #: children and young people with SEND in the group
    count: Mapped[int]
    #: the baseline whose file this number came from when it was copied from an earlier one (a file holding only
    #: some dimensions is completed with the current baseline's others); empty: this baseline's own file
    origin_id: Mapped[int | None] = mapped_column(ForeignKey("population_baselines.id", ondelete="SET NULL"))

    baseline: Mapped[PopulationBaseline] = relationship(back_populates="rows", foreign_keys=[baseline_id])


class ReachProtection(db.Model):
    """One period's reach tables with disclosure control applied, stored once per version of the data so that
    every worker and machine serves the same protected numbers without solving again (tau-Argus style: protect
    the table set once per publication, not per reader). A row without `tables` is a claim: someone is solving."""

    __tablename__ = "reach_protections"
    __table_args__ = (UniqueConstraint("period_key", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the period's key, e.g. "2026-11", "2026-W47" or "all"
    period_key: Mapped[str] = mapped_column(String(20), index=True)
    #: digest of every number the tables publish (engage.reach.report.fingerprint): new data, new fingerprint
    fingerprint: Mapped[str] = mapped_column(String(64))
    #: digest of the sources' cheap versions (engage.reach.sources.participation_version) when this protection was
    #: last found current: a view whose sources still say the same serves it without counting anything
    data_version: Mapped[str | None] = mapped_column(String(64))
    #: ProtectedTables.to_json(); empty while the claim is being solved
    tables: Mapped[dict | None] = mapped_column(JSON)
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: when the solve finished (the "figures counted at" time pages show for an older protection)
    computed_at: Mapped[datetime | None]


class ReportTally(db.Model):
    """Comment counts for one period and set of filters, kept per version of the comments (the sources' cheap
    versions, engage.reach.sources.comment_version) so a report view on any worker reads them instead of
    counting again; a new comment, a code or an edit gives a new version, and older rows are dropped."""

    __tablename__ = "report_tallies"
    __table_args__ = (UniqueConstraint("kind", "period_key", "filters_key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: what is counted ("comments")
    kind: Mapped[str] = mapped_column(String(20))
    period_key: Mapped[str] = mapped_column(String(20))
    #: the filters that chose the comments, e.g. "activity=comments:general|language=pl|theme="
    filters_key: Mapped[str] = mapped_column(String(300))
    #: digest of the sources' versions when counted
    version: Mapped[str] = mapped_column(String(64))
    #: CommentTally.to_json()
    data: Mapped[dict] = mapped_column(JSON)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
