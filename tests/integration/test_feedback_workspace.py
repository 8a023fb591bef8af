"""The moderation workspace: one page whose typing is never lost, save and next, search, pages, bulk coding,
a preview before publishing, replies to the family, and words instead of codes."""

import re
from datetime import timedelta
from email import message_from_bytes, message_from_string
from urllib.parse import urlencode

from sqlalchemy import select

from engage.audit import AuditEvent
from engage.clock import utcnow
from engage.extensions import db
from engage.feedback import privacy, service, themes
from engage.feedback.models import Comment, CommentReply, CommentStatus, Theme


def _comment(text="The short breaks service was brilliant, thank you.", **kwargs) -> Comment:
    kwargs.setdefault("topic", "service")
    kwargs.setdefault("publish_consent", "anonymous")
    return service.submit_comment(text=text, **kwargs)


def _plain(text: str, age_days: int = 0, **kwargs) -> Comment:
    """A comment stored without analysis (fast, for lists)."""
    comment = Comment(topic="general", text=text, redacted_text=text, publish_consent="anonymous",
                      content_hash=service.content_hash(text), created_at=utcnow() - timedelta(days=age_days),
                      **kwargs)  # fmt: skip
    db.session.add(comment)
    db.session.commit()
    return comment


def _theme(slug: str) -> Theme:
    themes.ensure_seeded()
    return db.session.scalar(select(Theme).where(Theme.slug == slug))


def _whole_page(comment: Comment, **typed) -> dict:
    """What the one form posts: every section, as a browser sends it."""
    data = {
        "queue": "",
        "themes-shown": "1",
        "redaction-value": comment.redacted_text or "",
        "translation-value": comment.english_translation or "",
        **({"sentiment-sentiment": comment.sentiment} if comment.sentiment else {}),
        "publish-value": "",
        "publish-action": "",
        "reject-value": "",
        "individual-value": "",
    }
    data.update(typed)
    return data


def test_typing_in_several_sections_and_pressing_one_button_saves_them_all(client, auth):
    comment = _comment()
    waiting = _theme("waiting")
    auth.login("moderator")
    data = _whole_page(
        comment,
        **{"redaction-value": "The short breaks service was brilliant.", "themes-themes": [str(waiting.id)],
           "sentiment-sentiment": "mixed", "translation-value": "Checked English text"},
    )  # fmt: skip
    response = client.post(f"/staff/feedback/{comment.id}", data=data)
    assert response.status_code == 302
    db.session.refresh(comment)
    assert comment.redacted_text == "The short breaks service was brilliant."
    assert [t.slug for t in comment.themes] == ["waiting"]
    assert comment.sentiment == "mixed" and comment.sentiment_corrected_at is not None
    assert comment.english_translation == "Checked English text"


def test_a_decision_button_saves_the_other_sections_with_it(client, auth):
    comment = _comment()
    auth.login("moderator")
    data = _whole_page(comment, **{"redaction-value": "Edited before rejecting", "reject-value": "Duplicate"})
    assert client.post(f"/staff/feedback/{comment.id}/reject", data=data).status_code == 302
    db.session.refresh(comment)
    assert comment.status == CommentStatus.rejected
    assert comment.redacted_text == "Edited before rejecting"


def test_a_validation_error_keeps_everything_typed_and_saves_nothing(client, auth):
    comment = _comment()
    waiting = _theme("waiting")
    auth.login("moderator")
    data = _whole_page(
        comment,
        **{"redaction-value": "My own redaction", "themes-themes": [str(waiting.id)], "sentiment-sentiment": "negative",
           "translation-value": "A translation typed", "publish-value": "Our typed response", "reject-value": ""},
    )  # fmt: skip
    response = client.post(f"/staff/feedback/{comment.id}/reject", data=data)
    assert response.status_code == 400
    page = response.text
    assert "Enter a reason" in page
    assert "My own redaction" in page and "A translation typed" in page and "Our typed response" in page
    assert re.search(rf'value="{waiting.id}"\s+checked', page)
    assert re.search(r'value="negative"\s+checked', page)
    db.session.refresh(comment)
    assert comment.redacted_text != "My own redaction" and comment.themes == [] and comment.sentiment != "negative"
    assert comment.status == CommentStatus.new


def test_an_unchanged_section_is_not_recorded_as_a_change(client, auth):
    comment = _comment()
    auth.login("moderator")
    client.post(f"/staff/feedback/{comment.id}", data=_whole_page(comment))
    db.session.refresh(comment)
    assert comment.sentiment_corrected_at is None and not comment.redaction_adjusted


