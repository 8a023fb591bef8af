"""Theme models retrained from moderators' codes are kept in the database

Before, `feedback retrain` wrote the model to a directory on the machine that ran it, so the other machines
behind the load balancer kept using the shipped model. Now the newest retrained model is a row every worker
reads. A model in the old directory is not imported: run `flask --app wsgi insight retrain` once after upgrading.

Revision ID: 3f6b2a9d1c8e
Revises: 7c1d5e0a9b42
Create Date: 2026-11-24 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "3f6b2a9d1c8e"
down_revision = "7c1d5e0a9b42"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "feedback_trained_models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("model_json", sa.Text(), nullable=False),
        sa.Column("weights", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_trained_models")),
        sa.UniqueConstraint("token", name=op.f("uq_feedback_trained_models_token")),
    )


def downgrade():
    op.drop_table("feedback_trained_models")
