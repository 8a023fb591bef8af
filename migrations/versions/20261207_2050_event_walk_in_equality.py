"""Walk-ins' equality breakdown: staff may record how the people who came without booking answered the standard
equality questions, as counts (dimension -> option -> people), so reach counts them like bookers' answers.

Adds the nullable JSON column `consultation_events.walk_in_equality` (no personal data: counts only).

Revision ID: 3e8d5b1c9f60
Revises: 9a4d2c6e1f70
Create Date: 2026-12-07 20:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "3e8d5b1c9f60"
down_revision = "9a4d2c6e1f70"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("consultation_events") as batch:
        batch.add_column(sa.Column("walk_in_equality", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("consultation_events") as batch:
        batch.drop_column("walk_in_equality")
