"""The reach report: protected tables on /staff/reach and `flask reach report --format csv`."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from engage.reach.sources import Participation
from engage.reach.web import service
from tests.integration import reach_helpers
from tests.integration.reach_helpers import DEMO_BASELINE

people = reach_helpers.people  # the fixture

COLUMNS = [
    "dimension",
    "group",
    "respondents",
    "share",
    "population",
    "population_share",
    "index",
    "index_low",
    "index_high",
    "flag",
]


def _import_demo_baseline():
    service.import_baseline(DEMO_BASELINE.read_bytes(), "Demo census", datetime(2026, 1, 15).date())


def _csv(runner, *args):
    result = runner.invoke(args=["reach", "report", "--format", "csv", *args])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_given_demo_respondents_when_the_report_is_written_then_under_reached_groups_are_flagged(runner, people):
    _import_demo_baseline()
    people.synthetic(2000)
    rows = _csv(runner)
    assert set(COLUMNS) <= set(rows[0])
    flagged = {(r["dimension"], r["group"]) for r in rows if r["flag"] == "under-reached"}
    assert ("ethnicity", "black") in flagged and ("language", "romanian") in flagged
    white = next(r for r in rows if (r["dimension"], r["group"]) == ("ethnicity", "white"))
    assert float(white["index_low"]) <= float(white["index"]) <= float(white["index_high"])
    assert white["population"] == "6050"


def test_given_an_activity_with_three_people_then_files_say_lt5_and_give_no_share(runner, people):
    _import_demo_baseline()
    at = datetime(2026, 11, 2)
    people.people = [Participation("event:tiny", "event", None, at, {"ward": "castle"}) for _ in range(3)]
    people.people += [Participation("survey:big", "survey", None, at, {"ward": "abbey"}) for _ in range(40)]
    rows = _csv(runner, "--activity", "event:tiny")
    castle = next(r for r in rows if (r["dimension"], r["group"]) == ("ward", "castle"))
    assert castle["respondents"] == "<5"
    assert castle["share"] == "" and castle["index"] == ""
    assert all(r["scope_id"] == "event:tiny" for r in rows)
    assert not any(r["respondents"] in {"1", "2", "3", "4"} for r in rows)


def test_given_since_then_only_people_from_that_date_are_counted(runner, people):
    _import_demo_baseline()
    people.people = [Participation("survey:a", "survey", None, datetime(2026, 1, 1), {"ehcp": "yes"})] * 20
    people.people += [Participation("survey:a", "survey", None, datetime(2026, 6, 1), {"ehcp": "no"})] * 30
    rows = _csv(runner, "--since", "2026-03-01")
    ehcp = {r["group"]: r["respondents"] for r in rows if r["dimension"] == "ehcp"}
    assert ehcp == {"yes": "0", "no": "30", "not_stated": "0"}


def test_given_a_leader_then_the_reach_page_shows_protected_tables(client, auth, people):
    _import_demo_baseline()
    people.synthetic(400)
    people.people += [Participation("event:tiny", "event", None, datetime(2026, 11, 2), {"ward": "castle"})] * 2
    auth.login("leader")
    page = client.get("/staff/reach/?period=all").text
    assert "Representation index (95% interval)" in page
    assert "Under-reached" in page
    tiny = client.get("/staff/reach/?period=all&activity=event:tiny").text
    assert "fewer than 5" in tiny
    channel = client.get("/staff/reach/?period=all&channel=direct").text
    assert '<option value="direct" selected>' in channel
    assert channel != page and "Representation index (95% interval)" in channel


def test_given_by_channel_then_each_channel_has_its_rows_and_the_export_is_audited(runner, people):
    from sqlalchemy import select

    from engage.audit import AuditEvent
    from engage.extensions import db

    _import_demo_baseline()
    people.synthetic(500)
    rows = _csv(runner, "--by", "channel")
    assert {r["scope"] for r in rows} == {"channel"}
    assert {"direct", "school-newsletter"} <= {r["scope_id"] for r in rows}
    # a channel × group table per dimension, with the activity tables' columns, through disclosure control
    wards = [r for r in rows if r["scope_id"] == "school-newsletter" and r["dimension"] == "ward"]
    assert len(wards) == 11
    assert all(
        r["respondents"].isdigit() and int(r["respondents"]) >= 5 or r["respondents"] in ("0", "<5", "[c]")
        for r in rows
    )
    assert all(r["share"] == "" for r in rows if not r["respondents"].isdigit())
    one = _csv(runner, "--channel", "school-newsletter")
    assert {(r["scope"], r["scope_id"]) for r in one} == {("channel", "school-newsletter")}
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "reach.report.export"))
    assert event.detail["by"] == "channel" and event.detail["rows"] == len(rows)
