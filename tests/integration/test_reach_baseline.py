"""Population baselines: uploaded at /staff/reach or imported on the command line, whole or not at all."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from engage.audit import AuditEvent
from engage.extensions import db
from engage.reach.web.models import PopulationBaseline, PopulationBaselineRow
from tests.integration import reach_helpers
from tests.integration.reach_helpers import DEMO_BASELINE

people = reach_helpers.people  # the fixture

BAD_FILE = b"dimension,group,count\nward,Abbey,100\nward,Atlantis,3\nethnicity,White,-4\nward,Castle,\n"


def _upload(client, data: bytes, filename="baseline.csv", source="School census, January 2026"):
    form = {
        "file": (io.BytesIO(data), filename),
        "source": source,
        "as_of": ["15", "1", "2026"],
    }
    return client.post("/staff/reach/", data=form, content_type="multipart/form-data")


def test_given_a_leader_when_uploading_the_demo_baseline_then_it_becomes_current(client, auth):
    auth.login("leader")
    response = _upload(client, DEMO_BASELINE.read_bytes())
    assert response.status_code == 302
    assert client.post(response.headers["Location"].replace("/preview", "/confirm")).status_code == 302
    page = client.get("/staff/reach/").text
    assert "School census, January 2026" in page
    assert "15 January 2026" in page
    baseline = db.session.scalar(select(PopulationBaseline))
    assert baseline.counts()["ehcp"] == {"yes": 2400, "no": 6000}
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "reach.baseline.import")) is not None


def test_given_a_file_with_bad_rows_when_uploaded_then_nothing_is_imported_and_every_error_is_listed(client, auth):
    auth.login("moderator")
    response = _upload(client, BAD_FILE)
    assert response.status_code == 400
    assert "Row 3, column group: &#39;Atlantis&#39; is not a known group of Ward" in response.text
    assert "Row 4, column count: The count -4 is negative" in response.text
    assert "Row 5, column count: The count is missing" in response.text
    assert db.session.scalar(select(func.count()).select_from(PopulationBaselineRow)) == 0


def test_given_no_file_or_source_then_the_form_says_what_is_missing(client, auth):
    auth.login("leader")
    response = client.post("/staff/reach/", data={"source": ""}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose a CSV file" in response.text
    assert "Enter the source of the numbers" in response.text


def test_given_anonymous_or_no_role_then_the_reach_page_is_refused(client):
    assert client.get("/staff/reach/").status_code == 302


def test_given_the_cli_when_importing_a_bad_file_then_it_lists_problems_and_imports_nothing(runner, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(BAD_FILE)
    result = runner.invoke(args=["reach", "baseline", "import", str(path), "--source", "x", "--as-of", "2026-01-15"])
    assert result.exit_code == 1
    assert "Row 3, column group: 'Atlantis' is not a known group of ward" in result.output
    assert "Nothing imported: 3 problem(s)" in result.output
    assert db.session.scalar(select(func.count()).select_from(PopulationBaseline)) == 0


def test_given_the_cli_when_importing_the_demo_file_then_it_is_stored(runner):
    args = ["reach", "baseline", "import", str(DEMO_BASELINE), "--source", "Demo census", "--as-of", "2026-01-15"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "41 groups" in result.output
