"""Issue 16, deliverable 2 (part): a moderator corrects the sentiment on the comment page; the correction is what
the dashboards count (engage.feedback.reach_sources.count_comments), re-analysis keeps it, it is audited, and the
engine's own label is kept for retraining (queries.sentiment_corrections)."""

from __future__ import annotations

from sqlalchemy import select

from engage.audit import AuditEvent
from engage.extensions import db
from engage.feedback import queries, service
from engage.feedback.reach_sources import count_comments
from engage.reach.sources import CommentFilters, CommentTally

PRAISE = "She always replies the same day, which makes such a difference."


def _sentiments() -> dict[str, int]:
    tally = CommentTally()
    count_comments(None, None, CommentFilters(), tally)
    counts: dict[str, int] = {}
    for (_activity, _language, sentiment), n in tally.comments.items():
        counts[sentiment] = counts.get(sentiment, 0) + n
    return counts


def _correct(client, comment, sentiment: str):
    return client.post(f"/staff/feedback/{comment.id}/sentiment", data={"sentiment-sentiment": sentiment})


def test_a_moderators_correction_is_what_the_dashboards_count_and_reanalysis_keeps_it(app, client, auth, runner):
    comment = service.submit_comment(topic="general", text=PRAISE, publish_consent="anonymous")
    assert comment.sentiment == "negative" and _sentiments() == {"negative": 1}  # the engine's mistake
    moderator = auth.login("moderator")
    assert _correct(client, comment, "positive").status_code == 302
    db.session.refresh(comment)
    assert comment.sentiment == "positive" and comment.sentiment_engine == "negative"
    assert comment.sentiment_corrected_by_id == moderator.id and comment.sentiment_score is None
    assert _sentiments() == {"positive": 1}
    event = db.session.scalars(select(AuditEvent).filter_by(action="feedback.comment.sentiment")).one()
    assert event.actor_id == moderator.id and event.detail == {"before": "negative", "after": "positive"}
    page = client.get(f"/staff/feedback/{comment.id}").text
    assert "Corrected by a moderator; the engine said: Negative" in page
    assert runner.invoke(args=["feedback", "reanalyse", "--all"]).exit_code == 0
    db.session.refresh(comment)
    assert comment.sentiment == "positive" and _sentiments() == {"positive": 1}
    assert queries.sentiment_corrections() == [(PRAISE, "positive")]


def test_a_sentiment_must_be_one_of_the_four_and_only_moderators_may_correct_it(app, client, auth):
    comment = service.submit_comment(topic="general", text=PRAISE, publish_consent="anonymous")
    auth.login("moderator")
    assert _correct(client, comment, "ecstatic").status_code == 400
    auth.logout()
    auth.login("leader")
    assert _correct(client, comment, "positive").status_code == 403
    db.session.refresh(comment)
    assert comment.sentiment == "negative" and comment.sentiment_corrected_at is None