def test_save_and_next_goes_to_the_next_comment_that_still_matches_and_back_keeps_the_filters(client, auth):
    first, second, third = (_plain(f"Waiting for transport, case {n}", age_days=10 - n) for n in range(3))
    _plain("Something else entirely", age_days=20)
    auth.login("moderator")
    state = urlencode({"q": "transport", "order": "oldest", "page": "1"})
    page = client.get(f"/staff/feedback/{first.id}?{state}").text
    assert 'href="/staff/feedback/?q=transport&amp;order=oldest"' in page  # "Back to the queue" keeps them
    data = _whole_page(first, queue="q=transport&order=oldest", next="1", **{"reject-value": "Duplicate"})
    response = client.post(f"/staff/feedback/{first.id}/reject", data=data)  # it leaves the open queue
    assert response.headers["Location"] == f"/staff/feedback/{second.id}?q=transport&order=oldest"
    response = client.post(f"/staff/feedback/{second.id}", data=_whole_page(second, queue="q=transport&order=oldest",
                                                                             next="1"))  # fmt: skip
    assert response.headers["Location"] == f"/staff/feedback/{third.id}?q=transport&order=oldest"
    response = client.post(f"/staff/feedback/{third.id}", data=_whole_page(third, queue="q=transport&order=oldest",
                                                                            next="1"))  # fmt: skip
    assert response.headers["Location"] == "/staff/feedback/?q=transport&order=oldest"


def test_search_is_case_insensitive_and_takes_wildcards_literally(client, auth):
    found = _plain("The EHCP took 40% longer than promised")
    other = _plain("The EHCP took 40 weeks longer than promised")
    underscore = _plain("Our file was named plan_2026 by the school")
    auth.login("moderator")
    page = client.get("/staff/feedback/?q=ehcp+TOOK+40%25").text
    assert f"Comment {found.id}<" in page and f"Comment {other.id}<" not in page
    page = client.get("/staff/feedback/?q=plan_2026").text
    assert f"Comment {underscore.id}<" in page and f"Comment {found.id}<" not in page
    page = client.get("/staff/feedback/?q=n_2").text  # "_" is not "any character"
    assert f"Comment {underscore.id}<" in page
    assert f"Comment {underscore.id}<" not in client.get("/staff/feedback/?q=plan%2526").text


def test_the_queue_has_pages_and_each_keeps_the_search(client, auth):
    made = [_plain(f"Comment about buses number {n}", age_days=100 - n) for n in range(55)]
    _plain("Unrelated")
    auth.login("moderator")
    first = client.get("/staff/feedback/?q=buses&order=oldest").text
    assert first.count('name="bulk-comments"') == 50
    assert "55 comments contain" in first
    assert 'href="/staff/feedback/?q=buses&amp;order=oldest&amp;page=2"' in first
    second = client.get("/staff/feedback/?q=buses&order=oldest&page=2").text
    assert second.count('name="bulk-comments"') == 5
    assert f"Comment {made[-1].id}<" in second and f"Comment {made[0].id}<" not in second


def test_bulk_coding_adds_and_removes_a_theme_on_every_ticked_comment_with_an_audit_each(client, auth):
    one, two, untouched = _plain("Bus late"), _plain("Bus late again"), _plain("Bus fine")
    transport = _theme("transport")
    auth.login("moderator")
    data = {
        "bulk-comments": [one.id, two.id],
        "bulk-theme": transport.id,
        "bulk-operation": "add",
        "bulk-queue": "q=bus",
    }
    response = client.post("/staff/feedback/bulk-themes", data=data)
    assert response.status_code == 302 and response.headers["Location"] == "/staff/feedback/?q=bus"
    for comment in (one, two, untouched):
        db.session.refresh(comment)
    assert [t.slug for t in one.themes] == ["transport"] == [t.slug for t in two.themes]
    assert untouched.themes == []
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "feedback.comment.themes.bulk")).all()
    assert sorted(int(e.object_id) for e in events) == [one.id, two.id]
    client.post("/staff/feedback/bulk-themes", data=data | {"bulk-comments": [one.id], "bulk-operation": "remove"})
    db.session.refresh(one)
    assert one.themes == []


def test_bulk_coding_is_all_or_nothing_and_says_what_is_missing(client, auth):
    one, erased = _plain("Bus late"), _plain("Bus late again")
    erased.erased_at = utcnow()
    db.session.commit()
    transport = _theme("transport")
    auth.login("moderator")
    both = {"bulk-comments": [one.id, erased.id], "bulk-theme": transport.id, "bulk-operation": "add"}
    response = client.post("/staff/feedback/bulk-themes", data=both)
    assert response.status_code == 400 and "nothing was changed" in response.text
    db.session.refresh(one)
    assert one.themes == []
    response = client.post("/staff/feedback/bulk-themes", data={"bulk-theme": transport.id, "bulk-operation": "add"})
    assert response.status_code == 400 and "Tick at least one comment" in response.text
    response = client.post("/staff/feedback/bulk-themes", data={"bulk-comments": [one.id], "bulk-operation": "add"})
    assert response.status_code == 400 and "Choose a theme" in response.text


