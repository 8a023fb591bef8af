"""A service's ward: `lo_location.ward_code` (the ONS ward code of its postcode) and `ward_name` (that ward in
words), and `lo_ward_name`, the ONS ward names and codes lookup that `flask --app wsgi area import-wards` fills.

Locations whose postcode is already in `lo_postcode` get their ward code here; their names come with the next
`area import-wards` (or the next save), since names live in the area file and the lookup, not in the database yet.

Revision ID: 5b2f8d4a7c31
Revises: 5c2e7a9d4b13
Create Date: 2026-12-07 23:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "5b2f8d4a7c31"
down_revision = "5c2e7a9d4b13"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("lo_location") as batch:
        batch.add_column(sa.Column("ward_code", sa.String(length=9), nullable=True))
        batch.add_column(sa.Column("ward_name", sa.String(length=255), nullable=True))
    op.create_table(
        "lo_ward_name",
        sa.Column("code", sa.String(length=9), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("la_code", sa.String(length=9), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_lo_ward_name")),
    )
    # the staff form stores postcodes upper-case in the ONS pcds form ("CV1 2AB"), as lo_postcode keys them
    op.execute(
        "UPDATE lo_location SET ward_code = (SELECT NULLIF(p.ward_code, '') FROM lo_postcode p"
        " WHERE p.postcode = UPPER(TRIM(lo_location.postal_code))) WHERE postal_code IS NOT NULL"
    )


def downgrade():
    op.drop_table("lo_ward_name")
    with op.batch_alter_table("lo_location") as batch:
        batch.drop_column("ward_name")
        batch.drop_column("ward_code")
