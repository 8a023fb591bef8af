"""Safeguarding triage (a severity, the "not a safeguarding concern" decision) and sentiment corrections

Adds `safeguarding_severity` (3 risk to life, 2 harm, 1 a worry; the queue reads the highest first) and fills it
for existing rows from the stored explanation, the engine's own evidence lines ("suicide: 'wants to die'"). A
flagged comment whose explanation names no kind was raised by a moderator and gets 2, as the service gives it.
Adds who dismissed a concern, when and why (`safeguarding_dismissed_*`), kept for retraining. Also adds a
moderator's sentiment correction (`sentiment_corrected_at`, `sentiment_corrected_by_id`) and the engine's own
label (`sentiment_engine`, filled from `sentiment` for existing rows, none of which is corrected yet).

Revision ID: 5c2e8f1a7b34
Revises: 5c2e8a7d4f10
Create Date: 2026-12-07 17:45:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "5c2e8f1a7b34"
down_revision = "5c2e8a7d4f10"
branch_labels = None
depends_on = None

#: Frozen copy of engage.insight.safeguarding_severity.SEVERITY as it stood at this revision.
_SEVERITY = {
    "suicide": 3, "self-harm": 3, "abuse": 2, "neglect": 2, "exploitation": 2, "domestic-violence": 2,
    "violence": 2, "missing": 2, "bullying": 1, "unsafe-at-school": 1, "parent-at-risk": 1, "possible-harm": 1,
}  # fmt: skip


def _severity(explanation, flagged: bool) -> int:
    lines = json.loads(explanation) if isinstance(explanation, str) else explanation or []
    found = max((_SEVERITY.get(str(line).split(":", 1)[0].strip(), 0) for line in lines), default=0)
    return found or (2 if flagged else 0)


def upgrade():
    with op.batch_alter_table("feedback_comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("safeguarding_severity", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("safeguarding_dismissed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("safeguarding_dismissed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("safeguarding_dismissal_reason", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_feedback_comments_safeguarding_dismissed_by_id_users"),
            "users",
            ["safeguarding_dismissed_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.add_column(sa.Column("sentiment_corrected_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("sentiment_corrected_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("sentiment_engine", sa.String(length=10), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_feedback_comments_sentiment_corrected_by_id_users"),
            "users",
            ["sentiment_corrected_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _backfill()
    op.execute("UPDATE feedback_comments SET sentiment_engine = sentiment")


def _backfill():
    connection = op.get_bind()
    comments = sa.table(
        "feedback_comments",
        sa.column("id", sa.Integer),
        sa.column("explanation", sa.Text),
        sa.column("safeguarding_flagged", sa.Boolean),
        sa.column("safeguarding_severity", sa.Integer),
    )
    rows = connection.execute(sa.select(comments.c.id, comments.c.explanation, comments.c.safeguarding_flagged))
    for comment_id, explanation, flagged in rows.all():
        level = _severity(explanation, bool(flagged))
        if level:
            connection.execute(comments.update().where(comments.c.id == comment_id).values(safeguarding_severity=level))


def downgrade():
    with op.batch_alter_table("feedback_comments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_feedback_comments_sentiment_corrected_by_id_users"), type_="foreignkey")
        batch_op.drop_column("sentiment_engine")
        batch_op.drop_column("sentiment_corrected_by_id")
        batch_op.drop_column("sentiment_corrected_at")
        batch_op.drop_constraint(
            batch_op.f("fk_feedback_comments_safeguarding_dismissed_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("safeguarding_dismissal_reason")
        batch_op.drop_column("safeguarding_dismissed_by_id")
        batch_op.drop_column("safeguarding_dismissed_at")
        batch_op.drop_column("safeguarding_severity")
