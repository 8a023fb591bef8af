"""Population baselines: the area's SEND population by dimension and group, with where the numbers came from."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.clock import utcnow
from engage.extensions import db


class PopulationBaseline(db.Model):
    """One imported baseline file; the most recently imported one is current."""

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

    rows: Mapped[list[PopulationBaselineRow]] = relationship(
        back_populates="baseline", cascade="all, delete-orphan", order_by="PopulationBaselineRow.id"
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

    baseline: Mapped[PopulationBaseline] = relationship(back_populates="rows")
