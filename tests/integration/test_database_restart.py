"""The database goes away under a family's survey (PostgreSQL): every server connection is ended between each
of their requests, as a restart or failover does, and the app carries on by itself: no 500, every page saved,
one whole response stored. Backends are ended only for this test's own database (never a server restart,
which other users of the server would feel)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, func, select, text

from engage.extensions import db
from engage.surveys.models import SurveyResponse
from tests.ci_skips import on_postgres
from tests.integration.surveys_helpers import Respondent, use_test_surveys

pytestmark = pytest.mark.postgres


@pytest.fixture
def end_connections(app):
    """Ends every other server connection to the app's database, from a connection of its own."""
    if not on_postgres():
        pytest.skip("needs PostgreSQL: runs in CI's PostgreSQL pass (ending server connections)")
    url = db.engine.url
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")

    def end() -> int:
        db.session.remove()  # as a request's end does: the test's own session holds nothing open
        with admin.connect() as connection:
            ended = connection.execute(
                text(
                    # Waits until each has gone, as a restart does before it accepts again: the app tests a
                    # connection the server has closed, and cannot know of one the server has not closed yet.
                    "SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity"
                    " WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": url.database},
            ).scalar()
        return ended

    yield end
    admin.dispose()


def test_a_survey_carries_on_when_every_database_connection_is_ended_between_requests(app, client, end_connections):
    use_test_surveys(app)
    respondent = Respondent(client, "test-basic")
    assert respondent.start().status_code == 302
    assert end_connections() >= 1  # the pool held a live connection: it is now dead
    steps = (
        lambda: respondent.answer("first", colour="blue", comment="Fine"),
        lambda: respondent.answer("second", children="2", last_review=["27", "3", "2026"]),
        lambda: respondent.answer("third", rating="4"),
        lambda: respondent.submit(),
    )
    for number, step in enumerate(steps, 1):
        end_connections()
        response = step()
        assert response.status_code == 302, (number, response.status_code)
    end_connections()
    stored = db.session.scalars(select(SurveyResponse)).all()
    assert len(stored) == 1 and stored[0].answers["colour"] == "blue" and stored[0].answers["rating"] == 4
    assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 1
