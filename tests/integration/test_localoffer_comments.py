"""Local Offer comments go to the one feedback queue, are coded to regulation 56(1), and feed "You said, we did"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engage.audit import AuditEvent
from engage.extensions import db
from engage.feedback import service
from engage.feedback.models import AnalysisStatus, Comment, CommentStatus, Regulation56, RejectionCategory, Topic
from tests.integration.feedback_helpers import break_the_model

CONCERN = "Jayden told his teacher that his stepdad hits him and he is frightened to go home on Fridays."


def _send(client, text="The list of short breaks is missing the Saturday club.", **extra):
    data = {"text": text, "publish_consent": "anonymous", **extra}
    return client.post("/local-offer/comment", query_string={"page": "/local-offer/pages/travel-assistance"}, data=data)


def _lo_comment(text="The travel assistance page does not say how to appeal.", **kwargs) -> Comment:
    kwargs.setdefault("publish_consent", "anonymous")
    kwargs.setdefault("about", "/local-offer/pages/travel-assistance")
    return service.submit_comment(topic=Topic.local_offer, text=text, **kwargs)


def _published(text, code, response="We have added it.", action=None, year=None) -> Comment:
    comment = _lo_comment(text)
    service.set_regulation_56(comment, code)
    service.publish(comment, response, action)
    if year:
        comment.created_at = datetime(year, 6, 1)
        db.session.commit()
    return comment


def _actions(comment_id) -> list[str]:
    query = select(AuditEvent.action).where(AuditEvent.object_id == str(comment_id))
    return list(db.session.scalars(query))


# ----------------------------------------------------------------------------------- the one queue


def test_given_a_local_offer_comment_with_a_name_when_sent_then_it_is_redacted_in_the_feedback_queue(client, auth):
    assert (
        _send(client, "Please ask Mrs Okafor at Abbey school to update the page, call 07700 900123.").status_code == 302
    )
    comment = db.session.scalar(select(Comment))
    assert comment.topic == Topic.local_offer and comment.about == "/local-offer/pages/travel-assistance"
    assert comment.analysis_status == AnalysisStatus.done and "07700 900123" not in comment.redacted_text
    auth.login("moderator")
    queue = client.get("/staff/feedback/?topic=local_offer").text
    assert f"Comment {comment.id}<" in queue and "Not coded to regulation 56 yet" in queue
    page = client.get(f"/staff/feedback/{comment.id}").text
    assert "/local-offer/pages/travel-assistance" in page and "Regulation 56(1) code" in page


def test_given_a_safeguarding_concern_on_a_local_offer_page_then_the_alert_goes_out_at_once(client, outbox):
    assert _send(client, CONCERN).status_code == 302
    comment = db.session.scalar(select(Comment))
    assert comment.safeguarding_flagged and comment.safeguarding_alert_sent_at is not None
    assert len(outbox) == 1 and "Jayden" not in outbox[0]["Subject"]


def test_given_the_engine_fails_when_a_family_comments_then_their_words_are_kept(app, client):
    break_the_model()
    assert _send(client, "The SENDIASS phone number is wrong.").status_code == 302
    comment = db.session.scalar(select(Comment))
    assert comment.text == "The SENDIASS phone number is wrong." and comment.analysis_status == AnalysisStatus.failed


def test_given_the_old_staff_comment_pages_then_they_are_gone(client, auth):
    auth.login("moderator")
    assert client.get("/staff/local-offer/comments").status_code == 404
    assert "feedback/?topic=local_offer" in client.get("/staff/local-offer/").text


def test_given_a_moderator_when_coding_to_regulation_56_then_saved_audited_and_filterable(client, auth):
    coded, other = _lo_comment(), _lo_comment("The search does not work with a screen reader.")
    auth.login("moderator")
    response = client.post(f"/staff/feedback/{coded.id}/regulation-56", data={"regulation-code": "accessibility"})
    assert response.status_code == 302
    db.session.refresh(coded)
    assert coded.regulation_56 == Regulation56.accessibility
    assert "feedback.comment.regulation_56" in _actions(coded.id)
    filtered = client.get("/staff/feedback/?regulation=accessibility").text
    assert f"Comment {coded.id}<" in filtered and f"Comment {other.id}<" not in filtered
    uncoded = client.get("/staff/feedback/?regulation=uncoded").text
    assert f"Comment {other.id}<" in uncoded and f"Comment {coded.id}<" not in uncoded
    assert client.post(f"/staff/feedback/{coded.id}/regulation-56", data={"regulation-code": "z"}).status_code == 400


def test_given_an_uncoded_local_offer_comment_when_published_then_refused_until_coded(client, auth):
    comment = _lo_comment()
    auth.login("moderator")
    data = {"publish-value": "We have added the appeal route.", "publish-action": "Review the page in March."}
    refused = client.post(f"/staff/feedback/{comment.id}/publish", data=data)
    assert refused.status_code == 400 and "Code the comment to regulation 56(1)" in refused.text
    client.post(f"/staff/feedback/{comment.id}/regulation-56", data={"regulation-code": "content"})
    assert client.post(f"/staff/feedback/{comment.id}/publish", data=data).status_code == 302
    db.session.refresh(comment)
    assert comment.status == CommentStatus.published and comment.intended_action == "Review the page in March."


def test_given_a_vexatious_comment_when_rejected_then_its_category_is_recorded(client, auth):
    comment = _lo_comment("You are all useless and I will keep writing this every day.")
    auth.login("moderator")
    data = {"reject-value": "Repeated abusive messages", "reject-category": "vexatious"}
    assert client.post(f"/staff/feedback/{comment.id}/reject", data=data).status_code == 302
    db.session.refresh(comment)
    assert comment.rejection_category == RejectionCategory.vexatious
    assert comment.rejection_reason == "Repeated abusive messages"


# ----------------------------------------------------------------------------------- you said, we did


def test_given_published_comments_in_two_years_then_newest_year_first_with_response_and_action(client):
    _published("Please list more holiday clubs for autistic teenagers.", "content", "We agree.",
               "Commission two more clubs by June.", year=2025)  # fmt: skip
    _published("The pages are hard to read on a phone.", "accessibility", "We have redesigned them.", year=2026)
    page = client.get("/you-said-we-did").text
    assert page.index("Comments received in 2026") < page.index("Comments received in 2025")
    assert "Commission two more clubs by June." in page and "We have redesigned them." in page
    assert page.index("How easy the information is to find and use") < page.index("Comments received in 2025")


def test_given_a_published_comment_then_only_redacted_text_is_shown_never_contact_details(client):
    comment = _lo_comment(
        "My son Jack cannot find the swimming sessions, ring me on 07700 900123.",
        contact_name="Anna Nowak",
        contact_email="anna@example.org",
    )
    service.adjust_redaction(comment, "A parent cannot find the swimming sessions.")
    service.set_regulation_56(comment, "content")
    service.publish(comment, "We have added the sessions.")
    page = client.get("/you-said-we-did").text
    assert "A parent cannot find the swimming sessions." in page
    for private in ("Jack", "07700", "Anna", "anna@example.org"):
        assert private not in page


def test_given_comments_left_out_then_counts_by_reason_are_rounded_or_fewer_than_5(client):
    for n in range(7):
        service.reject(_lo_comment(f"Spam message number {n} buy now"), "Advert", RejectionCategory.vexatious)
    for n in range(2):
        service.mark_individual_case(_lo_comment(f"About my own child's plan, case {n}"), "SEND Assessment Team")
    other_topic = service.submit_comment(topic="general", text="Not about the Local Offer", publish_consent="private")
    service.reject(other_topic, "Off topic", RejectionCategory.vexatious)
    page = client.get("/you-said-we-did").text
    assert "Comments not published" in page
    vexatious = page[page.index("Vexatious") :]
    assert "5" in vexatious[: vexatious.index("</dd>")] and "7" not in vexatious[: vexatious.index("</dd>")]
    case = page[page.index("own case (passed to") :]
    assert "fewer than 5" in case[: case.index("</dd>")]


def test_given_the_page_in_polish_then_it_is_served_with_the_same_content(client):
    _published("The pages are hard to read on a phone.", "accessibility")
    response = client.get("/pl/you-said-we-did")
    assert response.status_code == 200 and "The pages are hard to read on a phone." in response.text
