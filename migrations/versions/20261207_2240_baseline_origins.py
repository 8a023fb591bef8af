"""Baselines record where each number came from: `population_baseline_rows.origin_id` (the earlier baseline whose
file a copied dimension came from; empty for the baseline's own file) and `population_baselines.dataset` (the
published data set read, e.g. "dfe:E06000034:202425", so the same year is not imported twice).

Until now the origin was inferred by comparing numbers; the upgrade stores what that inference gave for existing
baselines (so reports say the same as before), and from now on `confirm` records it.

Revision ID: 5c2e7a9d4b13
Revises: 3e8d5b1c9f60
Create Date: 2026-12-07 22:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "5c2e7a9d4b13"
down_revision = "3e8d5b1c9f60"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("population_baselines") as batch:
        batch.add_column(sa.Column("dataset", sa.String(length=100), nullable=True))
        batch.create_index("ix_population_baselines_dataset", ["dataset"])
    with op.batch_alter_table("population_baseline_rows") as batch:
        batch.add_column(sa.Column("origin_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_population_baseline_rows_origin_id_population_baselines",
            "population_baselines",
            ["origin_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _record_inferred_origins(op.get_bind())


def _record_inferred_origins(connection):
    """The old inference, once: a dimension's numbers came from the earliest of the confirmed, not withdrawn
    baselines before this one that hold exactly the same numbers for it without a break."""
    confirmed = [
        row[0]
        for row in connection.execute(
            sa.text(
                "SELECT id FROM population_baselines WHERE confirmed_at IS NOT NULL AND withdrawn_at IS NULL "
                "ORDER BY id"
            )
        )
    ]
    counts = {}
    for baseline_id, dimension, group, count in connection.execute(
        sa.text("SELECT baseline_id, dimension, population_group, count FROM population_baseline_rows")
    ):
        counts.setdefault(baseline_id, {}).setdefault(dimension, {})[group] = count
    for position, baseline_id in enumerate(confirmed):
        own = counts.get(baseline_id, {})
        for dimension, groups in own.items():
            origin = None
            for older in reversed(confirmed[:position]):
                if counts.get(older, {}).get(dimension) != groups:
                    break
                origin = older
            if origin is not None:
                connection.execute(
                    sa.text(
                        "UPDATE population_baseline_rows SET origin_id = :origin "
                        "WHERE baseline_id = :baseline AND dimension = :dimension"
                    ),
                    {"origin": origin, "baseline": baseline_id, "dimension": dimension},
                )


def downgrade():
    with op.batch_alter_table("population_baseline_rows") as batch:
        batch.drop_constraint("fk_population_baseline_rows_origin_id_population_baselines", type_="foreignkey")
        batch.drop_column("origin_id")
    with op.batch_alter_table("population_baselines") as batch:
        batch.drop_index("ix_population_baselines_dataset")
        batch.drop_column("dataset")
