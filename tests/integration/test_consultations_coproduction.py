"""The co-production record: staff record the level of involvement and who shaped a consultation; the list for a
period exports as CSV and ODS (audited), and leaders may read it but not change it."""

import io
import zipfile
from datetime import datetime

from sqlalchemy import select

from engage.audit import AuditEvent
from engage.consultations.models import Consultation, Involvement
from engage.extensions import db
from tests.integration import consultation_helpers as h
from tests.integration.consultation_helpers import DAY

RECORD = {"involvement": "co_producing", "agenda_set_by": "The Parent Carer Forum", "pcf_representatives": "4",
          "young_people_shaping": "6", "decided_where": "SEND Partnership Board"}  # fmt: skip


def test_given_a_record_when_the_period_is_exported_then_csv_and_ods_hold_it_and_the_export_is_audited(client, auth):
    auth.login("moderator")
    consultation = h.make("short-breaks", title="Short breaks")
    h.make("long-ago", title="Long ago", opens=-400 * DAY, closes=-380 * DAY)
    assert client.post(f"/staff/consultations/{consultation.id}/co-production", data=RECORD).status_code == 302
    saved = db.session.get(Consultation, consultation.id)
    assert saved.involvement == Involvement.co_producing and saved.pcf_representatives == 4

    page = client.get("/staff/consultations/co-production")
    assert page.status_code == 200 and "Co-producing" in page.text and "SEND Partnership Board" in page.text
    csv = client.get("/staff/consultations/co-production?format=csv").text
    assert "Short breaks" in csv and "Co-producing" in csv and "Long ago" in csv
    ods = client.get("/staff/consultations/co-production?format=ods")
    with zipfile.ZipFile(io.BytesIO(ods.data)) as package:
        assert b"Short breaks" in package.read("content.xml")
    assert ods.headers["Content-Disposition"] == 'attachment; filename="co-production.ods"'
    exports = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "consultations.coproduction.export"))
    assert len(exports.all()) == 2


def test_the_period_keeps_only_consultations_running_in_it(app, client, auth):
    app.config["CLOCK_PINNED_AT"] = datetime(2027, 6, 1, 12, 0)
    auth.login("leader")
    h.make("now-running", title="Now running")
    h.make("long-ago", title="Long ago", opens=-400 * DAY, closes=-380 * DAY)
    this_year = client.get("/staff/consultations/co-production?since=1&since=1&since=2027").text
    assert "Now running" in this_year and "Long ago" not in this_year
    last_year = client.get("/staff/consultations/co-production?since=1&since=1&since=2026&until=31&until=12&until=2026")
    assert "Long ago" in last_year.text and "Now running" not in last_year.text


def test_leaders_cannot_change_the_record(client, auth):
    consultation = h.make("short-breaks")
    auth.login("leader")
    assert client.post(f"/staff/consultations/{consultation.id}/co-production", data=RECORD).status_code == 403
