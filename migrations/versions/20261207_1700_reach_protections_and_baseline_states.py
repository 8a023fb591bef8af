"""Stored reach protections; baselines confirmed after a preview and withdrawn by a rollback

Adds `reach_protections` (each period's protected reach tables, keyed by period and a fingerprint of the data,
so report views never solve at request time), `report_tallies` (comment counts per period, filters and version
of the comments, so views do not count again) and, on `population_baselines`, `confirmed_at` (a baseline is
current only once confirmed after its preview; earlier imports are taken as confirmed when they were imported)
and `withdrawn_at` (a rollback withdraws the current baseline and the one before becomes current again).

Revision ID: 5c2e8a7d4f10
Revises: d2711e180aff
Create Date: 2026-12-07 17:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "5c2e8a7d4f10"
down_revision = "d2711e180aff"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "reach_protections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_key", sa.String(length=20), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("data_version", sa.String(length=64), nullable=True),
        sa.Column("tables", sa.JSON(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reach_protections")),
        sa.UniqueConstraint("period_key", "fingerprint", name=op.f("uq_reach_protections_period_key")),
    )
    op.create_index(op.f("ix_reach_protections_period_key"), "reach_protections", ["period_key"])
    op.create_table(
        "report_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("period_key", sa.String(length=20), nullable=False),
        sa.Column("filters_key", sa.String(length=300), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_tallies")),
        sa.UniqueConstraint("kind", "period_key", "filters_key", "version", name=op.f("uq_report_tallies_kind")),
    )
    with op.batch_alter_table("population_baselines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confirmed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE population_baselines SET confirmed_at = imported_at")


def downgrade():
    with op.batch_alter_table("population_baselines", schema=None) as batch_op:
        batch_op.drop_column("withdrawn_at")
        batch_op.drop_column("confirmed_at")
    op.drop_table("report_tallies")
    op.drop_index(op.f("ix_reach_protections_period_key"), table_name="reach_protections")
    op.drop_table("reach_protections")
