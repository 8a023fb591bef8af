"""Co-production events and their bookings (issue 14)

`consultation_events` (optionally linked to a consultation) with a `places_taken` counter that only conditional
UPDATEs change, kept within capacity by a CHECK; `consultation_event_bookings` (party size, access needs, optional
equality answers, status, offer expiry and the claims of the offer and reminder emails).

Revision ID: 229cba8a3d9d
Revises: 5c2e8f1a7b34
Create Date: 2026-12-07 19:26:15
"""

import sqlalchemy as sa
from alembic import op

revision = "229cba8a3d9d"
down_revision = "5c2e8f1a7b34"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "consultation_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "mode",
            sa.Enum("in_person", "online", "both", name="consultation_event_mode", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=False),
        sa.Column("online_details", sa.String(length=500), nullable=False),
        sa.Column("venue_access", sa.JSON(), nullable=False),
        sa.Column("parking", sa.String(length=200), nullable=False),
        sa.Column("nearest_bus", sa.String(length=200), nullable=False),
        sa.Column("support", sa.JSON(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("places_taken", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("walk_ins", sa.Integer(), nullable=False),
        sa.Column("closing_note", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "places_taken >= 0 AND places_taken <= capacity", name=op.f("ck_consultation_events_places_within_capacity")
        ),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_consultation_events_consultation_id_consultations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_events")),
    )
    with op.batch_alter_table("consultation_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consultation_events_consultation_id"), ["consultation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consultation_events_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "consultation_event_bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "booked",
                "waiting",
                "offered",
                "cancelled",
                "attended",
                name="consultation_booking_status",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=100), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("mobile", sa.String(length=32), nullable=True),
        sa.Column("party_size", sa.Integer(), nullable=False),
        sa.Column("access_needs", sa.JSON(), nullable=False),
        sa.Column("interpreter_language", sa.String(length=60), nullable=False),
        sa.Column("access_other", sa.String(length=500), nullable=False),
        sa.Column("equality", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("src", sa.String(length=40), nullable=True),
        sa.Column("token_salt", sa.String(length=32), nullable=False),
        sa.Column("offer_expires_at", sa.DateTime(), nullable=True),
        sa.Column("offer_claimed_until", sa.DateTime(), nullable=True),
        sa.Column("offer_sent_at", sa.DateTime(), nullable=True),
        sa.Column("reminder_claimed_until", sa.DateTime(), nullable=True),
        sa.Column("reminder_sent_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("purged_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("party_size >= 1", name=op.f("ck_consultation_event_bookings_party_at_least_one")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["consultation_events.id"],
            name=op.f("fk_consultation_event_bookings_event_id_consultation_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_event_bookings")),
    )
    with op.batch_alter_table("consultation_event_bookings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consultation_event_bookings_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_consultation_event_bookings_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_consultation_event_bookings_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consultation_event_bookings_mobile"), ["mobile"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_consultation_event_bookings_offer_expires_at"), ["offer_expires_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_consultation_event_bookings_status"), ["status"], unique=False)


def downgrade():
    with op.batch_alter_table("consultation_event_bookings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_event_bookings_status"))
        batch_op.drop_index(batch_op.f("ix_consultation_event_bookings_offer_expires_at"))
        batch_op.drop_index(batch_op.f("ix_consultation_event_bookings_mobile"))
        batch_op.drop_index(batch_op.f("ix_consultation_event_bookings_event_id"))
        batch_op.drop_index(batch_op.f("ix_consultation_event_bookings_email"))
        batch_op.drop_index(batch_op.f("ix_consultation_event_bookings_created_at"))

    op.drop_table("consultation_event_bookings")
    with op.batch_alter_table("consultation_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_events_starts_at"))
        batch_op.drop_index(batch_op.f("ix_consultation_events_consultation_id"))

    op.drop_table("consultation_events")
