"""Edit versions: a counter on comments, consultations and actions that each person's save moves on, so a save
drawn from an older version is refused instead of silently overwriting someone else's (engage/concurrency.py).

Adds `version` (integer, not null, 1 for existing rows) to `feedback_comments`, `consultations` and
`consultation_actions`. Local Offer services and information pages use their revision numbers instead.

Revision ID: 7c2f4a9e1d38
Revises: 5b2f8d4a7c31
Create Date: 2026-12-07 23:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "7c2f4a9e1d38"
down_revision = "5b2f8d4a7c31"
branch_labels = None
depends_on = None

TABLES = ("feedback_comments", "consultations", "consultation_actions")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
