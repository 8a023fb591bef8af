"""Co-production consultations: consultations (with their co-production record), their documents and versions
(files kept in the database), stage changes recorded once, followers (double opt-in) and the notifications owed
to them, and the actions tracker (actions linked to consultations, themes and comments, with dated updates)

Revision ID: d2711e180aff
Revises: 5c2e8a7f1b90
Create Date: 2026-12-07 17:47:57.964824

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d2711e180aff"
down_revision = "5c2e8a7f1b90"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "consultations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "audience",
            sa.Enum(
                "parents_carers", "young_people", "everyone", name="consultation_audience", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("opens_at", sa.DateTime(), nullable=False),
        sa.Column("closes_at", sa.DateTime(), nullable=False),
        sa.Column("outcome_expected_at", sa.DateTime(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("promised_formats", sa.JSON(), nullable=False),
        sa.Column("survey_ids", sa.JSON(), nullable=False),
        sa.Column("we_asked", sa.Text(), nullable=False),
        sa.Column("you_said", sa.Text(), nullable=False),
        sa.Column("we_did", sa.Text(), nullable=False),
        sa.Column("outcome_published_at", sa.DateTime(), nullable=True),
        sa.Column(
            "involvement",
            sa.Enum(
                "informing",
                "consulting",
                "engaging",
                "co_designing",
                "co_producing",
                name="consultation_involvement",
                native_enum=False,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("agenda_set_by", sa.String(length=200), nullable=False),
        sa.Column("pcf_representatives", sa.Integer(), nullable=True),
        sa.Column("young_people_shaping", sa.Integer(), nullable=True),
        sa.Column("decided_where", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultations")),
        sa.UniqueConstraint("slug", name=op.f("uq_consultations_slug")),
    )
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consultations_audience"), ["audience"], unique=False)

    op.create_table(
        "consultation_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("owner", sa.String(length=120), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "in_progress",
                "done",
                "not_doing",
                name="consultation_action_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("consultation_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_consultation_actions_consultation_id_consultations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_actions")),
    )
    with op.batch_alter_table("consultation_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consultation_actions_consultation_id"), ["consultation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consultation_actions_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_consultation_actions_status"), ["status"], unique=False)

    op.create_table(
        "consultation_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_consultation_documents_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_documents")),
    )
    with op.batch_alter_table("consultation_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_documents_consultation_id"), ["consultation_id"], unique=False
        )

    op.create_table(
        "consultation_followers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_consultation_followers_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_followers")),
        sa.UniqueConstraint("consultation_id", "email", name=op.f("uq_consultation_followers_consultation_id")),
    )
    with op.batch_alter_table("consultation_followers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_followers_consultation_id"), ["consultation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_consultation_followers_email"), ["email"], unique=False)

    op.create_table(
        "consultation_stage_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column(
            "stage",
            sa.Enum(
                "upcoming",
                "open",
                "closed",
                "outcome_published",
                name="consultation_stage",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("fanned_out_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_consultation_stage_changes_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_stage_changes")),
        sa.UniqueConstraint("consultation_id", "stage", name=op.f("uq_consultation_stage_changes_consultation_id")),
    )
    with op.batch_alter_table("consultation_stage_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_stage_changes_consultation_id"), ["consultation_id"], unique=False
        )

    op.create_table(
        "consultation_action_comments",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["consultation_actions.id"],
            name=op.f("fk_consultation_action_comments_action_id_consultation_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["comment_id"],
            ["feedback_comments.id"],
            name=op.f("fk_consultation_action_comments_comment_id_feedback_comments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("action_id", "comment_id", name=op.f("pk_consultation_action_comments")),
    )
    op.create_table(
        "consultation_action_themes",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["consultation_actions.id"],
            name=op.f("fk_consultation_action_themes_action_id_consultation_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["feedback_themes.id"],
            name=op.f("fk_consultation_action_themes_theme_id_feedback_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("action_id", "theme_id", name=op.f("pk_consultation_action_themes")),
    )
    op.create_table(
        "consultation_action_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("posted_at", sa.DateTime(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "in_progress",
                "done",
                "not_doing",
                name="consultation_action_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "previous_status",
            sa.Enum(
                "planned",
                "in_progress",
                "done",
                "not_doing",
                name="consultation_action_status",
                native_enum=False,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("fanned_out_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["consultation_actions.id"],
            name=op.f("fk_consultation_action_updates_action_id_consultation_actions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_action_updates")),
    )
    with op.batch_alter_table("consultation_action_updates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consultation_action_updates_action_id"), ["action_id"], unique=False)

    op.create_table(
        "consultation_document_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column(
            "format",
            sa.Enum(
                "standard",
                "easy_read",
                "large_print",
                "bsl_video",
                "translation",
                name="consultation_document_format",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=True),
        sa.Column("filename", sa.String(length=120), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["consultation_documents.id"],
            name=op.f("fk_consultation_document_versions_document_id_consultation_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_document_versions")),
    )
    with op.batch_alter_table("consultation_document_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_document_versions_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "consultation_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("follower_id", sa.Integer(), nullable=False),
        sa.Column("stage_change_id", sa.Integer(), nullable=True),
        sa.Column("action_update_id", sa.Integer(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_update_id"],
            ["consultation_action_updates.id"],
            name=op.f("fk_consultation_notifications_action_update_id_consultation_action_updates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["follower_id"],
            ["consultation_followers.id"],
            name=op.f("fk_consultation_notifications_follower_id_consultation_followers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stage_change_id"],
            ["consultation_stage_changes.id"],
            name=op.f("fk_consultation_notifications_stage_change_id_consultation_stage_changes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_notifications")),
        sa.UniqueConstraint("follower_id", "action_update_id", name="uq_consultation_notifications_action_update"),
        sa.UniqueConstraint("follower_id", "stage_change_id", name="uq_consultation_notifications_stage_change"),
    )
    with op.batch_alter_table("consultation_notifications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_notifications_action_update_id"), ["action_update_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_consultation_notifications_follower_id"), ["follower_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consultation_notifications_sent_at"), ["sent_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_consultation_notifications_stage_change_id"), ["stage_change_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("consultation_notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_notifications_stage_change_id"))
        batch_op.drop_index(batch_op.f("ix_consultation_notifications_sent_at"))
        batch_op.drop_index(batch_op.f("ix_consultation_notifications_follower_id"))
        batch_op.drop_index(batch_op.f("ix_consultation_notifications_action_update_id"))

    op.drop_table("consultation_notifications")
    with op.batch_alter_table("consultation_document_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_document_versions_document_id"))

    op.drop_table("consultation_document_versions")
    with op.batch_alter_table("consultation_action_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_action_updates_action_id"))

    op.drop_table("consultation_action_updates")
    op.drop_table("consultation_action_themes")
    op.drop_table("consultation_action_comments")
    with op.batch_alter_table("consultation_stage_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_stage_changes_consultation_id"))

    op.drop_table("consultation_stage_changes")
    with op.batch_alter_table("consultation_followers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_followers_email"))
        batch_op.drop_index(batch_op.f("ix_consultation_followers_consultation_id"))

    op.drop_table("consultation_followers")
    with op.batch_alter_table("consultation_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_documents_consultation_id"))

    op.drop_table("consultation_documents")
    with op.batch_alter_table("consultation_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_actions_status"))
        batch_op.drop_index(batch_op.f("ix_consultation_actions_due_on"))
        batch_op.drop_index(batch_op.f("ix_consultation_actions_consultation_id"))

    op.drop_table("consultation_actions")
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultations_audience"))

    op.drop_table("consultations")
