"""Free-text survey answers are stored as private comments, linked to their response and question; quiet alerts

Adds `survey_response_id` (deleted with the response) and `survey_question` to feedback_comments, and the topic
value "survey" (the topic column is a plain string with no database enum, so no type changes). Responses
submitted before this revision are not copied; their free text is still in the response and its export.
Also adds `safeguarding_alert_suppressed`: a concern an engine upgrade raises on a closed or older comment is
flagged but not emailed.

Revision ID: 9d4e7b1a2c60
Revises: 3f6b2a9d1c8e
Create Date: 2026-11-24 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "9d4e7b1a2c60"
down_revision = "3f6b2a9d1c8e"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("feedback_comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("survey_response_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("survey_question", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("safeguarding_alert_suppressed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index(batch_op.f("ix_feedback_comments_survey_response_id"), ["survey_response_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_feedback_comments_survey_response_id_survey_response"),
            "survey_response",
            ["survey_response_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade():
    op.execute("DELETE FROM feedback_comments WHERE topic = 'survey'")
    with op.batch_alter_table("feedback_comments", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_feedback_comments_survey_response_id_survey_response"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_feedback_comments_survey_response_id"))
        batch_op.drop_column("safeguarding_alert_suppressed")
        batch_op.drop_column("survey_question")
        batch_op.drop_column("survey_response_id")
