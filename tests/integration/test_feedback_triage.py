"""Issue 16, deliverable 3: safeguarding triage.

- open concerns are ordered by severity (risk to life, then harm by someone, then a possible harm), then by how
  long they have waited, whatever order they arrived in;
- a moderator can record "not a safeguarding concern" with a reason: audited, the flag leaves the safeguarding
  filter and leaders' list, export and count, re-analysis does not raise it again, and the decision is kept for
  retraining the safeguarding model;
- survey retention keeps a response while a concern in its free text is still open.
"""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select, update

from engage.audit import AuditEvent
from engage.clock import utcnow
from engage.extensions import db
from engage.feedback import queries, service
from engage.feedback.models import Comment
from engage.insight.safeguarding_training import read_examples

SUICIDE = "My son keeps saying he wants to die and the waiting list for CAMHS is eight months. What do we do?"
ABUSE = "Jayden told his teacher that his stepdad hits him and he is frightened to go home on Fridays."
BULLYING = "She is bullied every day at school and the other children push her around."
#: A false alarm the patterns raise (an idiom): what a moderator dismisses.
FALSE_ALARM = "Ear defenders are his secret weapon in assembly."


def _comment(text: str, days_ago: int) -> Comment:
    comment = service.submit_comment(topic="general", text=text, publish_consent="anonymous")
    db.session.execute(
        update(Comment).where(Comment.id == comment.id).values(created_at=utcnow() - timedelta(days=days_ago))
    )
    db.session.commit()
    return comment


def _safeguarding_queue() -> list[int]:
    return [c.id for c in queries.queue(queries.QueueFilters(flag="safeguarding"))]


def test_the_analysis_stores_how_severe_each_concern_is(app):
    levels = {text: _comment(text, 1).safeguarding_severity for text in (SUICIDE, ABUSE, BULLYING)}
    assert levels == {SUICIDE: 3, ABUSE: 2, BULLYING: 1}
    ordinary = service.submit_comment(topic="general", text="The ramp is lovely.", publish_consent="anonymous")
    assert ordinary.safeguarding_severity == 0


def test_the_queue_reads_risk_to_life_first_then_harm_then_a_worry_and_the_longest_waiting_within_each(app):
    worry = _comment(BULLYING, 30)
    older_harm, newer_harm = _comment(ABUSE, 20), _comment(ABUSE + " Again.", 2)
    life = _comment(SUICIDE, 1)  # the newest of all
    ordinary = _comment("The new ramp at the library helps a lot.", 40)
    assert _safeguarding_queue() == [life.id, older_harm.id, newer_harm.id, worry.id]
    everything = [c.id for c in queries.queue(queries.QueueFilters())]
    assert everything[:4] == [life.id, older_harm.id, newer_harm.id, worry.id] and everything[-1] == ordinary.id


def test_a_concern_with_an_action_recorded_no_longer_jumps_the_queue(app):
    life, ordinary = _comment(SUICIDE, 1), _comment("The new ramp at the library helps a lot.", 40)
    service.record_safeguarding_action(life, "Referred to CAMHS crisis team", None)
    assert [c.id for c in queries.queue(queries.QueueFilters())] == [ordinary.id, life.id]


def test_a_concern_a_moderator_raises_counts_as_harm(app, client, auth):
    comment = service.submit_comment(
        topic="general", text="Please call us, things are hard.", publish_consent="private"
    )
    auth.login("moderator")
    client.post(f"/staff/feedback/{comment.id}/safeguarding/flag", data={})
    db.session.refresh(comment)
    assert comment.safeguarding_flagged and comment.safeguarding_severity == 2


def _dismiss(client, comment: Comment, reason: str):
    return client.post(f"/staff/feedback/{comment.id}/safeguarding/dismiss", data={"dismiss-value": reason})


def test_not_a_safeguarding_concern_needs_a_reason(app, client, auth):
    comment = _comment(FALSE_ALARM, 3)
    assert comment.safeguarding_flagged
    auth.login("moderator")
    response = _dismiss(client, comment, "  ")
    assert response.status_code == 400 and "Enter why this is not a concern" in response.text
    db.session.refresh(comment)
    assert comment.safeguarding_flagged and comment.safeguarding_dismissed_at is None


