"""Running Engage for a real area: statutory information pages as drafts, and the ONS postcode table

Adds `lo_evergreen_page.needs_content` (existing pages are the area's own: false) and creates, as drafts that
need the area's content, any of the five statutory information pages a database does not have yet; an existing
page is never changed. Adds `lo_postcode`, filled by `flask --app wsgi area import-postcodes`.

Revision ID: 9a4d2c6e1f70
Revises: 7a41c2d9e8b5
Create Date: 2026-12-07 20:00:00
"""

import datetime

import sqlalchemy as sa
from alembic import op

revision = "9a4d2c6e1f70"
down_revision = "7a41c2d9e8b5"
branch_labels = None
depends_on = None

#: Frozen copy of engage.localoffer.evergreen.PAGES as it stood at this revision ({area}: the area's name).
_PAGES = (('ehc-needs-assessment',
  'Requesting an education, health and care (EHC) needs assessment',
  'SEND Assessment Team, {area} Council',
  "An EHC needs assessment looks at your child's special educational needs and the support they need. **Parents, "
  'young people aged 16 to 25, and schools can ask for one.**\n'
  '\n'
  '1. Write to the SEND Assessment Team saying why you think your child needs an assessment.\n'
  '2. We must tell you within **6 weeks** whether we will carry out the assessment.\n'
  '3. If we assess, the whole process, including any plan, must finish within **20 weeks**.\n'
  '\n'
  'If we say no, you can ask for mediation and appeal to the SEND Tribunal. SENDIASS can help you at every step, '
  'free of charge.'),
 ('sendiass-and-pcf',
  'SENDIASS and the Parent Carer Forum',
  '{area} SENDIASS and {area} Parent Carer Forum',
  '**SENDIASS** (SEND Information, Advice and Support Service) gives free, confidential and impartial advice to '
  'parents, children and young people about SEND, including EHC plans, exclusions and appeals.\n'
  '\n'
  'The **Parent Carer Forum** is run by parents of children with SEND. It works with the council and the NHS to '
  'improve services, and it checks the quality of this Local Offer.'),
 ('complaints-mediation-tribunal',
  'Complaints, mediation and the SEND Tribunal',
  'Customer Feedback Team, {area} Council',
  'If you are unhappy with a school, the council or a health service, talk to them first; most problems are sorted '
  'out that way.\n'
  '\n'
  '- **Complaints**: each organisation has a complaints procedure.\n'
  '- **Disagreement resolution** and **mediation** are free and independent.\n'
  '- **The SEND Tribunal** hears appeals about EHC needs assessments and plans. Before you appeal you must contact '
  'a mediation adviser, unless your appeal is only about the school named.'),
 ('travel-assistance',
  'Travel assistance to school or college',
  'Home to School Transport Team, {area} Council',
  'Some children and young people with SEND can get help travelling to school or college: a bus pass, a personal '
  'travel budget, travel training or transport.\n'
  '\n'
  'Read the travel assistance policy and apply each year. Young people over 16 apply through the post-16 transport '
  'policy statement, published every May.'),
 ('preparing-for-adulthood',
  'Preparing for adulthood',
  'Preparing for Adulthood Team, {area} Council',
  "From Year 9 (age 13 to 14) every EHC plan review looks at the young person's future: **employment, independent "
  'living, friends and community, and good health.**\n'
  '\n'
  'Find supported internships, travel training, college courses and adult services in the preparing for adulthood '
  'category of this Local Offer.'))  # fmt: skip


def _area_name() -> str:
    """The served area's name for the pages' owners (the area file is read when Flask runs the migration)."""
    try:
        from engage import area

        return area.current().name
    except Exception:  # noqa: BLE001 - a migration run without the application still creates the pages
        return "the"


def upgrade():
    with op.batch_alter_table("lo_evergreen_page", schema=None) as batch_op:
        batch_op.add_column(sa.Column("needs_content", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "lo_postcode",
        sa.Column("postcode", sa.String(length=8), nullable=False),
        sa.Column("district", sa.String(length=4), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=False),
        sa.Column("longitude", sa.Double(), nullable=False),
        sa.Column("la_code", sa.String(length=9), nullable=False),
        sa.Column("ward_code", sa.String(length=9), nullable=False),
        sa.PrimaryKeyConstraint("postcode", name=op.f("pk_lo_postcode")),
    )
    with op.batch_alter_table("lo_postcode", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lo_postcode_district"), ["district"], unique=False)

    pages = sa.table(
        "lo_evergreen_page",
        sa.column("slug", sa.String),
        sa.column("title", sa.String),
        sa.column("owner", sa.String),
        sa.column("body", sa.Text),
        sa.column("reviewed_on", sa.Date),
        sa.column("review_due", sa.Date),
        sa.column("needs_content", sa.Boolean),
    )
    connection = op.get_bind()
    existing = set(connection.scalars(sa.select(pages.c.slug)))
    today = datetime.date.today()
    due = today + datetime.timedelta(days=365)
    name = _area_name()
    missing = [
        {
            "slug": slug,
            "title": title,
            "owner": owner.format(area=name),
            "body": body,
            "reviewed_on": today,
            "review_due": due,
            "needs_content": True,
        }
        for slug, title, owner, body in _PAGES
        if slug not in existing
    ]
    if missing:
        op.bulk_insert(pages, missing)


def downgrade():
    # The pages stay (they may hold the area's content by now); only the marker goes.
    with op.batch_alter_table("lo_postcode", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lo_postcode_district"))
    op.drop_table("lo_postcode")
    with op.batch_alter_table("lo_evergreen_page", schema=None) as batch_op:
        batch_op.drop_column("needs_content")
