"""Families' consultation pages: the list (open first, by audience), a consultation, its documents and comments."""

from sqlalchemy import select

from engage.consultations import service
from engage.consultations.models import Audience, DocumentFormat
from engage.extensions import db
from engage.feedback.models import Comment, CommentStatus, PublishConsent, Theme, Topic
from tests.integration import consultation_helpers as h
from tests.integration.consultation_helpers import DAY


def test_given_consultations_at_each_stage_when_listed_then_open_ones_come_first_with_stage_and_date(client):
    h.make("finished", title="Finished one", opens=-30 * DAY, closes=-2 * DAY)
    h.make("coming", title="Coming one", opens=5 * DAY, closes=20 * DAY)
    h.make("open-late", title="Open closing later", closes=20 * DAY)
    h.make("open-soon", title="Open closing soon", closes=3 * DAY)
    h.make("hidden", title="Not published yet", publish=False)
    page = client.get("/consultations")
    assert page.status_code == 200
    text = page.text
    order = [text.index(t) for t in ("Open closing soon", "Open closing later", "Coming one", "Finished one")]
    assert order == sorted(order)
    assert "Not published yet" not in text
    assert "Closes at the end of" in text and "Opens on" in text and "Closed on" in text


def test_the_audience_filter_keeps_those_for_everyone(client):
    h.make("for-parents", title="For parents only", audience=Audience.parents_carers)
    h.make("for-young", title="For young people only", audience=Audience.young_people)
    h.make("for-all", title="For everybody", audience=Audience.everyone)
    text = client.get("/consultations?audience=young_people").text
    assert "For young people only" in text and "For everybody" in text and "For parents only" not in text
    assert client.get("/consultations?audience=nonsense").status_code == 200


def test_an_unpublished_or_unknown_consultation_is_not_found(client):
    h.make("draft", publish=False)
    assert client.get("/consultations/draft").status_code == 404
    assert client.get("/consultations/nothing-here").status_code == 404


def test_markdown_with_script_or_javascript_links_is_rendered_inert(client):
    h.make("unsafe", body='Hello <script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror="x()">')
    page = client.get("/consultations/unsafe")
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text and "javascript:" not in page.text and "<img" not in page.text


def test_the_page_shows_stages_documents_and_the_forms_in_urdu_right_to_left(client):
    consultation = h.make("short-breaks", title="Short breaks")
    document = service.add_document(consultation, "Our proposals")
    service.upload_version(document, format=DocumentFormat.easy_read, data=h.pdf(), filename="easy.pdf")
    service.link_video(document, "https://video.example/bsl")
    page = client.get("/ur/consultations/short-breaks")
    assert page.status_code == 200
    assert 'dir="rtl"' in page.text and 'lang="ur"' in page.text
    assert "Short breaks" in page.text and "https://video.example/bsl" in page.text
    assert "/ur/consultations/short-breaks/comment" in page.text
    assert "/ur/consultations/short-breaks/follow" in page.text


def test_given_an_open_consultation_when_a_family_comments_then_it_waits_in_the_moderation_queue(client):
    h.make("short-breaks")
    response = client.post(
        "/pl/consultations/short-breaks/comment",
        data={"text": "More clubs in the holidays, please", "publish_consent": "anonymous"},
    )
    assert response.status_code == 302
    comment = db.session.scalar(select(Comment))
    assert comment.topic == Topic.consultation and comment.about == "/consultations/short-breaks"
    assert comment.status == CommentStatus.new


def test_an_empty_comment_gets_a_message_and_nothing_is_stored(client):
    h.make("short-breaks")
    response = client.post("/consultations/short-breaks/comment", data={"text": "  ", "publish_consent": ""})
    assert response.status_code == 400
    assert "Write your comment" in response.text
    assert db.session.scalar(select(Comment)) is None


def test_a_closed_consultation_takes_no_comments(client):
    h.make("finished", opens=-30 * DAY, closes=-DAY)
    assert "Comment on this consultation" not in client.get("/consultations/finished").text
    client.post("/consultations/finished/comment", data={"text": "Late words", "publish_consent": "private"})
    assert db.session.scalar(select(Comment)) is None


def test_documents_download_as_attachments_never_sniffed_and_only_from_their_consultation(client):
    consultation = h.make("short-breaks")
    other = h.make("other")
    version = service.upload_version(
        service.add_document(consultation, "Proposals"), format=DocumentFormat.standard, data=h.docx(),
        filename="Proposals v2.docx",
    )  # fmt: skip
    response = client.get(f"/consultations/short-breaks/documents/{version.id}")
    assert response.status_code == 200 and response.data == h.docx()
    assert response.headers["Content-Disposition"] == 'attachment; filename="Proposals-v2.docx"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(f"/consultations/{other.slug}/documents/{version.id}").status_code == 404


def test_the_outcome_is_shown_once_published(client):
    consultation = h.make("done", opens=-30 * DAY, closes=-DAY)
    assert "We asked, you said, we did" not in client.get("/consultations/done").text
    service.publish_outcome(consultation, we_asked="Where?", you_said="Nearer home", we_did="Two new clubs")
    page = client.get("/consultations/done").text
    assert "We asked, you said, we did" in page and "Two new clubs" in page


def _theme(slug: str) -> Theme:
    theme = Theme(slug=slug, name=slug.capitalize())
    db.session.add(theme)
    return theme


def test_you_said_shows_coded_themes_only_from_ten_people_rounded_and_published_quotes(client):
    consultation = h.make("done", opens=-30 * DAY, closes=-DAY)
    transport, waiting = _theme("transport"), _theme("waiting")
    comments = [
        Comment(topic=Topic.consultation, about="/consultations/done", text=f"c{n}", content_hash=f"h{n}",
                publish_consent=PublishConsent.anonymous, status=CommentStatus.filed)
        for n in range(9)
    ]  # fmt: skip
    for n, comment in enumerate(comments):
        comment.themes = [transport] if n < 7 else [waiting]
    comments[0].status, comments[0].redacted_text = CommentStatus.published, "The [name] taxi was always late"
    comments[0].response = "New contracts start in May."
    db.session.add_all(comments)
    db.session.commit()
    service.publish_outcome(consultation, we_asked="a", you_said="b", we_did="c")
    page = client.get("/consultations/done").text
    assert "The [name] taxi was always late" in page and "New contracts start in May." in page
    assert "Transport" not in page  # nine people: no theme summary

    tenth = Comment(topic=Topic.consultation, about="/consultations/done", text="c9", content_hash="h9",
                    publish_consent=PublishConsent.private, status=CommentStatus.filed)  # fmt: skip
    tenth.themes = [waiting]
    db.session.add(tenth)
    db.session.commit()
    page = client.get("/consultations/done").text
    assert "Transport</span>: 5" in page and "Waiting</span>: fewer than 5" in page
