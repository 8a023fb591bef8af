"""The migration for running a real area: a database without the statutory information pages gets them as drafts
needing the area's content; a page that exists is kept exactly as it was; downgrading and upgrading again works."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from engage.extensions import db

BEFORE = "7a41c2d9e8b5"  # the revision before (feedback comment replies)
AFTER = "9a4d2c6e1f70"


def test_given_a_database_without_the_pages_when_upgraded_then_drafts_and_existing_pages_kept(migrating_app):
    upgrade(revision=BEFORE)
    with db.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO lo_evergreen_page (slug, title, body, owner, reviewed_on, review_due) VALUES"
            " ('travel-assistance', 'Our travel page', 'Ours', 'Transport', '2026-01-05', '2027-01-05')"
        )
    upgrade(revision=AFTER)
    with db.engine.connect() as connection:
        pages = {
            slug: (title, owner, needs)
            for slug, title, owner, needs in connection.execute(
                text("SELECT slug, title, owner, needs_content FROM lo_evergreen_page")
            )
        }
    assert pages.pop("travel-assistance") == ("Our travel page", "Transport", False)
    assert sorted(pages) == [
        "complaints-mediation-tribunal",
        "ehc-needs-assessment",
        "preparing-for-adulthood",
        "sendiass-and-pcf",
    ]
    assert all(needs for _, _, needs in pages.values())
    assert pages["ehc-needs-assessment"][1] == "SEND Assessment Team, Example Borough Council"
    assert "lo_postcode" in inspect(db.engine).get_table_names()

    downgrade(revision=BEFORE)
    assert "lo_postcode" not in inspect(db.engine).get_table_names()
    upgrade(revision=AFTER)
    with db.engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM lo_evergreen_page")).scalar()
    assert count == 5, "upgrading again adds no second copy"


def test_given_an_empty_database_when_first_upgraded_then_the_five_pages_wait_as_drafts(migrating_app):
    upgrade()
    with db.engine.connect() as connection:
        drafts = connection.execute(text("SELECT count(*) FROM lo_evergreen_page WHERE needs_content")).scalar()
    assert drafts == 5
    assert migrating_app.test_client().get("/local-offer/pages/ehc-needs-assessment").status_code == 404
