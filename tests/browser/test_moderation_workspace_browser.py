"""Issue 16, deliverable 2, in Chromium at 1280 px: a moderator signed in through the real form searches the queue,
codes two comments at once, opens one, types in several sections and saves and goes to the next, previews what
families will see, publishes, and replies to the family (the email arrives at the real SMTP server); axe passes on
each page and nothing scrolls sideways."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from engage.extensions import db
from tests.browser.conftest import assert_accessible, assert_intended_page, assert_no_horizontal_scroll

LAPTOP = {"width": 1280, "height": 900}
WORD = "Marigold"


def _comments(app) -> tuple[int, int, str]:
    from engage.feedback import service, themes
    from engage.feedback.models import Theme

    with app.app_context():
        themes.ensure_seeded()
        first = service.submit_comment(
            topic="service",
            publish_consent="anonymous",
            text=f"The {WORD} short breaks club gave us a weekend to rest, thank you.",
        )
        second = service.submit_comment(
            topic="service",
            publish_consent="anonymous",
            contact_email="mum@example.org",
            text=f"The {WORD} club bus was late every week this term and nobody rang.",
        )
        theme = db.session.scalar(select(Theme).where(Theme.slug == "transport"))
        return first.id, second.id, theme.name  # fmt: skip


def _check(page, shots, name: str, heading: str | None = None) -> None:
    assert_intended_page(page, heading=heading)
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)


def test_a_moderator_works_through_the_queue_in_one_page_per_comment(
    signed_in_page, live_server, live_flask_app, outbox, tmp_path
):
    first, second, theme = _comments(live_flask_app)
    shots = tmp_path
    page = signed_in_page("moderator")
    page.set_viewport_size(LAPTOP)

    page.goto(f"{live_server}/staff/feedback/")
    page.fill("#q", WORD.lower())
    page.get_by_role("button", name="Search and filter").click()
    expect(page.get_by_role("heading", name=f'2 comments contain "{WORD.lower()}"')).to_be_visible()
    _check(page, shots, "1-search", "Moderation queue")

    page.get_by_label(f"Select comment {first}").check()
    page.get_by_label(f"Select comment {second}").check()
    page.locator("#bulk-theme").select_option(label=theme)
    page.get_by_role("button", name="Code the ticked comments").click()
    expect(page.get_by_text("2 comments changed")).to_be_visible()
    _check(page, shots, "2-bulk-coded", "Moderation queue")

    page.get_by_role("link", name=f"Comment {first}", exact=True).click()
    _check(page, shots, "3-comment", f"Comment {first}")
    page.fill("#redaction-value", "The short breaks club gave us a weekend to rest, thank you.")
    page.get_by_label("Mixed", exact=True).check()
    page.fill("#translation-value", "Checked by a moderator")
    page.get_by_role("button", name="Save and next").click()
    expect(page.get_by_role("heading", name=f"Comment {second}", exact=True)).to_be_visible()
    assert f"q={WORD.lower()}" in page.url

    from engage.feedback.models import Comment

    with live_flask_app.app_context():
        saved = db.session.get(Comment, first)
        assert saved.redacted_text == "The short breaks club gave us a weekend to rest, thank you."
        assert saved.sentiment == "mixed" and saved.english_translation == "Checked by a moderator"
        assert theme in [t.name for t in saved.themes]
    _check(page, shots, "4-next-comment", f"Comment {second}")

    page.fill("#publish-value", "We have spoken to the bus company about the club's timetable.")
    page.fill("#reply-value", "Thank you for telling us. We have spoken to the bus company.")
    page.get_by_role("button", name="Preview what families will see").click()
    preview = page.locator("#preview")
    expect(preview).to_contain_text("We have spoken to the bus company about the club's timetable.")
    expect(page.locator("#reply-value")).to_have_value("Thank you for telling us. We have spoken to the bus company.")
    _check(page, shots, "5-preview", f"Comment {second}")
    preview.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Comment published")).to_be_visible()

    page.fill("#reply-value", "Thank you for telling us. We have spoken to the bus company.")
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Reply sent to the family")).to_be_visible()
    assert len(outbox) == 1 and outbox[0]["To"] == "mum@example.org"
    expect(page.locator(".engage-history")).to_contain_text("Thank you for telling us.")
    _check(page, shots, "6-replied", f"Comment {second}")

    page.get_by_role("link", name="Back to the queue").click()
    assert f"q={WORD.lower()}" in page.url
    expect(page.locator("#q")).to_have_value(WORD.lower())
    print(f"screenshots in {shots}")
