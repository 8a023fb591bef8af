"""The clock: real time by default, an application's pinned moment inside its context only."""

from datetime import datetime, timedelta

from flask import Flask

from engage.clock import utcnow


def test_without_a_pin_the_clock_is_real_time():
    assert abs(utcnow() - datetime.utcnow()) < timedelta(seconds=5)  # noqa: DTZ003 - the reference is naive UTC


def test_a_pinned_application_answers_its_moment_and_only_inside_its_context():
    moment = datetime(2026, 11, 18, 12, 0)
    app = Flask(__name__)
    app.config["CLOCK_PINNED_AT"] = moment
    with app.app_context():
        assert utcnow() == moment
    assert utcnow() != moment
    with Flask(__name__).app_context():
        assert utcnow() != moment
