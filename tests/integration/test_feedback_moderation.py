"""Moderators work the queue: safeguarding first, filters, and every action audited."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from engage.audit import AuditEvent
from engage.extensions import db
from engage.feedback import service, themes
from engage.feedback.models import Comment, CommentStatus, Theme
from engage.insight import ANALYSIS_VERSION

SAFEGUARDING_TEXT = "My daughter has started self harming and the school says there is nothing they can do."


def _comment(text="The short breaks service in Castle ward was brilliant, thank you.", **kwargs) -> Comment:
    kwargs.setdefault("topic", "service")
    kwargs.setdefault("publish_consent", "anonymous")
    return service.submit_comment(text=text, **kwargs)


def _actions(comment_id=None) -> list[str]:
    query = select(AuditEvent.action)
    if comment_id is not None:
        query = query.where(AuditEvent.object_id == str(comment_id))
    return list(db.session.scalars(query))


def test_given_a_safeguarding_comment_then_it_is_first_in_the_queue_even_when_newer(client, auth):
    older = _comment()
    older.created_at -= timedelta(days=3)
    db.session.commit()
    concern = _comment(SAFEGUARDING_TEXT)
    auth.login("moderator")
    page = client.get("/staff/feedback/").text
    assert page.index(f"Comment {concern.id}<") < page.index(f"Comment {older.id}<")
    assert "Safeguarding" in page


def test_given_a_recorded_action_then_the_concern_no_longer_jumps_the_queue(client, auth):
    older = _comment()
    older.created_at -= timedelta(days=3)
    concern = _comment(SAFEGUARDING_TEXT)
    service.record_safeguarding_action(concern, "Referred to children's services", None)
    auth.login("moderator")
    page = client.get("/staff/feedback/").text
    assert page.index(f"Comment {older.id}<") < page.index(f"Comment {concern.id}<")


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("topic=general", "general", "service"),
        ("language=pl", "polish", "service"),
        ("sentiment=positive", "service", "general"),
        ("flag=safeguarding", "concern", "service"),
        ("theme=transport", "general", "service"),
        ("age=7", "old", "service"),
        ("status=rejected", "rejected", "service"),
    ],
)
def test_queue_filters(client, auth, query, shown, hidden):
    made = {
        "service": _comment(),
        "general": _comment("The school transport bus was late every single morning this term.", topic="general"),
        "polish": _comment("Bardzo dziękuję za pomoc, szkoła jest świetna i nauczyciele są mili."),
        "concern": _comment(SAFEGUARDING_TEXT),
        "old": _comment("An old comment about the Local Offer website search being confusing."),
        "rejected": _comment("Buy cheap watches online now"),
    }
    made["old"].created_at -= timedelta(days=10)
    service.reject(made["rejected"], "Spam")
    auth.login("moderator")
    page = client.get(f"/staff/feedback/?{query}").text
    assert f"Comment {made[shown].id}<" in page
    assert f"Comment {made[hidden].id}<" not in page


def test_the_comment_page_shows_insight_and_highlights_personal_details_and_is_audited(client, auth):
    comment = _comment("Mrs Smith at 07700 900123 never rang back about the EHCP.")
    auth.login("moderator")
    page = client.get(f"/staff/feedback/{comment.id}").text
    assert '<mark class="engage-highlight">07700 900123' in page
    assert "(personal detail: phone number)" in page and "personal detail: phone)" not in page
    assert "Personal details" in page and "Negative" in page
    assert "feedback.comment.view" in _actions(comment.id)


def test_moderator_adjusts_redaction_and_it_survives_reanalysis(client, auth):
    comment = _comment("Our worker Dave was great.")
    auth.login("moderator")
    response = client.post(
        f"/staff/feedback/{comment.id}/redaction", data={"redaction-value": "Our worker [name] was great."}
    )
    assert response.status_code == 302
    service.reanalyse_pending(everything=True)
    db.session.refresh(comment)
    assert comment.redacted_text == "Our worker [name] was great."
    assert comment.status == CommentStatus.in_review
    assert "feedback.comment.redact" in _actions(comment.id)


def test_comments_analysed_by_an_older_engine_are_analysed_again_and_current_ones_are_left_alone(client):
    old = _comment("Thank you to Priya and Tom, they were brilliant.")
    current = _comment("The short breaks were lovely.")
    old.analysis_version, old.redacted_text = ANALYSIS_VERSION - 1, "stale text from an older engine"
    current.redacted_text = "left as it is"
    db.session.commit()

    done, failed = service.reanalyse_pending()

    assert (done, failed) == (1, 0)
    db.session.refresh(old)
    db.session.refresh(current)
    assert old.analysis_version == ANALYSIS_VERSION
    assert old.redacted_text == "Thank you to [name] and [name], they were brilliant."
    assert current.redacted_text == "left as it is"


def test_moderator_confirms_removes_and_adds_themes_with_an_audit_of_the_change(client, auth):
    comment = _comment("We waited two years for the EHCP and nobody kept us informed.")
    themes.ensure_seeded()
    transport = db.session.scalar(select(Theme).where(Theme.slug == "transport"))
    waiting = db.session.scalar(select(Theme).where(Theme.slug == "waiting"))
    auth.login("moderator")
    response = client.post(f"/staff/feedback/{comment.id}/themes", data={"themes-themes": [waiting.id, transport.id]})
    assert response.status_code == 302
    db.session.refresh(comment)
    assert {t.slug for t in comment.themes} == {"waiting", "transport"}
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "feedback.comment.themes"))
    assert event.detail["added"] == ["transport", "waiting"]


def test_moderator_adds_an_english_translation_and_the_comment_is_reanalysed(client, auth):
    comment = _comment("Czekamy na ocenę od roku i nikt nie odpowiada na telefony.")
    assert comment.language == "pl" and comment.sentiment is None
    auth.login("moderator")
    client.post(
        f"/staff/feedback/{comment.id}/translation",
        data={"translation-value": "We have waited a year for an assessment and nobody answers the phone."},
    )
    db.session.refresh(comment)
    assert comment.english_translation.startswith("We have waited")
    assert comment.sentiment == "negative"
    assert "feedback.comment.translate" in _actions(comment.id)


def test_publish_with_a_response_is_audited_and_shown_publicly_redacted(client, auth):
    comment = _comment("Ring me on 07700 900123, the Kingsmead speech therapy team were excellent.")
    auth.login("moderator")
    response = client.post(
        f"/staff/feedback/{comment.id}/publish", data={"publish-value": "Thank you, we told the team."}
    )
    assert response.status_code == 302
    db.session.refresh(comment)
    assert comment.status == CommentStatus.published and comment.published_at
    assert "feedback.comment.publish" in _actions(comment.id)
    public = client.get("/feedback/responses").text
    assert "[phone]" in public and "07700 900123" not in public and "we told the team" in public


def test_publish_needs_redacted_text(client, auth):
    comment = _comment()
    comment.redacted_text = ""
    db.session.commit()
    auth.login("moderator")
    response = client.post(f"/staff/feedback/{comment.id}/publish", data={"publish-value": "Thanks"})
    assert response.status_code == 400
    assert "Check the redacted text before publishing" in response.text
    assert db.session.get(Comment, comment.id).status == CommentStatus.new


def test_a_flagged_comment_is_never_published_automatically_nor_before_its_action_is_recorded(client, auth):
    comment = _comment(SAFEGUARDING_TEXT)
    assert comment.safeguarding_flagged and comment.status == CommentStatus.new
    auth.login("moderator")
    response = client.post(f"/staff/feedback/{comment.id}/publish", data={"publish-value": "Thanks"})
    assert response.status_code == 400
    assert "Record what was done about the safeguarding concern" in response.text
    client.post(f"/staff/feedback/{comment.id}/safeguarding/action", data={"safeguarding-value": "Referred to MASH"})
    db.session.refresh(comment)
    assert comment.safeguarding_action == "Referred to MASH" and comment.safeguarding_action_by_id
    assert "feedback.comment.safeguarding_action" in _actions(comment.id)
    assert client.post(f"/staff/feedback/{comment.id}/publish", data={"publish-value": "Thanks"}).status_code == 302


def test_a_comment_the_family_asked_not_to_publish_cannot_be_published(client, auth):
    comment = _comment(publish_consent="private")
    auth.login("moderator")
    assert "asked for this comment not to be published" in client.get(f"/staff/feedback/{comment.id}").text
    response = client.post(f"/staff/feedback/{comment.id}/publish", data={"publish-value": "Thanks"})
    assert response.status_code == 400
    assert db.session.get(Comment, comment.id).status == CommentStatus.new


def test_reject_needs_a_reason_and_is_audited(client, auth):
    comment = _comment()
    auth.login("moderator")
    assert client.post(f"/staff/feedback/{comment.id}/reject", data={"reject-value": ""}).status_code == 400
    assert client.post(f"/staff/feedback/{comment.id}/reject", data={"reject-value": "Duplicate"}).status_code == 302
    db.session.refresh(comment)
    assert comment.status == CommentStatus.rejected and comment.rejection_reason == "Duplicate"
    assert "feedback.comment.reject" in _actions(comment.id)


def test_mark_as_an_individual_case_passed_to_a_service(client, auth):
    comment = _comment()
    auth.login("moderator")
    client.post(f"/staff/feedback/{comment.id}/individual-case", data={"individual-value": "SEND casework team"})
    db.session.refresh(comment)
    assert comment.status == CommentStatus.individual_case and comment.passed_to == "SEND casework team"
    assert "feedback.comment.individual_case" in _actions(comment.id)


def test_theme_add_rename_merge_and_retire_are_audited(client, auth):
    comment = _comment()
    auth.login("moderator")
    assert client.post("/staff/feedback/themes", data={"add-name": "Respite"}).status_code == 302
    respite = db.session.scalar(select(Theme).where(Theme.name == "Respite"))
    service.set_themes(comment, [respite.id])
    client.post(f"/staff/feedback/themes/{respite.id}", data={"rename-name": "Respite care", "rename-submit": "x"})
    social = db.session.scalar(select(Theme).where(Theme.slug == "social-care"))
    client.post(f"/staff/feedback/themes/{respite.id}", data={"merge-target": social.id, "merge-submit": "x"})
    db.session.refresh(comment)
    assert [t.slug for t in comment.themes] == ["social-care"]
    transport = db.session.scalar(select(Theme).where(Theme.slug == "transport"))
    client.post(f"/staff/feedback/themes/{transport.id}/retire", data={})
    assert transport.retired and transport not in themes.active_themes()
    actions = _actions()
    for action in ("feedback.theme.add", "feedback.theme.rename", "feedback.theme.merge", "feedback.theme.retire"):
        assert action in actions


def test_each_action_says_what_is_missing_in_its_own_words(client, auth):
    comment = _comment()
    auth.login("moderator")
    assert "Enter the area's response" in client.post(f"/staff/feedback/{comment.id}/publish", data={}).text
    assert "Enter a reason" in client.post(f"/staff/feedback/{comment.id}/reject", data={}).text
    service.flag_safeguarding(comment)
    assert "Enter what was done" in client.post(f"/staff/feedback/{comment.id}/safeguarding/action", data={}).text


def test_themes_are_offered_on_a_fresh_installation_with_suggestions_ticked(client, auth):
    comment = _comment("We waited a year for the EHCP.")
    auth.login("moderator")
    page = client.get(f"/staff/feedback/{comment.id}").text
    waiting = db.session.scalar(select(Theme).where(Theme.slug == "waiting"))
    assert f'value="{waiting.id}" checked' in page
