"""Dates for people: one format, London time, weeks named by their Monday, in the reader's language."""

from datetime import date, datetime

import pytest
from flask_babel import force_locale

from engage import create_app
from engage.dates import long_date, long_datetime, week_of


@pytest.fixture
def context():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x" * 40})
    with app.test_request_context("/"):
        yield


def test_a_date_reads_as_day_month_year(context):
    assert long_date(date(2026, 7, 10)) == "10 July 2026"
    assert long_date(None) == ""


def test_a_stored_utc_time_counts_by_its_london_day(context):
    assert long_date(datetime(2026, 7, 9, 23, 30)) == "10 July 2026"  # 00:30 in British Summer Time
    assert long_datetime(datetime(2026, 7, 9, 23, 30)) == "10 July 2026 at 00:30"
    assert long_datetime(datetime(2026, 12, 1, 14, 5)) == "1 December 2026 at 14:05"  # GMT in winter


def test_a_week_is_named_by_its_monday(context):
    assert week_of(date(2026, 12, 6)) == "week of 30 November 2026"  # a Sunday
    assert week_of(date(2026, 11, 30)) == "week of 30 November 2026"


def test_the_month_is_in_the_readers_language(context):
    with force_locale("pl"):
        assert "2026" in long_date(date(2026, 7, 10)) and "July" not in long_date(date(2026, 7, 10))
