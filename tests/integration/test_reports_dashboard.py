"""The reports dashboard: headline, under-reached groups, themes, quotes, actions, drop-off, accessible charts,
exports — every number through disclosure control."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime

from sqlalchemy import select

from engage.audit import AuditEvent
from engage.extensions import db
from engage.reach.sources import CommentInsight, DueItem, PageDropOff, Participation
from engage.reach.web import service
from tests.integration import reach_helpers
from tests.integration.reach_helpers import DEMO_BASELINE

people, comments, due, dropoff = reach_helpers.people, reach_helpers.comments, reach_helpers.due, reach_helpers.dropoff
AT = datetime(2026, 11, 10, 12, 0)


def _given_a_busy_month(people, comments, due, dropoff):
    service.import_baseline(DEMO_BASELINE.read_bytes(), "Demo census", date(2026, 1, 15))
    people.synthetic(600, end=datetime(2026, 11, 28), days=25)
    people.people += [Participation("event:tiny", "event", None, AT, {"ward": "castle"}, "Tiny drop-in")] * 3
    comments.comments = [CommentInsight("survey:a", AT, "en", "negative", ("Waiting times",))] * 14
    comments.comments += [CommentInsight("survey:a", AT, "en", "positive", ("Waiting times",))] * 2
    comments.comments += [CommentInsight("survey:a", AT, "en", "positive", ("Staff attitude",))] * 3
    comments.comments += [
        CommentInsight("survey:a", AT, "en", "negative", ("Waiting times",), "The wait was [redacted] months.")
    ]
    comments.comments += [CommentInsight("survey:a", datetime(2026, 10, 5), "en", "negative", ("Waiting times",))] * 11
    due.append(DueItem("action", "Publish the autism pathway <b>update</b>", date(2026, 12, 1)))
    dropoff += [PageDropOff("survey:a", "about-you", 1, 120), PageDropOff("survey:a", "school", 2, 90)]
    dropoff += [PageDropOff("survey:a", "final", 3, 3)]


def test_given_a_busy_month_when_a_leader_opens_reports_then_every_section_is_there(
    client, auth, people, comments, due, dropoff
):
    _given_a_busy_month(people, comments, due, dropoff)
    auth.login("leader")
    response = client.get("/staff/reports/?period=2026-11")
    assert response.status_code == 200
    page = response.text
    for heading in (
        "Headline",
        "Under-reached groups",
        "Activities compared",
        "Themes",
        "Quotes",
        "Actions",
        "Survey drop-off by page",
        "Representation",
    ):
        assert f">{heading} <span" in page
    assert "The wait was [redacted] months." in page
    assert "Publish the autism pathway &lt;b&gt;update&lt;/b&gt;" in page
    assert response.headers["Cache-Control"] == "no-store"


def test_charts_are_accessible_svg_with_a_table_beside_them(client, auth, people, comments, due, dropoff):
    _given_a_busy_month(people, comments, due, dropoff)
    auth.login("moderator")
    page = client.get("/staff/reports/?period=2026-11").text
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", page, flags=re.S)
    assert len(svgs) == 8  # activities, themes and one representation chart per dimension
    for svg in svgs:
        ids = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        assert 'role="img"' in svg
        assert f'<title id="{ids[0]}">' in svg and f'<desc id="{ids[1]}">' in svg
    assert page.count("engage-chart-pair") == 8
    assert "style=" not in page and "<script>" not in page


def test_small_numbers_are_protected_on_the_dashboard(client, auth, people, comments, due, dropoff):
    _given_a_busy_month(people, comments, due, dropoff)
    auth.login("leader")
    page = client.get("/staff/reports/?period=2026-11").text
    row = re.search(r"Tiny drop-in</th>\s*<td[^>]*>([^<]*)</td>", page).group(1)
    assert row == "fewer than 5"
    staff = re.search(r"Staff attitude</th>\s*<td[^>]*>([^<]*)</td>(.*?)</tr>", page, flags=re.S)
    assert staff.group(1) == "fewer than 5"
    assert "Positive" not in staff.group(2) and "fewer than 5" not in staff.group(2)  # not split: under 10
    waiting = re.search(r"Waiting times</th>\s*<td[^>]*>([^<]*)</td>(.*?)</tr>", page, flags=re.S)
    assert waiting.group(1).strip() == "17"
    assert "fewer than 5" in waiting.group(2) and "not shown" in waiting.group(2)  # 2 positive hide 15 negative
    assert "+6" in waiting.group(2)  # 17 now against 11 in October


def test_filters_narrow_the_dashboard(client, auth, people, comments, due, dropoff):
    _given_a_busy_month(people, comments, due, dropoff)
    auth.login("leader")
    page = client.get("/staff/reports/?period=2026-11&theme=Staff+attitude").text
    assert "Waiting times</th>" not in page
    page = client.get("/staff/reports/?period=2026-11&group=ward:castle&activity=event:tiny").text
    headline = re.search(r"People who took part</dt>\s*<dd[^>]*>([^<]*)", page).group(1).strip()
    assert headline == "fewer than 5"  # the group's protected cell in that activity's row, not a new count
    assert "the group filter picks that group" in page
    ignored = client.get("/staff/reports/?period=2026-11&group=colour:blue").text
    assert "the group filter picks that group" not in ignored


def test_exports_in_csv_and_ods_are_protected_and_audited(client, auth, people, comments, due, dropoff):
    _given_a_busy_month(people, comments, due, dropoff)
    auth.login("leader")
    response = client.get("/staff/reports/export.csv?period=2026-11")
    assert response.status_code == 200
    disposition = 'attachment; filename="engage-report-november-2026-all-activities-csv.zip"'
    assert response.headers["Content-Disposition"] == disposition
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        names = archive.namelist()
        activities = archive.read("2-activities.csv").decode()
    assert names == ["1-representation.csv", "2-activities.csv", "3-outreach-channels.csv", "4-themes.csv"]
    rows = list(csv.reader(io.StringIO(activities)))
    assert rows[0] == ["Activity", "Respondents", "Under-reached groups"]
    tiny = next(r for r in rows if r[0] == "Tiny drop-in")
    assert tiny[1] == "fewer than 5"
    assert not any(r[1] in {"1", "2", "3", "4"} for r in rows[1:])
    one = client.get("/staff/reports/export.csv?period=2026-11&table=4")
    assert one.headers["Content-Disposition"].endswith('-themes.csv"')
    assert one.text.splitlines()[0].startswith("Theme,Mentions,Positive")
    ods = client.get("/staff/reports/export.ods?period=2026-11")
    assert ods.mimetype == "application/vnd.oasis.opendocument.spreadsheet"
    with zipfile.ZipFile(io.BytesIO(ods.data)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        content = archive.read("content.xml").decode()
    assert 'table:name="Representation"' in content and "fewer than 5" in content
    assert re.search(r"<text:p>\d+(\.\d)?%</text:p>", content)  # shares as percentages
    actions = [e.detail for e in db.session.scalars(select(AuditEvent).where(AuditEvent.action == "reports.export"))]
    assert [a["format"] for a in actions] == ["csv", "csv", "ods"]


def test_given_an_admin_then_reports_are_refused_and_the_refusal_audited(client, auth):
    auth.login("admin")
    assert client.get("/staff/reports/").status_code == 403
    assert client.get("/staff/reports/export.csv").status_code == 403
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "access.denied")) is not None


def test_given_nothing_yet_then_the_dashboard_says_so(client, auth):
    auth.login("moderator")
    page = client.get("/staff/reports/").text
    assert "No one took part in this period." in page
    assert "No analysed comments in this period." in page


def test_each_comparison_names_the_baseline_and_date_it_uses_on_the_pages_and_in_the_exports(
    client, auth, people, comments, due, dropoff
):
    _given_a_busy_month(people, comments, due, dropoff)
    # a later file of wards alone: wards are compared with it, every other dimension still with the census
    wards = "dimension,group,count\n" + "".join(f"ward,{g},{500 + i}\n" for i, g in enumerate(
        ["Abbey", "Brookside", "Castle", "Eastfield", "Hillcrest", "Kingsmead", "Northgate", "Riverside",
         "Southmoor", "Westbury"]))  # fmt: skip
    service.import_baseline(wards.encode(), "Council school census extract by ward", date(2026, 5, 21))
    census = "Population shares from Demo census, numbers as of 15 January 2026."
    by_ward = "Population shares from Council school census extract by ward, numbers as of 21 May 2026."
    auth.login("leader")
    for path in ("/staff/reports/?period=2026-11", "/staff/reach/?period=2026-11"):
        page = client.get(path).text
        assert page.count(by_ward) == 1, path
        assert page.count(census) == 5, path  # ethnicity, language, age band, primary need, EHC plan
        assert page.index(by_ward) > page.index("Ward") and page.index(census) > page.index(by_ward)
    with zipfile.ZipFile(io.BytesIO(client.get("/staff/reports/export.csv?period=2026-11").data)) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("1-representation.csv").decode())))
    assert rows[0][-1] == "Population baseline"
    assert {r[-1] for r in rows[1:] if r[0] == "Ward"} == {by_ward}
    assert {r[-1] for r in rows[1:] if r[0] != "Ward"} == {census}
