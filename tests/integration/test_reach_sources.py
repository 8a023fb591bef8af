"""The real sources behind reach, reports and digests: survey responses and drop-off, comment insights,
comments waiting for moderation and Local Offer entries due for review — and nothing from behind the moderation
boundary (raw words, unpublished text, contact details) ever reaching a dashboard or a leader's digest."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from engage.clock import utcnow
from engage.digests.compose import compose
from engage.digests.render import render_digest
from engage.digests.service import SECTIONS
from engage.extensions import db
from engage.feedback import service as feedback
from engage.feedback.models import CommentStatus
from engage.localoffer import models as m
from engage.localoffer import service as localoffer
from engage.localoffer.demo import demo_documents
from engage.reach import sources
from engage.reach.periods import period_containing
from engage.reach.report import build_reach
from engage.surveys import service as surveys
from tests.integration.surveys_helpers import use_test_surveys

PUBLISHED_TEXT = "The short breaks service in Castle ward was brilliant, thank you."
FLAGGED_TEXT = "Zebrawood tangerine: my neighbour hits his son and nobody at the Kestrel Centre listens."
PRIVATE_TEXT = "Marmalade quartz: the Kestrel Centre waiting list took eleven months and nobody rang back."


@pytest.fixture
def registry(app):
    use_test_surveys(app)
    return surveys.registry()


def _respond(survey, answers_by_page: dict[str, dict], *, language="en", src=None, submit=True):
    draft = surveys.start(survey, language=language, src=src)
    for page_id, values in answers_by_page.items():
        surveys.save_page(draft, survey.page(page_id), values)
    if submit:
        return surveys.submit(draft, survey, draft.submission_token)
    return draft


def _given_two_standard_responses(registry):
    survey = registry.get("test-standard")
    about = {"ward": "castle", "child_ethnicity": "asian_pakistani", "relationship": "parent"}
    _respond(survey, {"about": about}, language="pl", src="school-newsletter")
    _respond(survey, {"about": {"ward": "northgate", "child_ethnicity": "prefer_not"}})
    return survey


def _given_comments():
    """One published, one flagged for safeguarding and left open, one the family asked to keep private."""
    published = feedback.submit_comment(topic="service", text=PUBLISHED_TEXT, publish_consent="anonymous")
    feedback.publish(published, "Thank you: we have shared this with the short breaks team.")
    flagged = feedback.submit_comment(
        topic="service", text=FLAGGED_TEXT, publish_consent="anonymous", contact_email="parent@example.invalid"
    )
    feedback.flag_safeguarding(flagged)
    private = feedback.submit_comment(
        topic="local_offer", text=PRIVATE_TEXT, publish_consent="private", contact_phone="07700 900123"
    )
    return published, flagged, private


def _words_never_shown(text: str) -> None:
    for secret in ("Zebrawood", "tangerine", "Marmalade", "quartz", "parent@example.invalid", "07700"):
        assert secret not in text


# --------------------------------------------------------------------------- surveys


def test_given_submitted_responses_then_each_is_counted_once_with_its_reach_answers(registry):
    # Given two submitted responses and one draft never submitted
    survey = _given_two_standard_responses(registry)
    _respond(survey, {"about": {"ward": "abbey"}}, submit=False)
    # When the registry is counted (in SQL, from the narrow table of reach answers)
    tally = sources.participation_tally()
    # Then each submitted response is one person, by survey and channel
    assert tally.people == {("survey:test-standard", "school-newsletter"): 1, ("survey:test-standard", "direct"): 1}
    assert tally.titles["survey:test-standard"] == "Standard questions test survey"
    # and counted under the options chosen in questions carrying `reach:` (reach normalises asian_pakistani)
    assert tally.answers["ward"] == {
        ("survey:test-standard", "school-newsletter", "castle"): 1,
        ("survey:test-standard", "direct", "northgate"): 1,
    }
    assert tally.answers["ethnicity"] == {
        ("survey:test-standard", "school-newsletter", "asian_pakistani"): 1,
        ("survey:test-standard", "direct", "prefer_not"): 1,
    }


def test_given_responses_then_the_reach_report_counts_them_by_group(registry):
    _given_two_standard_responses(registry)
    report = build_reach(sources.participation_tally(), None)
    assert report.respondents.value == 2
    ethnicity = {row.group: row.respondents.value for row in report.table("ethnicity").overall}
    assert ethnicity["asian"] == 1 and ethnicity["not_stated"] == 1  # prefer_not is not stated
    ward = {row.group: row.respondents.value for row in report.table("ward").overall}
    assert ward["castle"] == ward["northgate"] == 1


def test_given_a_window_then_only_responses_submitted_in_it(registry):
    _given_two_standard_responses(registry)
    now = utcnow()
    assert sum(sources.participation_tally(now - timedelta(hours=1), now + timedelta(hours=1)).people.values()) == 2
    assert not sources.participation_tally(now + timedelta(hours=1), None).people
    assert not sources.participation_tally(None, now - timedelta(hours=1)).answers


def test_given_drafts_stopping_on_different_pages_then_drop_off_counts_who_reached_each_page(registry):
    # Given three people start the three-page survey: one leaves on page 1, one after page 1, one submits
    survey = registry.get("test-basic")
    _respond(survey, {}, submit=False)
    _respond(survey, {"first": {"colour": "red"}}, submit=False)
    _respond(survey, {"first": {"colour": "blue"}, "second": {"children": 2}, "third": {"rating": "4"}})
    # When drop-off is read
    pages = [d for d in sources.page_dropoffs() if d.activity_id == "survey:test-basic"]
    # Then all three reached page 1, two reached page 2 and one reached page 3
    assert [(d.page_id, d.position, d.reached) for d in pages] == [("first", 1, 3), ("second", 2, 2), ("third", 3, 1)]
    assert sources.page_dropoffs(utcnow() + timedelta(hours=1), None) == []


def test_given_survey_responses_when_a_moderator_opens_reports_then_the_survey_activity_is_shown(
    client, auth, registry
):
    _given_two_standard_responses(registry)
    auth.login("moderator")
    page = client.get("/staff/reports/").text
    assert "Standard questions test survey" in page


# --------------------------------------------------------------------------- feedback


def test_given_comments_then_counts_carry_themes_and_sentiment_and_only_a_published_quote(app):
    # Given a published comment, a flagged one and a private one
    published, flagged, private = _given_comments()
    # When the registry is counted
    tally = sources.comment_tally()
    # Then every analysed comment is counted, by topic, with the engine's themes standing in
    assert tally.total() == 3
    assert {key[0] for key in tally.comments} == {"comments:service", "comments:local_offer"}
    assert tally.languages() == {"en"}
    local_offer = {key[3]: n for key, n in tally.mentions.items() if key[0] == "comments:local_offer"}
    assert local_offer == dict.fromkeys(private.suggested_themes, 1)
    # and only the published comment is quoted, redacted; no raw words or contact details anywhere
    assert [c.quote for c in tally.quotes] == [published.redacted_text]
    _words_never_shown(repr(tally))


def test_given_filters_then_only_the_comments_they_keep_are_counted(app):
    published, flagged, private = _given_comments()
    theme = private.suggested_themes[0]
    assert sources.comment_tally(filters=sources.CommentFilters(activity="comments:local_offer")).total() == 1
    assert sources.comment_tally(filters=sources.CommentFilters(activity="survey:x")).total() == 0
    assert sources.comment_tally(filters=sources.CommentFilters(language="pl")).total() == 0
    kept = sources.comment_tally(filters=sources.CommentFilters(theme=theme))
    everything = sources.comment_tally()
    assert kept.total() == sum(n for key, n in everything.mentions.items() if key[3] == theme) >= 1


def test_given_a_moderator_confirms_themes_then_those_replace_the_suggestions(app):
    from engage.feedback import themes

    comment = feedback.submit_comment(topic="general", text=PRIVATE_TEXT, publish_consent="private")
    themes.ensure_seeded()
    chosen = themes.active_themes()[:2]
    feedback.set_themes(comment, [t.id for t in chosen])
    tally = sources.comment_tally()
    assert tally.total() == 1
    assert tally.themes() == {t.slug for t in chosen}
    # and the theme filter follows the moderator's themes, not the engine's suggestions
    dropped = set(comment.suggested_themes) - {t.slug for t in chosen}
    for slug in dropped:
        assert sources.comment_tally(filters=sources.CommentFilters(theme=slug)).total() == 0
    assert sources.comment_tally(filters=sources.CommentFilters(theme=chosen[0].slug)).total() == 1


def test_given_comments_waiting_then_one_moderation_item_per_state_for_moderators(app):
    # Given a published comment, two a moderator has started on (flagged, redaction adjusted) and one new
    _, flagged, private = _given_comments()
    feedback.adjust_redaction(private, private.redacted_text + " ")
    fresh = feedback.submit_comment(topic="general", text="A brand new comment.", publish_consent="private")
    assert (fresh.status, flagged.status, private.status) == (CommentStatus.new, *[CommentStatus.in_review] * 2)
    # When the due items are read
    items = [i for i in sources.due_items(date.today()) if i.kind == "moderation"]
    # Then one line per state says how many wait, for moderators only, linking to the filtered queue
    assert [str(i.title) for i in items] == ["1 new comment waiting for moderation", "2 comments in moderation"]
    assert all(i.roles == ("moderator",) for i in items)
    assert [i.path for i in items] == ["/staff/feedback/?status=new", "/staff/feedback/?status=in_review"]
    assert items[0].due_on == fresh.created_at.date()


def test_a_flagged_or_unpublished_comments_words_never_reach_the_dashboard_or_a_leaders_digest(
    app, client, auth, registry
):
    # Given survey responses and comments, one flagged and one private
    _given_two_standard_responses(registry)
    published, _, _ = _given_comments()
    # When a moderator and a leader open the dashboard, and a leader's digest is rendered
    auth.login("moderator")
    moderator_page = client.get("/staff/reports/").text
    auth.logout()
    auth.login("leader")
    leader_page = client.get("/staff/reports/").text
    today = utcnow().date()
    digest = compose("leader", list(SECTIONS), period_containing("month", today), today)
    rendered = render_digest(digest, "en", "token")
    # Then the published, redacted quote may appear, but never the other comments' words or contact details
    assert published.redacted_text in leader_page
    for text in (moderator_page, leader_page, rendered.text, rendered.html):
        _words_never_shown(text)
    assert "waiting for moderation" not in rendered.text


# --------------------------------------------------------------------------- local offer


def test_given_published_entries_past_their_review_date_then_each_is_due_for_review(app):
    localoffer.import_data(demo_documents(3), True, None)
    services = db.session.query(m.Service).order_by(m.Service.name).all()
    today = date(2026, 11, 22)
    for service in services:
        service.review_due = today + timedelta(days=30)
    overdue = services[0]
    overdue.review_due = today - timedelta(days=3)
    draft = services[1]
    draft.review_due, draft.state = today - timedelta(days=10), m.ServiceState.DRAFT
    db.session.commit()
    items = [i for i in sources.due_items(today) if i.kind == "review"]
    assert [(i.title, i.due_on, i.path) for i in items] == [
        (overdue.name, overdue.review_due, f"/staff/local-offer/services/{overdue.id}")
    ]
    assert "moderator" in items[0].roles and "leader" not in items[0].roles


@pytest.mark.parametrize("when", [None, datetime(2020, 1, 1)])
def test_with_nothing_stored_every_source_is_empty(app, when):
    assert sources.participation_tally(when, None) == sources.ParticipationTally()
    assert sources.comment_tally(when, None) == sources.CommentTally()
    assert sources.page_dropoffs(when, None) == []
    assert sources.due_items(date(2026, 11, 22)) == []


def test_given_coded_comments_when_a_moderator_opens_reports_then_themes_show_by_name_renamed_ones_as_renamed(
    client, auth
):
    from engage.feedback import themes
    from engage.reports.themes import shipped_names

    # Given comments coded with two shipped themes, one of which moderators renamed
    themes.ensure_seeded()
    kept, renamed = themes.active_themes()[:2]
    for n in range(3):
        text = f"{PRIVATE_TEXT} Visit {n}."
        comment = feedback.submit_comment(topic="general", text=text, publish_consent="private")
        feedback.set_themes(comment, [kept.id, renamed.id])
    themes.rename_theme(renamed, "Our own name for it")
    # When a moderator opens the dashboard
    auth.login("moderator")
    page = client.get("/staff/reports/?period=all").text
    # Then the shipped theme shows its (translatable) name and the renamed one the moderators' name, not ids
    assert shipped_names()[kept.slug] in page
    assert "Our own name for it" in page
    assert f">{kept.slug}<" not in page and f">{renamed.slug}<" not in page
