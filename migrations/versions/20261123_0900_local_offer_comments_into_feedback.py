"""Local Offer comments join the one feedback moderation queue

Adds to feedback_comments what a Local Offer comment needs (its regulation 56(1) code, the answer to "Is this page
useful?", an out-of-date report, the area's intended action, and a category for rejections), moves every row of the
old lo_comment table into feedback_comments, then drops lo_comment.

How old rows map:
- text: the family's words (an empty one becomes "(no comment: page marked useful/not useful/out of date)");
  analysis is left "pending", so `flask --app wsgi feedback reanalyse` redacts, themes and checks them for
  safeguarding like any other comment (run it once after upgrading);
- a published row keeps its moderator-written theme as the redacted text (marked as a moderator's redaction, so
  re-analysis keeps it), its response and its action; its publication time is when it was moderated;
- an "individual case" row becomes an individual case; a "vexatious" row becomes rejected (category vexatious);
- consent: the old form told families "We publish what you told us, without names", so rows come across as
  consenting to anonymous publication.

Downgrade recreates the empty lo_comment table and removes the new columns; moved comments stay in
feedback_comments (a schema-only downgrade: copying them back would duplicate them on the next upgrade).

Revision ID: 7c1d5e0a9b42
Revises: 7c3a52e1d9b4
Create Date: 2026-11-23 09:00:00
"""

import hashlib
import re

import sqlalchemy as sa
from alembic import op

revision = "7c1d5e0a9b42"
down_revision = "7c3a52e1d9b4"
branch_labels = None
depends_on = None

REGULATION_56 = sa.Enum(
    "content", "accessibility", "development", name="feedback_regulation_56", native_enum=False, length=20
)
REJECTION = sa.Enum(
    "vexatious", "offensive", "spam", "not_relevant", "other",
    name="feedback_rejection_category", native_enum=False, length=20,
)  # fmt: skip

#: feedback_comments columns a moved row fills (besides the four JSON lists)
PLAIN_COLUMNS = (
    "topic", "about", "text", "redacted_text", "redaction_adjusted", "analysis_status", "status", "publish_consent",
    "response", "intended_action", "rejection_reason", "rejection_category", "passed_to", "regulation_56",
    "page_useful", "out_of_date", "safeguarding_flagged", "safeguarding_alert_attempts", "content_hash",
    "created_at", "updated_at", "published_at",
)  # fmt: skip
#: old lo_comment code -> feedback Regulation56 name
CODES = {"a": "content", "b": "accessibility", "c": "development"}


def _hash(text: str) -> str:
    """The same as engage.feedback.service.content_hash at the time of writing (a migration must not drift)."""
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().casefold().encode("utf-8")).hexdigest()


def _text(row) -> str:
    if (row.text or "").strip():
        return row.text
    said = [{True: "page marked useful", False: "page marked not useful"}.get(row.useful)]
    said.append("out of date" if row.out_of_date else None)
    return "(no comment: " + (", ".join(s for s in said if s) or "nothing said") + ")"


def _moved(row) -> dict:
    text = _text(row)
    status, category, reason, passed_to = "new", None, None, None
    if row.status == "published":
        status = "published"
    elif row.status == "excluded" and row.exclusion_reason == "individual case":
        status, passed_to = "individual_case", "Recorded before Local Offer comments joined the feedback queue"
    elif row.status == "excluded":
        status, category, reason = (
            "rejected",
            "vexatious" if row.exclusion_reason == "vexatious" else "other",
            (row.exclusion_reason or "Left out before Local Offer comments joined the feedback queue"),
        )
    published = status == "published"
    return {
        "topic": "local_offer",
        "about": (row.page_path or "")[:300] or None,
        "text": text,
        "redacted_text": (row.theme or None) if published else None,
        "redaction_adjusted": bool(published and row.theme),
        "flags": [],
        "suggested_themes": [],
        "personal_details": [],
        "explanation": [],
        "analysis_status": "pending",
        "status": status,
        "publish_consent": "anonymous",
        "response": row.response or None,
        "intended_action": row.action or None,
        "rejection_reason": reason,
        "rejection_category": category,
        "passed_to": passed_to,
        "regulation_56": CODES.get(row.code),
        "page_useful": row.useful,
        "out_of_date": bool(row.out_of_date),
        "safeguarding_flagged": False,
        "safeguarding_alert_attempts": 0,
        "content_hash": _hash(text),
        "created_at": row.created_at,
        "updated_at": row.moderated_at or row.created_at,
        "published_at": (row.moderated_at or row.created_at) if published else None,
    }


def upgrade():
    with op.batch_alter_table("feedback_comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("intended_action", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("rejection_category", REJECTION, nullable=True))
        batch_op.add_column(sa.Column("regulation_56", REGULATION_56, nullable=True))
        batch_op.add_column(sa.Column("page_useful", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("out_of_date", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index(batch_op.f("ix_feedback_comments_regulation_56"), ["regulation_56"], unique=False)

    connection = op.get_bind()
    old = sa.table(
        "lo_comment",
        *(sa.column(name) for name in (
            "id", "created_at", "page_path", "useful", "text", "out_of_date", "code", "status", "theme",
            "response", "action", "exclusion_reason", "moderated_at",
        )),
    )  # fmt: skip
    comments = sa.table(
        "feedback_comments",
        sa.column("flags", sa.JSON),
        sa.column("suggested_themes", sa.JSON),
        sa.column("personal_details", sa.JSON),
        sa.column("explanation", sa.JSON),
        *(sa.column(name) for name in PLAIN_COLUMNS),
    )
    rows = [_moved(row) for row in connection.execute(sa.select(old).order_by(old.c.id))]
    if rows:
        connection.execute(comments.insert(), rows)

    with op.batch_alter_table("lo_comment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lo_comment_status"))
        batch_op.drop_index(batch_op.f("ix_lo_comment_service_id"))
        batch_op.drop_index(batch_op.f("ix_lo_comment_created_at"))
    op.drop_table("lo_comment")


def downgrade():
    op.create_table(
        "lo_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("page_path", sa.String(length=500), nullable=False),
        sa.Column("service_id", sa.String(length=36), nullable=True),
        sa.Column("useful", sa.Boolean(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("out_of_date", sa.Boolean(), nullable=False),
        sa.Column("code", sa.Enum("a", "b", "c", name="commentcode", native_enum=False, length=20), nullable=True),
        sa.Column(
            "status",
            sa.Enum("new", "published", "excluded", name="commentstatus", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("theme", sa.String(length=255), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("exclusion_reason", sa.String(length=255), nullable=False),
        sa.Column("moderated_at", sa.DateTime(), nullable=True),
        sa.Column("moderated_by_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lo_comment")),
    )
    with op.batch_alter_table("lo_comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lo_comment_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_lo_comment_service_id"), ["service_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lo_comment_status"), ["status"], unique=False)
    with op.batch_alter_table("feedback_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_comments_regulation_56"))
        batch_op.drop_column("out_of_date")
        batch_op.drop_column("page_useful")
        batch_op.drop_column("regulation_56")
        batch_op.drop_column("rejection_category")
        batch_op.drop_column("intended_action")
