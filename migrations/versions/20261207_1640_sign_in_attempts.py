"""Failed sign-in attempts per account, kept in the database so the limit holds across workers and machines

One row per password or code attempt that is under way or has failed within the last hour; the key is a SHA-256
of the stage and the account, so no email address is stored. Nothing to copy: the old limits lived in memory.

Revision ID: c9481b30c94c
Revises: 7c1a9e3b5d20
Create Date: 2026-12-07 16:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "c9481b30c94c"
down_revision = "7c1a9e3b5d20"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_attempts")),
    )
    op.create_index(op.f("ix_sign_in_attempts_attempted_at"), "sign_in_attempts", ["attempted_at"])
    op.create_index("ix_sign_in_attempts_key_hash_attempted_at", "sign_in_attempts", ["key_hash", "attempted_at"])


def downgrade():
    op.drop_index("ix_sign_in_attempts_key_hash_attempted_at", table_name="sign_in_attempts")
    op.drop_index(op.f("ix_sign_in_attempts_attempted_at"), table_name="sign_in_attempts")
    op.drop_table("sign_in_attempts")
