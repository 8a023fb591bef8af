"""Consultation comments that asked to hear back

Adds `hear_back` to consultation followers: a commenter who gave an address to hear what came of the consultation
(told of the outcome and of linked actions' new statuses), kept apart from the comment itself.

Revision ID: 5c2e9b3d7e21
Revises: 229cba8a3d9d
Create Date: 2026-12-07 19:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "5c2e9b3d7e21"
down_revision = "229cba8a3d9d"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("consultation_followers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hear_back", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table("consultation_followers", schema=None) as batch_op:
        batch_op.drop_column("hear_back")
