"""Free-text survey answers join the moderation queue as private comments.

So every answer typed in a survey is analysed like a comment (language, sentiment, themes, redaction), counts in
the themes leaders read, and a safeguarding concern written in a survey reaches a person at once. They are stored
with the response, in its transaction, and analysed once it is stored: a failing analysis leaves them pending for
`feedback reanalyse`, and the response itself is never at risk. Survey respondents were not asked about
publication, so these comments are never published. An answer with nothing for a moderator to do (analysed, no
concern, in English) is filed at once, so a large survey does not bury the open queue; a concern or an answer
to translate waits there as "new".
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, select, update

from engage.extensions import db
from engage.feedback.models import Comment, CommentStatus, PublishConsent, Topic

#: Bulk statements leave the session's objects alone (the purge runs in its own transaction, from cron).
BULK = {"execution_options": {"synchronize_session": False}}


def free_text_answers(response, survey) -> list[tuple[str, str]]:
    """(answer key, text) for each free-text answer in ``response``: text questions and "please specify" boxes."""
    answers = response.answers or {}
    found = []
    for question in survey.questions():
        keys = [question.id] if question.type == "text" else [question.other_key] if question.other else []
        for key in keys:  # a text question, or the "please specify" box of a choice
            value = answers.get(key)
            if isinstance(value, str) and value.strip():
                found.append((key, value.strip()))
    return found


def _needs_a_person(comment: Comment) -> bool:
    """A concern, or words in another language a moderator must translate before they can be read."""
    return comment.safeguarding_flagged or "needs-translation" in (comment.flags or [])


def record(response, survey) -> Callable[[], None] | None:
    """Add a comment per free-text answer to the submission's transaction; analyse them once it is stored."""
    from engage.feedback import service

    comments = [
        Comment(
            topic=Topic.survey,
            about=f"/surveys/{survey.id}",
            text=text,
            publish_consent=PublishConsent.private,
            content_hash=service.content_hash(text),
            survey_response_id=response.id,
            survey_question=question_id,
        )
        for question_id, text in free_text_answers(response, survey)
    ]
    if not comments:
        return None
    db.session.add_all(comments)

    def analyse() -> None:
        for comment in comments:
            # a failed analysis keeps the answer "new" (a person looks) and "failed" (retried later)
            if service.analyse(comment) and not _needs_a_person(comment):
                comment.status = CommentStatus.filed
        db.session.commit()

    return analyse


def forget_purged(due_responses) -> None:
    """Before survey responses are deleted for retention (engage.surveys.retention): their comments go too, except
    any that moderators published, which stay as published, no longer linked to the response."""
    published = Comment.survey_response_id.in_(due_responses) & (Comment.status == CommentStatus.published)
    db.session.execute(update(Comment).where(published).values(survey_response_id=None), **BULK)
    db.session.execute(delete(Comment).where(Comment.survey_response_id.in_(due_responses)), **BULK)


def held_by_open_concern():
    """Responses the retention purge keeps for now: a free-text answer holds a safeguarding concern nobody has acted
    on or dismissed yet (deleting it would destroy what the safeguarding team has still to read)."""
    open_concern = Comment.safeguarding_flagged.is_(True) & Comment.safeguarding_action.is_(None)
    return select(Comment.survey_response_id).where(Comment.survey_response_id.is_not(None), open_concern)
