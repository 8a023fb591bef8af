"""Reports leaders can trust, on the demo: every chart shows exactly what the table beside it says, for every
filter the page offers; the chosen filters are named under every heading and in the export's file name; the
default period is the last whole month with answers."""

from __future__ import annotations

import html
import re
from datetime import datetime

import pytest

PAIR = re.compile(r'<div class="engage-chart-pair">(.*?)</table>', re.S)
BAR = re.compile(r"<g>\s*<text[^>]*>([^<]*)</text>.*?<text[^>]*>([^<]*)</text>\s*</g>", re.S)
ROW = re.compile(
    r'<tr class="govuk-table__row">\s*<th scope="row" class="govuk-table__header">(.*?)</th>(.*?)</tr>', re.S
)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
#: which table column holds the number a chart draws: respondents, mentions, or the representation index
COLUMN = {"chart-activities": 0, "chart-themes": 0, "chart-index": 3}
#: a day inside the demo's data (it stops on 20 November 2026)
PINNED = datetime(2026, 11, 18, 12)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split("Under-reached")[0].strip()


def _disagreements(page: str) -> list[tuple]:
    """(chart, bar label, chart value, table value) for every bar whose table row says something else."""
    found = []
    pairs = PAIR.findall(page)
    assert pairs, "no chart on the page"
    for pair in pairs:
        chart = re.search(r'<title id="([a-z_-]+)-title"', pair).group(1)
        column = COLUMN["chart-index" if chart.startswith("chart-index") else chart]
        table = {_text(th): [_text(td) for td in CELL.findall(cells)] for th, cells in ROW.findall(pair)}
        for label, value in BAR.findall(pair):
            label, value = html.unescape(label).replace(" (under-reached)", ""), html.unescape(value)
            matches = [cells for name, cells in table.items() if name == label or name.startswith(label[:-1])]
            if not matches or not matches[0][column].startswith(value):
                found.append((chart, label, value, matches[0][column] if matches else None))
    return found


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*id="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [html.unescape(v) for v in re.findall(r'<option value="([^"]+)"', select)]


@pytest.fixture
def demo(app, runner):
    app.config["CLOCK_PINNED_AT"] = PINNED
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def test_every_chart_agrees_with_its_table_for_every_filter_of_the_demo(demo, client, auth):
    auth.login("leader")
    first = client.get("/staff/reports/?period=2026-10").text
    views = [{"period": "2026-10"}]
    for name in ("activity", "theme", "group", "language"):
        views += [{"period": "2026-10", name: value} for value in _options(first, name)]
    activity = _options(first, "activity")[0]
    views.append({"period": "2026-10", "activity": activity, "group": _options(first, "group")[0]})
    views += [{"period": key} for key in ("2026-11", "all")]
    assert len(views) > 30
    for args in views:
        response = client.get("/staff/reports/", query_string=args)
        assert response.status_code == 200
        assert _disagreements(response.text) == [], args


def test_the_chosen_filters_are_named_under_every_heading_and_in_the_export_name(demo, client, auth):
    auth.login("leader")
    first = client.get("/staff/reports/?period=2026-10").text
    activity, theme = _options(first, "activity")[0], _options(first, "theme")[0]
    args = {"period": "2026-10", "activity": activity, "theme": theme, "group": "ward:castle", "language": "en"}
    page = client.get("/staff/reports/", query_string=args).text
    title = html.unescape(re.search(rf'<option value="{re.escape(activity)}" selected>([^<]*)<', page).group(1))
    headings = re.findall(r'<h1 class="govuk-heading-l">(.*?)</h1>', page, re.S)
    headings += re.findall(r'<h2 class="govuk-heading-m engage-report-heading"[^>]*>(.*?)</h2>', page, re.S)
    assert len(headings) == 10
    for heading in headings:
        text = html.unescape(re.sub(r"<[^>]+>", " ", heading))
        for words in ("October 2026", title, "Ward: Castle", "Comments in English", "Theme:"):
            assert words in text, (words, text)
    export = client.get("/staff/reports/export.ods", query_string=args)
    name = re.search(r'filename="([^"]+)"', export.headers["Content-Disposition"]).group(1)
    assert name.startswith("engage-report-october-2026-") and name.endswith(".ods")
    assert "ward-castle-comments-in-english" in name and "theme-" in name


def test_the_default_period_is_the_last_whole_month_with_answers(demo, client, auth):
    auth.login("leader")
    page = client.get("/staff/reports/").text
    assert re.search(r'<option value="2026-10" selected>October 2026</option>', page)
    people = re.search(r"People who took part</dt>\s*<dd[^>]*>([^<]*)", page).group(1).strip()
    assert people not in ("0", "fewer than 5")


def test_the_representation_index_is_explained_in_words(demo, client, auth):
    auth.login("moderator")
    page = client.get("/staff/reports/?period=2026-10").text
    assert "1.0 means this group took part in proportion to its share of the SEND population" in page
    assert page.count("<figcaption") == page.count("engage-chart-pair")
