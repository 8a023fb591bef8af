"""Taking part in a consultation is one activity in reach: its comments and the responses to its linked surveys
sent while it was open, per channel and community; those responses leave the survey's own activity so nobody is
counted twice, and small counts stay hidden in the report."""

from datetime import timedelta

from engage.clock import utcnow
from engage.feedback import service as feedback
from engage.feedback.models import Topic
from engage.reach.report import build_reach
from engage.reach.sources import participation_tally
from engage.surveys import service as surveys
from tests.integration import consultation_helpers as h
from tests.integration.consultation_helpers import DAY
from tests.integration.surveys_helpers import use_test_surveys

CONSULTATION = "consultation:short-breaks"
SURVEY = "survey:test-standard"


def _respond(survey, ward: str, src: str | None = None):
    draft = surveys.start(survey, language="en", src=src)
    surveys.save_page(draft, survey.page("about"), {"ward": ward, "child_ethnicity": "prefer_not"})
    return surveys.submit(draft, survey, draft.submission_token)


def test_linked_survey_responses_count_under_the_consultation_once_with_their_channel_and_community(app):
    use_test_surveys(app)
    survey = surveys.registry().get("test-standard")
    start = utcnow()
    _respond(survey, "castle")  # before the consultation opened: stays the survey's
    app.config["CLOCK_PINNED_AT"] = start + 2 * DAY
    h.make("short-breaks", title="Short breaks", opens=-DAY, closes=10 * DAY, survey_ids=["test-standard"])
    for _n in range(4):
        _respond(survey, "castle", src="school-newsletter")
    for _n in range(3):
        _respond(survey, "northgate")
    for n in range(2):
        feedback.submit_comment(topic=Topic.consultation, text=f"Comment {n} on clubs", publish_consent="private",
                                about="/consultations/short-breaks")  # fmt: skip

    tally = participation_tally()
    assert tally.people[CONSULTATION, "school-newsletter"] == 4
    assert tally.people[CONSULTATION, "direct"] == 3 + 2  # survey responses without a channel, and comments
    assert tally.people[SURVEY, "direct"] == 1 and (SURVEY, "school-newsletter") not in tally.people
    assert sum(tally.people.values()) == 1 + 4 + 3 + 2  # every person once
    assert tally.answers["ward"][CONSULTATION, "school-newsletter", "castle"] == 4
    assert tally.answers["ward"][CONSULTATION, "direct", "northgate"] == 3
    assert (SURVEY, "school-newsletter", "castle") not in tally.answers["ward"]
    assert tally.titles[CONSULTATION] == "Short breaks"

    later = participation_tally(since=start + 2 * DAY + timedelta(hours=1))
    assert later.people[CONSULTATION, "direct"] == 0 and later.people[SURVEY, "direct"] == 0

    report = build_reach(tally, None)  # disclosure control: the lone early response is never shown as a number
    assert report.totals["activity"][SURVEY].hidden
    assert report.totals["activity"][CONSULTATION].value == 9  # hidden too, else 10 - 9 gives the lone one away
    assert report.totals["activity"][CONSULTATION].hidden
