"""Issue 16: two moderators on one comment. Given both opened it, when one saves and then the other, then the
later save writes nothing, says who did what and when, keeps what they typed, and saves on top when pressed again.
Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

import pytest
from sqlalchemy import select

from engage.audit import AuditEvent
from engage.extensions import db
from engage.feedback import service, themes
from engage.feedback.models import Comment, CommentStatus, Theme
from tests.integration.conflict_helpers import drawn_from, hidden, second_client


def _comment(**kwargs) -> Comment:
    text = kwargs.pop("text", "The transport to school was late every day this term.")
    comment = Comment(topic=kwargs.pop("topic", "general"), text=text, redacted_text=text, publish_consent="anonymous",
                      content_hash=service.content_hash(text), sentiment="negative", **kwargs)  # fmt: skip
    db.session.add(comment)
    db.session.commit()
    return comment


def _theme(slug: str) -> Theme:
    themes.ensure_seeded()
    return db.session.scalar(select(Theme).where(Theme.slug == slug))


def _page(comment: Comment, page: str, **typed) -> dict:
    """What the one form posts, drawn from `page` (as the browser that shows it would send it)."""
    data = {"queue": "", "themes-shown": "1", "redaction-value": comment.redacted_text or "",
            "translation-value": comment.english_translation or "", "sentiment-sentiment": comment.sentiment,
            "publish-value": "", "publish-action": "", "reject-value": "", "individual-value": "",
            **drawn_from(page)}  # fmt: skip
    data.update(typed)
    return data


@pytest.fixture
def two(app, client, auth):
    """Ana and Ben, two moderators, each in their own browser."""
    ana = auth.login("moderator")
    ben_client, ben = second_client(app)
    return client, ana, ben_client, ben


def test_the_later_of_two_saves_writes_nothing_names_what_changed_and_saves_on_top_when_pressed_again(two):
    ana_client, ana, ben_client, ben = two
    comment = _comment()
    transport = _theme("transport")
    ana_page = ana_client.get(f"/staff/feedback/{comment.id}").text
    ben_page = ben_client.get(f"/staff/feedback/{comment.id}").text
    ana_data = _page(comment, ana_page, **{"redaction-value": "The transport was late every day."})
    assert ana_client.post(f"/staff/feedback/{comment.id}", data=ana_data).status_code == 302

    ben_data = _page(comment, ben_page, **{"themes-themes": [str(transport.id)], "reject-value": "typed, unsent"})
    refused = ben_client.post(f"/staff/feedback/{comment.id}", data=ben_data)
    assert refused.status_code == 409
    db.session.refresh(comment)
    assert comment.themes == [] and comment.redacted_text == "The transport was late every day."
    assert "Someone else saved this comment while you had it open" in refused.text
    assert f"Redaction changed by {ana.email}" in refused.text
    assert f'value="{transport.id}" checked' in refused.text.replace("\n", " ").replace("  ", " ") or (
        f'value="{transport.id}"' in refused.text
    )
    assert "typed, unsent" in refused.text  # what Ben typed elsewhere is kept
    assert "The transport was late every day." in refused.text  # Ana's redaction now in Ben's form

    again = _page(comment, refused.text, **{"themes-themes": [str(transport.id)],
                                            "redaction-value": "The transport was late every day."})  # fmt: skip
    assert ben_client.post(f"/staff/feedback/{comment.id}", data=again).status_code == 302
    db.session.refresh(comment)
    assert [t.slug for t in comment.themes] == ["transport"]
    assert comment.redacted_text == "The transport was late every day."  # Ana's change survived Ben's


def test_a_section_both_changed_keeps_the_later_moderators_text_and_shows_the_other(two):
    ana_client, _ana, ben_client, _ben = two
    comment = _comment()
    ana_page = ana_client.get(f"/staff/feedback/{comment.id}").text
    ben_page = ben_client.get(f"/staff/feedback/{comment.id}").text
    ana_client.post(f"/staff/feedback/{comment.id}", data=_page(comment, ana_page, **{"redaction-value": "Ana's"}))
    refused = ben_client.post(f"/staff/feedback/{comment.id}", data=_page(comment, ben_page,
                                                                          **{"redaction-value": "Ben's"}))  # fmt: skip
    assert refused.status_code == 409
    assert "You both changed: Redaction. The form keeps yours." in refused.text
    assert "Their version: Redaction" in refused.text and "Ana&#39;s" in refused.text
    assert ">Ben&#39;s</textarea>" in refused.text


def test_save_and_next_from_an_old_page_stays_on_the_comment(two):
    ana_client, _ana, ben_client, _ben = two
    comment, _other = _comment(), _comment(text="Another comment")
    ana_page = ana_client.get(f"/staff/feedback/{comment.id}").text
    ben_page = ben_client.get(f"/staff/feedback/{comment.id}").text
    ana_client.post(f"/staff/feedback/{comment.id}", data=_page(comment, ana_page, **{"sentiment-sentiment": "mixed"}))
    refused = ben_client.post(f"/staff/feedback/{comment.id}", data=_page(comment, ben_page, next="1",
                                                                          **{"redaction-value": "Ben's"}))  # fmt: skip
    assert refused.status_code == 409 and "Sentiment corrected by" in refused.text
    db.session.refresh(comment)
    assert comment.redacted_text != "Ben's"


DECISIONS = [
    ("publish", {}, {"publish-value": "Thank you: we have spoken to the transport team."}),
    ("reject", {}, {"reject-value": "Duplicate", "reject-category": "spam"}),
    ("file", {"topic": "survey"}, {}),
    ("safeguarding/dismiss", {"safeguarding_flagged": True}, {"dismiss-value": "A complaint about waiting"}),
    ("individual-case", {}, {"individual-value": "SEND transport team"}),
]


@pytest.mark.parametrize(("button", "made", "typed"), DECISIONS, ids=[d[0] for d in DECISIONS])
def test_a_decision_from_an_old_page_is_refused(two, button, made, typed):
    ana_client, ana, ben_client, _ben = two
    comment = _comment(**made)
    ana_page = ana_client.get(f"/staff/feedback/{comment.id}").text
    ben_page = ben_client.get(f"/staff/feedback/{comment.id}").text
    ana_client.post(f"/staff/feedback/{comment.id}", data=_page(comment, ana_page, **{"redaction-value": "Changed"}))
    refused = ben_client.post(f"/staff/feedback/{comment.id}/{button}", data=_page(comment, ben_page, **typed))
    assert refused.status_code == 409, refused.text
    assert f"Redaction changed by {ana.email}" in refused.text
    db.session.refresh(comment)
    assert comment.status == CommentStatus.in_review
    for value in typed.values():
        assert value in refused.text or value == "spam"


SECTIONS = [
    ("redaction", {"redaction-value": "Ben's"}),
    ("themes", {"themes-themes": []}),
    ("translation", {"translation-value": "Ben's translation"}),
    ("regulation-56", {"regulation-code": "content"}),
    ("sentiment", {"sentiment-sentiment": "positive"}),
]


@pytest.mark.parametrize(("route", "typed"), SECTIONS, ids=[s[0] for s in SECTIONS])
def test_each_sections_own_route_refuses_an_old_page(two, route, typed):
    ana_client, _ana, ben_client, _ben = two
    comment = _comment(topic="local_offer")
    ana_page = ana_client.get(f"/staff/feedback/{comment.id}").text
    ben_page = ben_client.get(f"/staff/feedback/{comment.id}").text
    ana_client.post(f"/staff/feedback/{comment.id}/reject", data=_page(comment, ana_page, **{"reject-value": "Spam"}))
    refused = ben_client.post(f"/staff/feedback/{comment.id}/{route}", data=_page(comment, ben_page, **typed))
    assert refused.status_code == 409 and f"Rejected by {_ana.email}" in refused.text
    db.session.refresh(comment)
    assert comment.status == CommentStatus.rejected
    assert comment.sentiment == "negative" and comment.regulation_56 is None and not comment.english_translation


def test_publish_after_a_preview_is_refused_when_someone_saved_in_between(two):
    ana_client, _ana, ben_client, _ben = two
    comment = _comment()
    ben_page = ben_client.get(f"/staff/feedback/{comment.id}").text
    preview = ben_client.post(f"/staff/feedback/{comment.id}/preview",
                              data=_page(comment, ben_page, **{"publish-value": "Our answer"}))  # fmt: skip
    assert preview.status_code == 200 and hidden(preview.text, "version") == hidden(ben_page, "version")
    ana_page = ana_client.get(f"/staff/feedback/{comment.id}").text
    ana_client.post(f"/staff/feedback/{comment.id}", data=_page(comment, ana_page, **{"redaction-value": "Ana's"}))
    refused = ben_client.post(f"/staff/feedback/{comment.id}/publish",
                              data=_page(comment, preview.text, **{"publish-value": "Our answer"}))  # fmt: skip
    assert refused.status_code == 409
    db.session.refresh(comment)
    assert comment.status != CommentStatus.published


def test_a_validation_error_does_not_hide_a_save_made_in_between(two):
    ana_client, _ana, ben_client, _ben = two
    comment = _comment()
    ben_page = ben_client.get(f"/staff/feedback/{comment.id}").text
    invalid = ben_client.post(f"/staff/feedback/{comment.id}/reject", data=_page(comment, ben_page))
    assert invalid.status_code == 400
    ana_page = ana_client.get(f"/staff/feedback/{comment.id}").text
    ana_client.post(f"/staff/feedback/{comment.id}", data=_page(comment, ana_page, **{"redaction-value": "Ana's"}))
    refused = ben_client.post(f"/staff/feedback/{comment.id}/reject",
                              data=_page(comment, invalid.text, **{"reject-value": "Spam"}))  # fmt: skip
    assert refused.status_code == 409


def test_bulk_coding_over_a_comment_someone_just_changed_codes_nothing_then_codes_on_top(two):
    ana_client, ana, ben_client, _ben = two
    one, two_ = _comment(), _comment(text="The bus never came")
    transport = _theme("transport")
    queue = ben_client.get("/staff/feedback/").text
    ana_page = ana_client.get(f"/staff/feedback/{one.id}").text
    ana_client.post(f"/staff/feedback/{one.id}", data=_page(one, ana_page, **{"redaction-value": "Edited"}))
    data = {"bulk-comments": [one.id, two_.id], "bulk-theme": transport.id, "bulk-operation": "add",
            **{f"bulk-seen-{c.id}": hidden(queue, f"bulk-seen-{c.id}") for c in (one, two_)}}  # fmt: skip
    refused = ben_client.post("/staff/feedback/bulk-themes", data=data)
    assert refused.status_code == 409
    assert f"Comment {one.id}: Redaction changed by {ana.email}" in refused.text
    for comment in (one, two_):
        db.session.refresh(comment)
        assert comment.themes == []
    again = data | {f"bulk-seen-{c.id}": hidden(refused.text, f"bulk-seen-{c.id}") for c in (one, two_)}
    assert ben_client.post("/staff/feedback/bulk-themes", data=again).status_code == 302
    for comment in (one, two_):
        db.session.refresh(comment)
        assert [t.slug for t in comment.themes] == ["transport"]
    assert one.redacted_text == "Edited"


def test_every_save_moves_the_version_on_and_marks_it_in_the_audit_log(two):
    ana_client, _ana, _ben_client, _ben = two
    comment = _comment()
    page = ana_client.get(f"/staff/feedback/{comment.id}").text
    ana_client.post(f"/staff/feedback/{comment.id}", data=_page(comment, page, **{"redaction-value": "x"}))
    db.session.refresh(comment)
    assert comment.version == 2
    marks = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "feedback.comment.saved")).all()
    assert [m.detail["version"] for m in marks] == [2]


def test_two_saves_from_one_version_at_the_same_moment_let_exactly_one_through(app):
    """Not one request after the other: the second save's UPDATE runs while the first is still uncommitted (on
    PostgreSQL it waits on the row lock, on SQLite on the write lock), then matches nothing."""
    import threading

    from engage.concurrency import StaleEditError, advance

    comment_id = _comment().id
    db.session.remove()  # the test's own session must not hold the database
    first_updated, results = threading.Event(), []

    def save(first: bool) -> None:
        with app.app_context():
            comment = db.session.get(Comment, comment_id)
            if not first:
                first_updated.wait(5)
            try:
                advance(comment, 1)
                if first:
                    first_updated.set()
                    threading.Event().wait(0.5)  # still uncommitted while the other save runs
                db.session.commit()
                results.append("saved")
            except StaleEditError:
                db.session.rollback()
                results.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=save, args=(first,)) for first in (True, False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(results) == ["refused", "saved"]
    assert db.session.get(Comment, comment_id).version == 2
