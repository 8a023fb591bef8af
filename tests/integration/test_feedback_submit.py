"""Families leave a comment from any page: validation, protection without barriers, and a confirmation."""

from sqlalchemy import func, select

from engage.extensions import db
from engage.feedback.models import AnalysisStatus, Comment, CommentStatus

VALID = {
    "topic": "service",
    "text": "The speech therapy waiting list at Brookside took eleven months and nobody rang back.",
    "publish_consent": "anonymous",
}


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Comment))


def _post(client, address="127.0.0.1", **changes):
    return client.post("/feedback", data=VALID | changes, environ_base={"REMOTE_ADDR": address})


def test_given_a_valid_comment_when_sent_then_it_is_stored_analysed_and_confirmed(client):
    response = _post(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/feedback/thank-you")
    comment = db.session.scalar(select(Comment))
    assert comment.text == VALID["text"]
    assert comment.status == CommentStatus.new
    assert comment.analysis_status == AnalysisStatus.done
    assert comment.language == "en" and comment.sentiment == "negative"
    assert "waiting" in comment.suggested_themes
    page = client.get("/feedback/thank-you").text
    assert "What happens next" in page and "10 working days" in page


def test_given_an_empty_comment_then_a_clear_message_and_the_rest_is_kept(client):
    response = _post(client, text="   ", contact_name="Sam Jones")
    assert response.status_code == 200
    assert "Enter your comment" in response.text
    assert 'value="Sam Jones"' in response.text
    assert _count() == 0


def test_given_more_than_5000_characters_then_refused_with_a_message(client):
    response = _post(client, text="a" * 5001)
    assert "5,000 characters or fewer" in response.text
    assert _count() == 0


def test_given_exactly_5000_characters_then_accepted(client):
    assert _post(client, text="b " * 2500).status_code == 302
    assert _count() == 1


def test_given_binary_content_with_nul_then_refused_and_other_answers_kept(client):
    response = _post(client, text="hello\x00\x01\x02 world", contact_email="kept@example.com")
    assert response.status_code == 200
    assert "characters we cannot read" in response.text
    assert 'value="kept@example.com"' in response.text
    assert _count() == 0


def test_given_invalid_utf8_bytes_then_refused(client):
    body = b"topic=general&publish_consent=private&text=%FF%FE%00abc"
    response = client.post("/feedback", data=body, content_type="application/x-www-form-urlencoded")
    assert "characters we cannot read" in response.text
    assert _count() == 0


def test_given_the_honeypot_is_filled_then_it_looks_sent_but_nothing_is_stored(client):
    response = _post(client, website="http://spam.example")
    assert response.status_code == 302 and response.headers["Location"].endswith("/feedback/thank-you")
    assert _count() == 0


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client):
    page = client.get("/feedback").text
    assert '<div class="engage-honeypot" aria-hidden="true">' in page
    assert 'name="website" value="" tabindex="-1" autocomplete="off"' in page


def test_given_the_same_text_twice_within_a_day_then_one_comment_and_the_same_confirmation(client):
    assert _post(client).status_code == 302
    again = _post(client, text="  " + VALID["text"].upper() + "\n")
    assert again.status_code == 302 and again.headers["Location"].endswith("/feedback/thank-you")
    assert _count() == 1


def test_given_a_flood_from_one_client_then_try_again_later_while_another_client_is_fine(client):
    for n in range(10):
        assert _post(client, address="203.0.113.7", text=f"Comment number {n} about transport").status_code == 302
    refused = _post(client, address="203.0.113.7", text="One more about transport")
    assert refused.status_code == 429
    assert "try again later" in refused.text
    assert _post(client, address="198.51.100.2", text="A different family about transport").status_code == 302
    assert _count() == 11


def test_given_no_publication_choice_then_a_clear_message(client):
    response = client.post("/feedback", data={"topic": "general", "text": "Hello"})
    assert "Choose whether we may publish your comment" in response.text


def test_given_a_page_link_then_the_form_knows_where_the_comment_came_from(client):
    page = client.get("/feedback?from=/local-offer/services/abc&topic=service&about=abc").text
    assert 'value="/local-offer/services/abc"' in page
    assert 'value="service" checked' in page


def test_every_public_page_links_to_feedback_with_the_page_it_came_from(client):
    page = client.get("/pl/cookies").text
    assert 'href="/pl/feedback?from=/cookies"' in page


def test_an_off_site_from_is_not_recorded(client):
    client.post("/feedback", data=VALID | {"page": "//evil.example/x"})
    assert db.session.scalar(select(Comment)).about is None


def test_no_ip_address_or_user_agent_is_stored(client):
    client.post("/feedback", data=VALID, environ_base={"REMOTE_ADDR": "192.0.2.55"},
                headers={"User-Agent": "UniqueAgent/1.0"})  # fmt: skip
    row = db.session.execute(select(Comment.__table__)).one()
    assert all("192.0.2.55" not in str(value) and "UniqueAgent" not in str(value) for value in row)


def test_given_nul_in_contact_details_then_a_clear_message_and_nothing_stored(client):
    response = _post(client, contact_name="Sam\x00")
    assert "characters we cannot read" in response.text
    assert _count() == 0


def test_given_control_characters_in_hidden_fields_then_they_are_dropped_and_the_comment_kept(client):
    assert _post(client, page="/cookies\x00\x07", about="abc\x00").status_code == 302
    assert db.session.scalar(select(Comment)).about == "abc"
