"""Readable review and history: the version a service change was made to, and information pages reviewed by a
second person with their own history

Adds `previous` to lo_service_revision (the document before the change, so the history shows a readable diff;
older revisions keep their text diff), `pending_data` to lo_evergreen_page (an edit waiting for a second
person) and the table lo_evergreen_revision. Existing pages get no history rows: their history starts with
their next change.

Revision ID: 5c2e8a7f1b90
Revises: c9481b30c94c
Create Date: 2026-12-07 17:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "5c2e8a7f1b90"
down_revision = "c9481b30c94c"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("lo_service_revision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous", sa.JSON(), nullable=True))
    with op.batch_alter_table("lo_evergreen_page", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pending_data", sa.JSON(), nullable=True))
    op.create_table(
        "lo_evergreen_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=255), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("previous", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["page_id"],
            ["lo_evergreen_page.id"],
            name=op.f("fk_lo_evergreen_revision_page_id_lo_evergreen_page"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lo_evergreen_revision")),
        sa.UniqueConstraint("page_id", "number", name=op.f("uq_lo_evergreen_revision_page_id")),
    )
    with op.batch_alter_table("lo_evergreen_revision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lo_evergreen_revision_page_id"), ["page_id"], unique=False)


def downgrade():
    with op.batch_alter_table("lo_evergreen_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lo_evergreen_revision_page_id"))
    op.drop_table("lo_evergreen_revision")
    with op.batch_alter_table("lo_evergreen_page", schema=None) as batch_op:
        batch_op.drop_column("pending_data")
    with op.batch_alter_table("lo_service_revision", schema=None) as batch_op:
        batch_op.drop_column("previous")
