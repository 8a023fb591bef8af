"""Issue 16 in Chromium at 1280 px, two moderators in two browser contexts (each signed in through the real form):
both open one comment, Ana saves, Ben saves from his older page. Ben's save writes nothing; his page names what
Ana did, keeps what he typed, shows Ana's redaction, passes axe, and saves on top when he presses Save again."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from engage.extensions import db
from tests.browser.conftest import assert_accessible, assert_intended_page, assert_no_horizontal_scroll

LAPTOP = {"width": 1280, "height": 900}


def _comment(app) -> tuple[int, str]:
    from engage.feedback import service, themes
    from engage.feedback.models import Theme

    with app.app_context():
        themes.ensure_seeded()
        comment = service.submit_comment(
            topic="service", publish_consent="anonymous", text="The Larkspur club bus was late every week."
        )
        return comment.id, db.session.scalar(select(Theme).where(Theme.slug == "transport")).name


def test_two_moderators_save_one_comment_and_the_later_one_is_told_and_keeps_his_typing(
    signed_in_page, live_server, live_flask_app
):
    from engage.feedback.models import Comment

    comment_id, theme = _comment(live_flask_app)
    ana, ben = signed_in_page("moderator"), signed_in_page("moderator")
    for page in (ana, ben):
        page.set_viewport_size(LAPTOP)
        page.goto(f"{live_server}/staff/feedback/{comment_id}")

    ana.fill("#redaction-value", "The club bus was late every week.")
    ana.get_by_role("button", name="Save", exact=True).click()
    expect(ana.get_by_text("Changes saved")).to_be_visible()

    ben.get_by_label(theme, exact=True).check()
    ben.fill("#reject-value", "Ben was still thinking about this")
    ben.get_by_role("button", name="Save", exact=True).click()
    assert_intended_page(ben, status=409, heading="Comment")
    expect(ben.get_by_role("heading", name="Someone else saved this comment while you had it open")).to_be_visible()
    expect(ben.locator("#conflict")).to_contain_text("Redaction changed by moderator-")
    expect(ben.locator("#reject-value")).to_have_value("Ben was still thinking about this")
    expect(ben.locator("#redaction-value")).to_have_value("The club bus was late every week.")
    expect(ben.get_by_label(theme, exact=True)).to_be_checked()
    assert_accessible(ben, status=409)
    assert_no_horizontal_scroll(ben)

    ben.get_by_role("button", name="Save", exact=True).click()
    expect(ben.get_by_text("Changes saved")).to_be_visible()
    with live_flask_app.app_context():
        saved = db.session.get(Comment, comment_id)
        assert saved.redacted_text == "The club bus was late every week."
        assert theme in [t.name for t in saved.themes]  # with the suggestions he left ticked
