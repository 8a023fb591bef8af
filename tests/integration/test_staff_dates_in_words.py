"""Staff pages, exports and the safeguarding email write a time one way: London time, in words (engage.dates).

A comment received at 13:30 UTC on 10 July 2026 was received at 14:30 in London (British Summer Time); nobody
should meet "2026-07-10", "13:30 (UTC)" or a language code."""

import csv
import io
import json
from datetime import datetime

from engage.extensions import db
from engage.feedback import alerts, service

RECEIVED_UTC = datetime(2026, 7, 10, 13, 30)
EMAIL = "asha.khan@example.com"


def _comment(language: str = "pl"):
    comment = service.submit_comment(
        topic="service", text="Autobus się spóźnia.", publish_consent="anonymous", contact_email=EMAIL
    )
    comment.created_at, comment.language = RECEIVED_UTC, language
    db.session.commit()
    return comment


def test_the_leaders_list_shows_the_day_in_words_and_the_language_by_name(client, auth):
    _comment()
    auth.login("leader")
    page = client.get("/staff/feedback/comments").text
    assert "10 July 2026" in page and "2026-07-10" not in page and "(UTC)" not in page
    assert "Polish" in page


def test_subject_access_shows_and_exports_london_time_in_words(client, auth):
    comment = _comment()
    auth.login("moderator")
    page = client.post("/staff/feedback/subject-access", data={"find-email": EMAIL}).text
    assert f"Comment {comment.id}, received 10 July 2026 at 14:30" in page
    exported = client.post(
        "/staff/feedback/subject-access/export", data={"export-email": EMAIL, "export-format": "json"}
    )
    assert json.loads(exported.text)["comments"][0]["received"] == "10 July 2026 at 14:30"


def test_the_comments_export_writes_london_time_in_words(client, auth):
    _comment()
    auth.login("leader")
    rows = list(csv.DictReader(io.StringIO(client.get("/staff/feedback/export?format=csv").text)))
    assert rows[0]["Received (UK time)"] == "10 July 2026 at 14:30" and rows[0]["Language"] == "Polish"


def test_the_safeguarding_alert_gives_london_time_in_words(app):
    comment = _comment("en")
    with app.test_request_context():
        _, text, html = alerts.render_alert(comment, "en")
    assert "Received (UK time): 10 July 2026 at 14:30" in text and "10 July 2026 at 14:30" in html
    assert "UTC" not in text