def test_a_leader_cannot_dismiss_a_concern(app, client, auth):
    comment = _comment(FALSE_ALARM, 3)
    auth.login("leader")
    assert _dismiss(client, comment, "An idiom").status_code == 403
    db.session.refresh(comment)
    assert comment.safeguarding_flagged


def test_a_dismissed_false_alarm_leaves_the_filter_and_leaders_views_and_the_decision_is_kept(
    app, client, auth, runner
):
    comment, real = _comment(FALSE_ALARM, 3), _comment(SUICIDE, 1)
    assert queries.open_concerns_count() == 2
    moderator = auth.login("moderator")
    response = _dismiss(client, comment, "An idiom about ear defenders; nobody is at risk.")
    assert response.status_code == 302
    db.session.refresh(comment)
    assert not comment.safeguarding_flagged and comment.safeguarding_dismissed_by_id == moderator.id
    assert comment.safeguarding_dismissal_reason == "An idiom about ear defenders; nobody is at risk."
    assert comment.safeguarding_dismissed_at is not None
    audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "feedback.comment.safeguarding_dismiss"))
    assert [(e.actor_id, e.object_id) for e in audit] == [(moderator.id, str(comment.id))]
    assert _safeguarding_queue() == [real.id] and queries.open_concerns_count() == 1
    page = client.get(f"/staff/feedback/{comment.id}").text
    assert "Not a safeguarding concern (decided" in page and "nobody is at risk" in page
    # leaders' list and export
    auth.logout()
    auth.login("leader")
    rows = client.get("/staff/feedback/export?columns=codes").text.splitlines()
    flags = {line.split(",")[0]: line for line in rows[1:]}
    assert "safeguarding" not in flags[str(comment.id)] and "safeguarding" in flags[str(real.id)]
    # re-analysis (an engine upgrade) does not raise it again
    assert runner.invoke(args=["feedback", "reanalyse", "--all"]).exit_code == 0
    db.session.refresh(comment)
    assert not comment.safeguarding_flagged


def test_retraining_reads_the_decisions_as_examples(app, client, auth, runner, tmp_path):
    dismissed, acted = _comment(FALSE_ALARM, 3), _comment(SUICIDE, 2)
    _comment(ABUSE, 1)  # still open: not a decision yet
    auth.login("moderator")
    _dismiss(client, dismissed, "An idiom")
    service.record_safeguarding_action(acted, "Referred to the crisis team", None)
    assert queries.safeguarding_decisions() == [(FALSE_ALARM, False), (SUICIDE, True)]
    out = tmp_path / "decisions.json"
    result = runner.invoke(args=["feedback", "safeguarding-decisions", "--output", str(out)])
    assert result.exit_code == 0, result.output
    texts, labels, _sources = read_examples([out])
    assert list(zip(texts, labels, strict=True)) == [(FALSE_ALARM, False), (SUICIDE, True)]
    assert json.loads(out.read_text(encoding="utf-8"))["cases"][0]["concern"] is False


def test_a_moderator_raising_it_again_reopens_a_dismissed_concern(app, client, auth, outbox):
    comment = _comment(FALSE_ALARM, 3)
    auth.login("moderator")
    _dismiss(client, comment, "An idiom")
    client.post(f"/staff/feedback/{comment.id}/safeguarding/flag", data={})
    db.session.refresh(comment)
    assert comment.safeguarding_flagged and comment.safeguarding_dismissed_at is None
    assert comment.id in _safeguarding_queue()


def test_on_the_demo_the_child_who_wants_to_die_comes_first_and_no_waiting_list_complaint_is_flagged(app, outbox):
    from engage.feedback import demo

    demo.load_demo()
    flagged = queries.queue(queries.QueueFilters(status="all", flag="safeguarding"))
    assert "he wants to die" in flagged[0].text and flagged[0].safeguarding_severity == 3
    assert [c for c in flagged if "nobody has rung back" in c.text] == []
