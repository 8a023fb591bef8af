"""Stages advance on their own by date, read from the app's clock (engage/clock.py), in every language: nobody
flips them and no cron has to run for the pages to be right."""

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from engage.clock import utcnow
from engage.i18n import CODES
from tests.integration import consultation_helpers as h
from tests.integration.consultation_helpers import DAY


def _label(text: str, language: str) -> str:
    with force_locale(language):
        return _(text)


@pytest.mark.parametrize("language", CODES)
def test_given_the_clock_moves_past_each_date_then_the_page_shows_the_next_stage_in_every_language(
    app, client, language
):
    start = utcnow()
    h.make("short-breaks", opens=2 * DAY, closes=5 * DAY, now=start)
    prefix = "" if language == "en" else f"/{language}"
    stages = [(start, "Opening soon", False), (start + 3 * DAY, "Open", True), (start + 6 * DAY, "Closed", False)]
    for moment, stage, takes_comments in stages:
        app.config["CLOCK_PINNED_AT"] = moment
        page = client.get(f"{prefix}/consultations/short-breaks").text
        tag = f'govuk-tag--{ {"Opening soon": "blue", "Open": "green", "Closed": "grey"}[stage] }">'
        assert tag + _label(stage, language) + "</strong>" in page, (language, stage)
        assert (f"{prefix}/consultations/short-breaks/comment" in page) is takes_comments
        listed = client.get(f"{prefix}/consultations").text
        assert _label(stage, language) in listed
