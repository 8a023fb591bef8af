"""Baselines that cannot be imported wrong: checked whole, previewed beside the current figures, confirmed before
they count, changing only the dimensions the file holds, never dated in the future, and rolled back in one step."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

from sqlalchemy import func, select

from engage.audit import AuditEvent
from engage.extensions import db
from engage.reach.web import service
from engage.reach.web.models import PopulationBaseline
from tests.integration.reach_helpers import DEMO_BASELINE

WARDS_ONLY = b"dimension,group,count\nward,Abbey,800\nward,Brookside,910\n"
TODAY = datetime(2026, 12, 7, 12)


def _upload(client, data: bytes, as_of=("1", "11", "2026")):
    form = {"file": (io.BytesIO(data), "wards.csv"), "source": "Ward update, November 2026", "as_of": list(as_of)}
    return client.post("/staff/reach/", data=form, content_type="multipart/form-data")


def _given_the_demo_baseline_is_current(app):
    app.config["CLOCK_PINNED_AT"] = TODAY
    service.import_baseline(DEMO_BASELINE.read_bytes(), "Demo census", date(2026, 1, 15))


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_new_file_is_previewed_beside_the_current_figures_and_changes_nothing_until_confirmed(app, client, auth):
    _given_the_demo_baseline_is_current(app)
    auth.login("leader")
    response = _upload(client, WARDS_ONLY)
    assert response.status_code == 302 and "/preview" in response.headers["Location"]
    page = client.get(response.headers["Location"]).text
    abbey = re.search(r"Abbey</th>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>", page)
    assert abbey.groups() == ("720", "800", "+80")
    assert service.current_baseline().source == "Demo census"  # nothing changed yet
    form = re.search(r'action="([^"]+/confirm)"', page).group(1)
    assert client.post(form).status_code == 302
    current = service.current_baseline()
    assert current.source == "Ward update, November 2026"
    assert "reach.baseline.preview" in _actions() and "reach.baseline.import" in _actions()


def test_a_file_holding_only_wards_changes_only_wards(app, client, auth):
    _given_the_demo_baseline_is_current(app)
    before = service.current_baseline().counts()
    auth.login("leader")
    location = _upload(client, WARDS_ONLY).headers["Location"]
    client.post(location.replace("/preview", "/confirm"))
    after = service.current_baseline().counts()
    assert after["ward"] == {"abbey": 800, "brookside": 910}
    assert {d: g for d, g in after.items() if d != "ward"} == {d: g for d, g in before.items() if d != "ward"}


def test_a_discarded_preview_leaves_the_current_baseline(app, client, auth):
    _given_the_demo_baseline_is_current(app)
    auth.login("moderator")
    location = _upload(client, WARDS_ONLY).headers["Location"]
    client.post(location.replace("/preview", "/discard"))
    assert service.current_baseline().source == "Demo census"
    assert client.get(location).status_code == 404


def test_a_date_in_the_future_is_refused_and_nothing_is_stored(app, client, auth):
    _given_the_demo_baseline_is_current(app)
    auth.login("leader")
    response = _upload(client, WARDS_ONLY, as_of=("8", "12", "2026"))
    assert response.status_code == 400
    assert "The date 8 December 2026 is in the future" in response.text
    assert db.session.scalar(select(func.count()).select_from(PopulationBaseline)) == 1


def test_a_row_with_a_thousands_comma_is_refused_with_its_row_number(app, client, auth):
    _given_the_demo_baseline_is_current(app)
    auth.login("leader")
    response = _upload(client, b"dimension,group,count\nward,Abbey,720\nprimary_need,ASD,1,830\n")
    assert response.status_code == 400
    assert "Row 3: The row has 4 cells but the first row has 3" in response.text
    assert service.current_baseline().counts()["primary_need"]["asd"] != 1


def test_a_rollback_restores_the_baseline_before_keeps_both_and_is_audited(app, client, auth):
    _given_the_demo_baseline_is_current(app)
    auth.login("leader")
    location = _upload(client, WARDS_ONLY).headers["Location"]
    client.post(location.replace("/preview", "/confirm"))
    page = client.get("/staff/reach/").text
    assert "Roll back to the baseline before the current one" in page
    assert client.post("/staff/reach/baselines/rollback").status_code == 302
    assert service.current_baseline().source == "Demo census"
    assert service.current_baseline().counts()["ward"]["abbey"] == 720
    assert db.session.scalar(select(func.count()).select_from(PopulationBaseline)) == 2
    assert _actions()[-1] == "reach.baseline.rollback"
    page = client.get("/staff/reach/").text
    assert "Withdrawn on 7 December 2026" in page
    assert "Roll back to the baseline before the current one" not in page  # nothing earlier to go back to


def test_the_command_line_refuses_a_future_date(app, runner, tmp_path):
    app.config["CLOCK_PINNED_AT"] = TODAY
    path = tmp_path / "wards.csv"
    path.write_bytes(WARDS_ONLY)
    args = ["reach", "baseline", "import", str(path), "--source", "x", "--as-of", "2027-01-01"]
    result = runner.invoke(args=args)
    assert result.exit_code == 1
    assert "The date 2027-01-01 is in the future" in result.output
