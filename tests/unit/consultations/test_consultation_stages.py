"""The stage clock: a consultation's stage comes from its dates and the time, with no job flipping it."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from engage.consultations.models import Stage
from engage.consultations.stages import stage_at

OPENS = datetime(2027, 1, 10, 0, 0)
CLOSES = datetime(2027, 2, 10, 0, 0)


@dataclass
class Dates:
    opens_at: datetime = OPENS
    closes_at: datetime = CLOSES
    outcome_published_at: datetime | None = None


def test_given_dates_when_the_clock_passes_each_then_the_stage_moves_on_by_itself():
    consultation = Dates()
    assert stage_at(consultation, OPENS - timedelta(seconds=1)) == Stage.upcoming
    assert stage_at(consultation, OPENS) == Stage.open
    assert stage_at(consultation, CLOSES - timedelta(seconds=1)) == Stage.open
    assert stage_at(consultation, CLOSES) == Stage.closed
    assert stage_at(consultation, CLOSES + timedelta(days=400)) == Stage.closed


def test_the_outcome_stage_begins_when_the_outcome_is_published():
    published = CLOSES + timedelta(days=20)
    consultation = Dates(outcome_published_at=published)
    assert stage_at(consultation, published - timedelta(seconds=1)) == Stage.closed
    assert stage_at(consultation, published) == Stage.outcome_published