def test_the_preview_shows_what_families_will_see_from_what_is_typed_and_saves_nothing(client, auth):
    comment = _comment()
    auth.login("moderator")
    data = _whole_page(comment, **{"redaction-value": "The breaks were brilliant.", "publish-value": "Thank you!"})
    response = client.post(f"/staff/feedback/{comment.id}/preview", data=data)
    assert response.status_code == 200
    preview = response.text.split('id="preview"')[1].split("</div>\n</div>")[0]
    assert "The breaks were brilliant." in preview and "Thank you!" in preview and "Our answer" in preview
    db.session.refresh(comment)
    assert comment.status == CommentStatus.new and comment.redacted_text != "The breaks were brilliant."
    assert comment.response is None
    refused = client.post(f"/staff/feedback/{comment.id}/preview", data=_whole_page(comment))
    assert refused.status_code == 400 and "s response" in refused.text


def _text_of(message) -> str:
    parsed = message_from_bytes(message) if isinstance(message, bytes) else message
    if isinstance(parsed, str):
        parsed = message_from_string(parsed)
    part = next(p for p in parsed.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


def test_a_reply_is_emailed_audited_kept_and_shown_in_the_history(client, auth, outbox):
    comment = _comment(contact_email="Parent@Example.org")
    auth.login("moderator")
    assert "Reply to the family" in client.get(f"/staff/feedback/{comment.id}").text
    data = _whole_page(comment, **{"reply-value": "We have passed this to the team; they will call you."})
    response = client.post(f"/staff/feedback/{comment.id}/reply", data=data)
    assert response.status_code == 302
    assert len(outbox) == 1
    assert outbox[0]["To"] == "parent@example.org"
    assert "We have passed this to the team" in _text_of(outbox[0])
    assert "brilliant" not in _text_of(outbox[0])  # the family's words are never quoted
    reply = db.session.scalar(select(CommentReply))
    assert reply.comment_id == comment.id
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "feedback.comment.reply")) is not None
    page = client.get(f"/staff/feedback/{comment.id}").text
    history = page.split(">History<")[1]
    assert "Reply emailed to the family" in history and "they will call you" in history


def test_no_reply_form_without_an_address_and_a_reply_there_is_refused(client, auth, outbox):
    comment = _comment()
    auth.login("moderator")
    assert "Reply to the family" not in client.get(f"/staff/feedback/{comment.id}").text
    response = client.post(f"/staff/feedback/{comment.id}/reply", data=_whole_page(comment, **{"reply-value": "Hi"}))
    assert response.status_code == 400 and "no email address" in response.text
    assert outbox == [] and db.session.scalar(select(CommentReply)) is None


def test_replies_are_in_subject_access_and_go_with_erasure_and_retention(app, client, auth, outbox):
    comment = _comment(contact_email="parent@example.org")
    moderator = auth.login("moderator")
    from engage.feedback import replies

    replies.send_reply(comment, "A reply about your short breaks", moderator.id)
    content, _ = privacy.export_subject("parent@example.org", "json")
    assert "A reply about your short breaks" in content
    privacy.erase_subject("parent@example.org", "anonymise")
    assert db.session.scalar(select(CommentReply)) is None

    old = _comment("Another comment about the bus to school being late.", contact_email="old@example.org")
    replies.send_reply(old, "Old reply", moderator.id)
    old.created_at = utcnow() - timedelta(days=int(app.config["FEEDBACK_CONTACT_RETENTION_DAYS"]) + 1)
    db.session.commit()
    assert privacy.purge_contact_details() == 1
    assert db.session.scalar(select(CommentReply)) is None


def test_the_pages_use_words_not_codes(client, auth):
    polish = _comment("Bardzo dziękuję za pomoc, szkoła jest świetna i nauczyciele są mili.")
    polish.created_at = polish.created_at.replace(year=2026, month=7, day=10, hour=12)
    db.session.commit()
    auth.login("moderator")
    page = client.get(f"/staff/feedback/{polish.id}").text
    assert "Polish" in page and ">pl<" not in page
    assert "10 July 2026" in page
    assert "TextBlob" not in page and "polarity" not in page
    queue = client.get("/staff/feedback/").text
    assert "Polish" in queue and "10 July 2026" in queue


def test_publish_from_the_preview_publishes_exactly_what_was_previewed(client, auth):
    comment = _comment()
    auth.login("moderator")
    data = _whole_page(comment, **{"redaction-value": "The breaks were brilliant.", "publish-value": "Thank you!"})
    preview = client.post(f"/staff/feedback/{comment.id}/preview", data=data).text
    digest = re.search(r'name="previewed" value="([0-9a-f]{64})"', preview).group(1)
    changed = client.post(f"/staff/feedback/{comment.id}/publish",
                          data=data | {"previewed": digest, "publish-value": "Changed after the preview"})  # fmt: skip
    assert changed.status_code == 400 and "preview it again" in changed.text
    db.session.refresh(comment)
    assert comment.status == CommentStatus.new
    published = client.post(f"/staff/feedback/{comment.id}/publish", data=data | {"previewed": digest})
    assert published.status_code == 302
    db.session.refresh(comment)
    assert comment.status == CommentStatus.published
    assert (comment.redacted_text, comment.response) == ("The breaks were brilliant.", "Thank you!")
