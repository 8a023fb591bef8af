"""Population baseline operations: import with a preview, confirm, roll back (each audited).

A baseline is checked whole and stored unconfirmed first, so staff see its figures beside the current ones
before it counts. On confirmation, the dimensions the file does not hold are copied from the current baseline
(a file of wards alone changes wards alone) and it becomes current. Earlier baselines are kept; a rollback
withdraws the current one, and the one before it is current again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, delete, or_, select

from engage.audit import record_audit
from engage.clock import utcnow
from engage.extensions import db
from engage.reach.baseline import BaselineError, check_as_of, parse_baseline
from engage.reach.dimensions import dimensions
from engage.reach.web.models import PopulationBaseline, PopulationBaselineRow


class NoEarlierBaselineError(LookupError):
    """A rollback needs a baseline to go back to."""


@dataclass(frozen=True)
class PreviewRow:
    dimension: str
    group: str
    current: int | None
    new: int | None

    @property
    def changed(self) -> bool:
        return self.current != self.new


def current_baseline() -> PopulationBaseline | None:
    """The newest confirmed baseline that no rollback withdrew."""
    return db.session.scalar(_confirmed().limit(1))


def origins(baseline: PopulationBaseline) -> dict[str, PopulationBaseline]:
    """Dimension -> the baseline whose file its numbers came from: this one, or the earlier one a dimension was
    copied from when this one's file did not hold it (stored on each row by `confirm`)."""
    found = {}
    for row in baseline.rows:
        if row.dimension not in found:
            origin = db.session.get(PopulationBaseline, row.origin_id) if row.origin_id else None
            found[row.dimension] = origin or baseline
    return found


def origin_labels(baseline: PopulationBaseline | None) -> dict[str, str]:
    """Dimension -> which baseline and date its population comes from, in words for files: "Department for
    Education, ... (baseline 3, 16 January 2025)"."""
    from engage.dates import long_date

    if baseline is None:
        return {}
    return {
        dimension: f"{origin.source} (baseline {origin.id}, {long_date(origin.as_of)})"
        for dimension, origin in origins(baseline).items()
    }


def earlier_baselines(limit: int = 10) -> list[PopulationBaseline]:
    """Confirmed baselines, newest first, withdrawn ones included (they stay on record)."""
    query = select(PopulationBaseline).where(PopulationBaseline.confirmed_at.is_not(None))
    return list(db.session.scalars(query.order_by(PopulationBaseline.id.desc()).limit(limit)))


def _confirmed():
    return (
        select(PopulationBaseline)
        .where(PopulationBaseline.confirmed_at.is_not(None), PopulationBaseline.withdrawn_at.is_(None))
        .order_by(PopulationBaseline.id.desc())
    )


def stage(
    data: bytes | str,
    source: str,
    as_of: date,
    *,
    filename: str | None = None,
    actor_id: int | None = None,
    dataset: str | None = None,
) -> PopulationBaseline:
    """Check the file and the date whole (`BaselineError` lists every problem) and store it unconfirmed, holding
    only the file's dimensions. Earlier unconfirmed previews are dropped: one preview at a time."""
    problems = check_as_of(as_of, utcnow().date())
    try:
        counts = parse_baseline(data)
    except BaselineError as error:
        raise BaselineError(problems + error.problems) from None
    if problems:
        raise BaselineError(problems)
    db.session.execute(delete(PopulationBaseline).where(PopulationBaseline.confirmed_at.is_(None)))
    baseline = PopulationBaseline(
        source=source.strip(), as_of=as_of, filename=filename, imported_by_id=actor_id, dataset=dataset
    )
    baseline.rows = [
        PopulationBaselineRow(dimension=dimension, group=group, count=count)
        for dimension, groups in counts.items()
        for group, count in groups.items()
    ]
    db.session.add(baseline)
    db.session.flush()
    detail = {"rows": len(baseline.rows), "dimensions": sorted(counts)}
    record_audit(
        "reach.baseline.preview", "population_baseline", baseline.id, actor_id=actor_id, commit=False, **detail
    )
    db.session.commit()
    return baseline


def pending(baseline_id: int) -> PopulationBaseline | None:
    baseline = db.session.get(PopulationBaseline, baseline_id)
    return baseline if baseline is not None and baseline.confirmed_at is None else None


def preview(baseline: PopulationBaseline) -> list[PreviewRow]:
    """Every group of the dimensions the file holds: the current count beside the new one."""
    current = current_baseline()
    now = current.counts() if current else {}
    new = baseline.counts()
    return [
        PreviewRow(dimension, group, now.get(dimension, {}).get(group), new[dimension].get(group))
        for dimension in dimensions()
        if dimension in new
        for group in dimensions()[dimension].group_ids()
    ]


def confirm(baseline: PopulationBaseline, *, actor_id: int | None = None) -> PopulationBaseline:
    """Make a previewed baseline current, completed with the dimensions it lacks from the current one."""
    current = current_baseline()
    held = {row.dimension for row in baseline.rows}
    if current is not None:
        baseline.rows += [
            PopulationBaselineRow(
                dimension=row.dimension, group=row.group, count=row.count, origin_id=row.origin_id or current.id
            )
            for row in current.rows
            if row.dimension not in held
        ]
    baseline.confirmed_at = utcnow()
    detail = {"rows": len(baseline.rows), "dimensions": sorted(held), "replaces": current.id if current else None}
    record_audit("reach.baseline.import", "population_baseline", baseline.id, actor_id=actor_id, commit=False, **detail)
    db.session.commit()
    return baseline


def import_confirmed(
    data: bytes | str,
    source: str,
    as_of: date,
    *,
    filename: str | None = None,
    actor_id: int | None = None,
    dataset: str | None = None,
) -> PopulationBaseline:
    """Check, store and confirm in one step (the command line, where the operator has the file in front of them)."""
    staged = stage(data, source, as_of, filename=filename, actor_id=actor_id, dataset=dataset)
    return confirm(staged, actor_id=actor_id)


def current_with_dataset(dataset: str, source: str) -> PopulationBaseline | None:
    """The confirmed baseline, not withdrawn, read from this published data set, if any (or, for one imported
    before data sets were recorded, with the same source)."""
    same = or_(
        PopulationBaseline.dataset == dataset,
        and_(PopulationBaseline.dataset.is_(None), PopulationBaseline.source == source),
    )
    return db.session.scalar(_confirmed().where(same).limit(1))


def discard(baseline: PopulationBaseline, *, actor_id: int | None = None) -> None:
    record_audit("reach.baseline.discard", "population_baseline", baseline.id, actor_id=actor_id, commit=False)
    db.session.delete(baseline)
    db.session.commit()


def roll_back(*, actor_id: int | None = None) -> PopulationBaseline:
    """Withdraw the current baseline; the one before it is current again (returned). Raises `NoEarlierBaselineError`."""
    newest_two = db.session.scalars(_confirmed().limit(2)).all()
    if len(newest_two) < 2:
        raise NoEarlierBaselineError
    withdrawn, restored = newest_two
    withdrawn.withdrawn_at = utcnow()
    detail = {"restored": restored.id}
    record_audit(
        "reach.baseline.rollback", "population_baseline", withdrawn.id, actor_id=actor_id, commit=False, **detail
    )
    db.session.commit()
    return restored
