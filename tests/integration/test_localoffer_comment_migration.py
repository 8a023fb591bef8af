"""The migration that moves Local Offer comments into the feedback queue keeps every comment and what was decided."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from engage.extensions import db
from engage.feedback import service
from engage.feedback.models import AnalysisStatus, Comment, CommentStatus, Regulation56, RejectionCategory, Topic

#: The Local Offer tables revision, and the one that merges its comments into feedback (the lead re-chains on merge).
BEFORE = "7c3a52e1d9b4"
MERGED = "7c1d5e0a9b42"

OLD_ROWS = [
    # page_path, useful, text, out_of_date, code, status, theme, response, action, exclusion_reason
    ("/local-offer", 0, "Nothing about holiday clubs for teenagers", 0, None, "new", "", "", "", ""),
    ("/local-offer/pages/travel-assistance", 0, "Too long to read", 0, "b", "published",
     "Pages are hard to read", "We shortened them.", "Easy-read versions by May.", ""),
    ("/local-offer/services/abc", None, "About my own son's plan", 0, "a", "excluded", "", "", "", "individual case"),
    ("/local-offer", None, "Rubbish rubbish rubbish", 0, None, "excluded", "", "", "", "vexatious"),
    ("/local-offer/services/def", 1, "", 1, None, "new", "", "", "", ""),
]  # fmt: skip


def _insert_old_rows() -> None:
    with db.engine.begin() as connection:
        for n, row in enumerate(OLD_ROWS):
            connection.execute(
                text(
                    "INSERT INTO lo_comment (created_at, page_path, useful, text, out_of_date, code, status, theme,"
                    " response, action, exclusion_reason, moderated_at) VALUES (:created, :path, :useful, :text,"
                    " :ood, :code, :status, :theme, :response, :action, :reason, :moderated)"
                ),
                dict(
                    zip(
                        ("path", "useful", "text", "ood", "code", "status", "theme", "response", "action", "reason"),
                        row,
                        strict=True,
                    ),
                    created=f"2025-0{n + 1}-10 09:00:00",
                    moderated=f"2025-0{n + 1}-20 09:00:00" if row[5] != "new" else None,
                ),
            )


def test_given_old_local_offer_comments_when_upgraded_then_they_are_feedback_comments_and_the_old_table_is_gone(
    migrating_app,
):
    upgrade(revision=BEFORE)
    _insert_old_rows()
    upgrade(revision=MERGED)
    assert "lo_comment" not in inspect(db.engine).get_table_names()
    upgrade()  # later revisions only add columns; the ORM reads today's schema
    moved = {c.text: c for c in db.session.scalars(select(Comment).order_by(Comment.id))}
    assert len(moved) == len(OLD_ROWS)
    assert all(c.topic == Topic.local_offer for c in moved.values())

    waiting = moved["Nothing about holiday clubs for teenagers"]
    assert waiting.status == CommentStatus.new and waiting.analysis_status == AnalysisStatus.pending
    assert waiting.about == "/local-offer" and waiting.page_useful is False and waiting.redacted_text is None

    published = moved["Too long to read"]
    assert published.status == CommentStatus.published and published.regulation_56 == Regulation56.accessibility
    assert published.redacted_text == "Pages are hard to read" and published.redaction_adjusted
    assert published.response == "We shortened them." and published.intended_action == "Easy-read versions by May."
    assert published.published_at.isoformat().startswith("2025-02-20")

    case = moved["About my own son's plan"]
    assert case.status == CommentStatus.individual_case and case.regulation_56 == Regulation56.content
    vexatious = moved["Rubbish rubbish rubbish"]
    assert vexatious.status == CommentStatus.rejected
    assert vexatious.rejection_category == RejectionCategory.vexatious
    empty = next(c for c in moved.values() if c.about == "/local-offer/services/def")
    assert empty.out_of_date and empty.page_useful is True and empty.text.startswith("(no comment")

    # Analysis follows the move, like any comment whose analysis is pending; a moderator's redaction is kept.
    service.reanalyse_pending()
    db.session.expire_all()
    assert db.session.get(Comment, waiting.id).analysis_status == AnalysisStatus.done
    assert db.session.get(Comment, waiting.id).redacted_text
    assert db.session.get(Comment, published.id).redacted_text == "Pages are hard to read"


def test_given_the_merged_schema_when_downgraded_then_the_old_table_returns_and_comments_stay(migrating_app):
    upgrade(revision=BEFORE)
    _insert_old_rows()
    upgrade(revision=MERGED)
    downgrade(revision=BEFORE)
    assert "lo_comment" in inspect(db.engine).get_table_names()
    columns = {c["name"] for c in inspect(db.engine).get_columns("feedback_comments")}
    assert "regulation_56" not in columns
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM feedback_comments")) == len(OLD_ROWS)
    upgrade(revision=MERGED)
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM feedback_comments")) == len(OLD_ROWS)


def test_given_coded_comments_when_later_revisions_rebuild_the_comments_table_then_codes_survive(migrating_app):
    """SQLite rebuilds a table to add a foreign key; with foreign keys on, that used to wipe the theme codes."""
    upgrade(revision=MERGED)
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO feedback_themes (slug, name, description, retired, created_at)"
                                " VALUES ('transport', 'Transport', '', 0, '2026-01-01 00:00:00')"))  # fmt: skip
        connection.execute(text("INSERT INTO feedback_comments (topic, text, publish_consent, status, analysis_status,"
                                " content_hash, created_at, updated_at, flags, suggested_themes, personal_details,"
                                " explanation, redaction_adjusted, safeguarding_flagged, safeguarding_alert_attempts,"
                                " out_of_date) VALUES ('general', 'The taxi was late', 'private', 'new', 'done', 'x',"
                                " '2026-01-02 00:00:00', '2026-01-02 00:00:00', '[]', '[]', '[]', '[]', 0, 0, 0,"
                                " 0)"))  # fmt: skip
        connection.execute(text("INSERT INTO feedback_comment_themes (comment_id, theme_id) VALUES (1, 1)"))

    def codes() -> int:
        with db.engine.connect() as connection:
            return connection.scalar(text("SELECT count(*) FROM feedback_comment_themes"))

    upgrade()
    assert codes() == 1
    downgrade(revision=MERGED)
    assert codes() == 1
    with db.engine.connect() as connection:  # foreign keys are on again for the application's connections
        assert connection.scalar(text("PRAGMA foreign_keys")) == 1
