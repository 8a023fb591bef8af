"""A comment's history in words: what moderators did to it and when, and every reply sent to the family.

Read from the audit log (which holds no free text) and the replies kept with the comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from engage.audit import AuditEvent
from engage.auth.models import User
from engage.extensions import db
from engage.feedback.models import Comment, CommentReply

#: Audit actions on a comment, as the history names them (views of the page are left out: they change nothing).
ACTIONS = {
    "feedback.comment.redact": _l("Redaction changed"),
    "feedback.comment.themes": _l("Themes coded"),
    "feedback.comment.themes.bulk": _l("Themes coded with other comments"),
    "feedback.comment.translate": _l("English translation changed"),
    "feedback.comment.regulation_56": _l("Regulation 56(1) code changed"),
    "feedback.comment.sentiment": _l("Sentiment corrected"),
    "feedback.comment.publish": _l("Published"),
    "feedback.comment.reject": _l("Rejected"),
    "feedback.comment.individual_case": _l("Passed on as an individual case"),
    "feedback.comment.file": _l("Filed with its survey response"),
    "feedback.comment.safeguarding_flag": _l("Safeguarding concern raised"),
    "feedback.comment.safeguarding_action": _l("Safeguarding action recorded"),
    "feedback.comment.safeguarding_dismiss": _l("Recorded as not a safeguarding concern"),
    "feedback.comment.reply": _l("Reply emailed to the family"),
}


@dataclass(frozen=True)
class Entry:
    at: datetime
    what: str
    who: str | None
    #: the reply's words, for a reply
    reply: CommentReply | None = None


def of_comment(comment: Comment) -> list[Entry]:
    """Newest first."""
    rows = db.session.execute(
        select(AuditEvent, User.email)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.object_type == "comment", AuditEvent.object_id == str(comment.id))
        .where(AuditEvent.action.in_(ACTIONS), AuditEvent.action != "feedback.comment.reply")
    ).all()
    entries = [Entry(event.occurred_at, str(ACTIONS[event.action]), name) for event, name in rows]
    senders = [reply.sent_by_id for reply in comment.replies if reply.sent_by_id]
    names = dict(db.session.execute(select(User.id, User.email).where(User.id.in_(senders))).all())
    reply_said = str(ACTIONS["feedback.comment.reply"])
    entries += [Entry(reply.sent_at, reply_said, names.get(reply.sent_by_id), reply) for reply in comment.replies]
    return sorted(entries, key=lambda e: e.at, reverse=True)
