"""Digest emails are a template pair rendered in the recipient's language, checked against stored snapshots.

After an intended change (or new translations), regenerate with: UPDATE_SNAPSHOTS=1 pytest tests/unit/digests
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from engage.digests.render import render_digest, webhook_payload
from engage.digests.webhook import check_url
from engage.reach.baseline import parse_baseline
from engage.reach.periods import parse_period
from engage.reach.report import build_reach
from engage.reach.sources import CommentInsight, DueItem, Participation
from engage.reports.insight import quotes, theme_table
from engage.reports.service import ActivityRow
from tests.snapshot_check import assert_matches_snapshot

SNAPSHOTS = Path(__file__).resolve().parents[2] / "snapshots"
BASELINE = Path(__file__).resolve().parents[3] / "engage/reach/data/demo_baseline.csv"
AT = datetime(2026, 11, 18, 10, 0)


def _digest() -> dict:
    people = [Participation("survey:a", "survey", None, AT, {"ethnicity": "white", "ehcp": "yes"}, "SEND survey")] * 60
    people += [Participation("survey:a", "survey", None, AT, {"ethnicity": "asian"}, "SEND survey")] * 5
    people += [Participation("event:b", "event", None, AT, {"ethnicity": "black"}, "Coffee morning")] * 3
    reach = build_reach(people, parse_baseline(BASELINE.read_bytes()))
    comments = [CommentInsight("survey:a", AT, "en", "negative", ("Waiting times",))] * 11
    comments += [
        CommentInsight("survey:a", AT, "en", "positive", ("Staff attitude",), 'Staff were <b>kind</b> & "patient".')
    ]
    activities = [ActivityRow(k, reach.titles[k], c, 0) for k, c in sorted(reach.totals["activity"].items())]
    return {
        "period": parse_period("2026-W47"),
        "role": "leader",
        "sections": ["themes", "sentiment", "reach", "under_reached", "actions"],
        "themes": theme_table(comments),
        "quotes": quotes(comments),
        "sentiment": theme_table([CommentInsight("x", AT, "en", "negative", ("all",))] * 11)[0].sentiment,
        "respondents": reach.respondents,
        "previous_respondents": None,
        "comments": reach.respondents.__class__(len(comments)),
        "activities": activities,
        "under_reached": reach.under_reached(),
        "actions": [DueItem("action", "Publish the autism pathway update", date(2026, 12, 1), path="/you-said-we-did")],
    }


@pytest.mark.parametrize("language", ["en", "pl", "ur"])
def test_digest_email_matches_its_snapshot(app, language):
    rendered = render_digest(_digest(), language, "TOKEN")
    for suffix, content in (("txt", f"Subject: {rendered.subject}\n\n{rendered.text}"), ("html", rendered.html)):
        path = SNAPSHOTS / f"digest_{language}.{suffix}"
        assert_matches_snapshot(path, content)


def test_the_html_part_escapes_quotes_and_the_text_part_keeps_them_plain(app):
    rendered = render_digest(_digest(), "en", "TOKEN")
    assert "Staff were &lt;b&gt;kind&lt;/b&gt; &amp; &#34;patient&#34;." in rendered.html
    assert 'Staff were <b>kind</b> & "patient".' in rendered.text
    assert "http://127.0.0.1:8000/digests/unsubscribe/TOKEN" in rendered.text


def test_links_keep_the_recipients_language(app):
    rendered = render_digest(_digest(), "pl", "TOKEN")
    assert "http://127.0.0.1:8000/pl/digests/unsubscribe/TOKEN" in rendered.text
    assert "http://127.0.0.1:8000/pl/staff/reports/" in rendered.text
    assert "listopada" in rendered.text  # dates in Polish


def test_small_numbers_stay_protected_in_digests(app):
    rendered = render_digest(_digest(), "en", "TOKEN")
    assert "Coffee morning: fewer than 5" in rendered.text
    payload = webhook_payload(_digest(), rendered)
    assert payload["respondents"] == "68"


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://x.example/hook", True),
        ("http://x.example", True),
        ("ftp://x.example", False),
        ("javascript:alert(1)", False),
        ("https://", False),
        ("", False),
    ],
)
def test_webhook_addresses_must_be_http_or_https(url, ok):
    assert (check_url(url) is None) is ok


def test_the_first_line_names_the_period_as_people_say_it(app):
    from engage.digests.render import opening_line

    with app.test_request_context():
        assert opening_line(parse_period("2026-W47")) == "Your summary for the week of 16 November 2026, from Engage."
        assert opening_line(parse_period("2026-11")) == "Your summary for November 2026, from Engage."
