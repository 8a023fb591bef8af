"""Replies to families: a moderator's email about a comment, kept with it

Adds `feedback_comment_replies` (the text a moderator sent, when and by whom). Deleted with the comment, and by
retention and erasure with the comment's contact details.

Revision ID: 7a41c2d9e8b5
Revises: 5c2e9b3d7e21
Create Date: 2026-12-07 19:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "7a41c2d9e8b5"
down_revision = "5c2e9b3d7e21"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "feedback_comment_replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("sent_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["feedback_comments.id"],
            name=op.f("fk_feedback_comment_replies_comment_id_feedback_comments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sent_by_id"], ["users.id"], name=op.f("fk_feedback_comment_replies_sent_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_comment_replies")),
    )
    with op.batch_alter_table("feedback_comment_replies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_comment_replies_comment_id"), ["comment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_feedback_comment_replies_sent_at"), ["sent_at"], unique=False)


def downgrade():
    with op.batch_alter_table("feedback_comment_replies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_comment_replies_sent_at"))
        batch_op.drop_index(batch_op.f("ix_feedback_comment_replies_comment_id"))
    op.drop_table("feedback_comment_replies")
