"""survey reach answers: a narrow copy of the answers that feed reach, so reports count them in SQL; covering
indexes for the report counts of comments and of survey drop-off

Revision ID: 7c3a52e1d9b4
Revises: 44bbd9f191e1
Create Date: 2026-11-22 14:00:00

Responses stored before this revision are copied from the survey versions they were answered on (every
answered version is stored in survey_version), so reach counts them as before.
"""

import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7c3a52e1d9b4"
down_revision = "44bbd9f191e1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "survey_reach_answer",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(length=32), nullable=False),
        sa.Column("answer", sa.String(length=64), nullable=False),
        sa.Column("survey_id", sa.String(length=64), nullable=False),
        sa.Column("src", sa.String(length=40), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["survey_response.id"],
            name=op.f("fk_survey_reach_answer_response_id_survey_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", "dimension", name=op.f("pk_survey_reach_answer")),
    )
    with op.batch_alter_table("survey_reach_answer", schema=None) as batch_op:
        batch_op.create_index(
            "ix_survey_reach_answer_count", ["dimension", "survey_id", "src", "answer", "submitted_at"], unique=False
        )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.create_index("ix_survey_response_reach", ["survey_id", "src", "submitted_at"], unique=False)
    with op.batch_alter_table("survey_draft", schema=None) as batch_op:
        batch_op.create_index("ix_survey_draft_funnel", ["survey_id", "state", "last_page", "created_at"], unique=False)
    with op.batch_alter_table("feedback_comments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_feedback_comments_report", ["topic", "sentiment", "status", "language", "created_at"], unique=False
        )
    _copy_existing_answers()


def _copy_existing_answers():
    """Reach questions are single-choice questions carrying `reach:` in the stored definition (the same rule as
    engage.surveys.reach_sources, restated here so the revision does not depend on code that may change)."""
    from engage.reach.dimensions import dimensions
    from engage.surveys.loader import survey_from_snapshot

    connection = op.get_bind()
    known = dimensions()
    questions = {}
    for survey_id, version, definition in connection.execute(
        sa.text("SELECT survey_id, version, definition FROM survey_version")
    ):
        survey = survey_from_snapshot(definition)
        questions[survey_id, version] = {
            q.id: q.reach for q in survey.questions() if q.reach in known and q.type == "single"
        }
    table = sa.table(
        "survey_reach_answer",
        *(sa.column(name) for name in ("response_id", "dimension", "answer", "survey_id", "src", "submitted_at")),
    )
    responses = connection.execute(
        sa.text("SELECT id, survey_id, survey_version, answers, src, submitted_at FROM survey_response ORDER BY id")
    )
    rows = []
    for response_id, survey_id, version, answers, src, submitted_at in responses:
        answers = json.loads(answers) if isinstance(answers, str) else (answers or {})
        for question, dimension in questions.get((survey_id, version), {}).items():
            answer = answers.get(question)
            if isinstance(answer, str) and answer:
                rows.append(
                    {
                        "response_id": response_id,
                        "dimension": dimension,
                        "answer": answer[:64],
                        "survey_id": survey_id,
                        "src": src,
                        "submitted_at": submitted_at,
                    }
                )
    if rows:
        op.bulk_insert(table, rows)


def downgrade():
    with op.batch_alter_table("feedback_comments", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_comments_report")
    with op.batch_alter_table("survey_draft", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_draft_funnel")
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_response_reach")
    with op.batch_alter_table("survey_reach_answer", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_reach_answer_count")
    op.drop_table("survey_reach_answer")
