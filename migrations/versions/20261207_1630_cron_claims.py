"""Cron claims: who is sending a digest delivery or a safeguarding alert, until when

Adds `digest_deliveries.claimed_until` and `feedback_comments.safeguarding_alert_claimed_until` (both nullable,
empty for every existing row: nothing is being sent while the database is upgraded). See engage/claims.py.

Revision ID: 7c1a9e3b5d20
Revises: 9d4e7b1a2c60
Create Date: 2026-12-07 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "7c1a9e3b5d20"
down_revision = "9d4e7b1a2c60"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("digest_deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(), nullable=True))
    with op.batch_alter_table("feedback_comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("safeguarding_alert_claimed_until", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("feedback_comments", schema=None) as batch_op:
        batch_op.drop_column("safeguarding_alert_claimed_until")
    with op.batch_alter_table("digest_deliveries", schema=None) as batch_op:
        batch_op.drop_column("claimed_until")
