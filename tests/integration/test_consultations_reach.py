"""Reach counts the people who commented on a consultation as one activity, in its window, rejected ones aside."""

from datetime import timedelta

from engage.clock import utcnow
from engage.extensions import db
from engage.feedback import service as feedback
from engage.feedback.models import CommentStatus, Topic
from engage.reach.report import build_reach
from engage.reach.sources import participation_tally
from tests.integration import consultation_helpers as h


def _comment(text: str, about: str = "/consultations/short-breaks"):
    return feedback.submit_comment(topic=Topic.consultation, text=text, publish_consent="private", about=about)


def test_given_comments_on_a_consultation_then_reach_counts_them_as_its_activity(app):
    h.make("short-breaks", title="Short breaks")
    for n in range(6):
        _comment(f"Comment number {n} about holiday clubs")
    rejected = _comment("Buy cheap watches now")
    rejected.status = CommentStatus.rejected
    _comment("About a page that is not a consultation", about="/consultations/unknown")
    db.session.commit()

    tally = participation_tally()
    assert tally.people["consultation:short-breaks", "direct"] == 6
    assert tally.titles["consultation:short-breaks"] == "Short breaks"
    assert not any(activity == "consultation:unknown" for activity, _c in tally.people)
    assert participation_tally(since=utcnow() + timedelta(days=1)).people["consultation:short-breaks", "direct"] == 0
    report = build_reach(tally, None)  # through disclosure control, like every reach report
    assert report.titles["consultation:short-breaks"] == "Short breaks"
    assert "consultation:short-breaks" in report.totals["activity"]
