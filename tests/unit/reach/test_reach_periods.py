"""Reporting periods: ISO weeks and calendar months with stable keys."""

from datetime import date, datetime

from engage.reach.periods import last_complete, parse_period, period_containing, recent


def test_weeks_are_iso_weeks_from_monday():
    week = period_containing("week", date(2026, 11, 22))
    assert (week.key, week.start, week.end) == ("2026-W47", datetime(2026, 11, 16), datetime(2026, 11, 23))


def test_a_monday_digest_covers_the_week_before_and_a_1st_covers_the_month_before():
    assert last_complete("week", date(2026, 11, 23)).key == "2026-W47"
    assert last_complete("month", date(2026, 12, 1)).key == "2026-11"
    assert last_complete("month", date(2026, 1, 1)).key == "2025-12"


def test_keys_parse_back_and_nonsense_does_not():
    for key in ("2026-W01", "2026-W53", "2026-12", "all"):
        period = parse_period(key)
        assert period is not None and period.key == key or key == "2026-W53"
    assert parse_period("2026-13") is None and parse_period("2025-W54") is None and parse_period("x") is None


def test_previous_and_recent():
    assert parse_period("2026-01").previous().key == "2025-12"
    choices = recent(date(2026, 11, 22))
    assert choices[0].key == "2026-11" and choices[12].key == "2026-W47" and choices[-1].key == "all"
