"""The migration adding review history keeps every service, revision and information page, and they can be reviewed
afterwards: an old revision keeps its text diff, a page edit becomes a proposed change."""

import datetime

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from engage.extensions import db
from engage.localoffer import models as m
from engage.localoffer import page_review
from engage.localoffer import service as ops
from engage.localoffer.demo import demo_documents
from engage.localoffer.evergreen import ensure_evergreen_pages

BEFORE = "c9481b30c94c"  # sign-in attempts
AFTER = "5c2e8a7f1b90"


def test_given_services_revisions_and_pages_when_upgraded_then_all_kept_and_reviewable(migrating_app):
    upgrade(revision=BEFORE)
    with db.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO lo_evergreen_page (slug, title, body, owner, reviewed_on, review_due) VALUES"
            " ('travel-assistance', 'Travel assistance', 'Old **text**', 'Transport', '2026-01-05', '2027-01-05')"
        )
        connection.exec_driver_sql(
            "INSERT INTO lo_organization (id, name, description, updated_at) VALUES"
            " ('7c31bbb4-4cbd-5a61-a365-4616ac21800d', 'Org', '', '2026-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO lo_service (id, organization_id, name, description, status, eligibility,"
            " application_process, fees, accreditations, alert, state, last_modified, created_at) VALUES"
            " ('94652ead-469c-5753-a549-a182c75311b7', '7c31bbb4-4cbd-5a61-a365-4616ac21800d', 'Old service', 'd',"
            " 'active', '', '', '', '', '', 'published', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO lo_service_revision (service_id, number, created_at, actor_name, action, state_after,"
            " snapshot, diff) VALUES ('94652ead-469c-5753-a549-a182c75311b7', 1, '2026-01-01 00:00:00', 'x',"
            " 'imported', 'published', '{\"name\": \"Old service\"}', '+ name: Old service')"
        )
    upgrade(revision=AFTER)
    assert "lo_evergreen_revision" in inspect(db.engine).get_table_names()
    upgrade()
    revision = db.session.query(m.ServiceRevision).one()
    assert revision.diff == "+ name: Old service" and revision.previous is None
    assert db.session.get(m.Service, "94652ead-469c-5753-a549-a182c75311b7").name == "Old service"

    ensure_evergreen_pages()
    page = db.session.query(m.EvergreenPage).filter_by(slug="travel-assistance").one()
    assert page.body == "Old **text**" and page.pending_data is None and page.revisions == []
    fields = {**page_review.editable(page), "body": "New text"}
    assert page_review.propose(page, fields, None)
    assert page.pending_data["body"] == "New text" and page.revisions[0].previous["body"] == "Old **text**"
    assert page.review_due == datetime.date(2027, 1, 5)
    ops.import_data(demo_documents(1), True, None)  # the service tables still take an import

    downgrade(revision=BEFORE)
    assert "lo_evergreen_revision" not in inspect(db.engine).get_table_names()
