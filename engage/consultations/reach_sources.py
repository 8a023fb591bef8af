"""What consultations give reach (engage.reach.sources): one activity per consultation, counting the people who
commented on it (one per comment kept, rejected ones aside), in SQL. Comments carry no equality answers, so reach
shows them as "not stated"; survey responses stay counted under their survey's own activity (counting them here
as well would count the same people twice in reach's totals)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from engage.consultations.models import Consultation
from engage.extensions import db
from engage.feedback.models import Comment, CommentStatus, Topic
from engage.reach.sources import ParticipationTally, register_participation_counter, register_participation_version

SOURCE = "consultations"
PATH_PREFIX = "/consultations/"


def activity_id(slug: str) -> str:
    return f"consultation:{slug}"


def count_participations(since: datetime | None, until: datetime | None, tally: ParticipationTally) -> None:
    """People who commented on each consultation in [since, until), one GROUP BY query."""
    where = [Comment.topic == Topic.consultation, Comment.status != CommentStatus.rejected,
             Comment.about.startswith(PATH_PREFIX)]  # fmt: skip
    where += [Comment.created_at >= since] if since is not None else []
    where += [Comment.created_at < until] if until is not None else []
    rows = db.session.execute(select(Comment.about, func.count()).where(*where).group_by(Comment.about)).all()
    titles = dict(db.session.execute(select(Consultation.slug, Consultation.title)).all())
    for about, count in rows:
        slug = about.removeprefix(PATH_PREFIX)
        if slug in titles:
            tally.add_people(activity_id(slug), None, count, titles[slug])


def participation_version() -> list:
    """Changes whenever the people counted might: a consultation comment added, rejected or erased (each bumps its
    updated_at), or a consultation added or renamed. Without it reports would count every view (no version)."""
    comments = select(func.count(), func.max(Comment.id), func.max(Comment.updated_at)).where(
        Comment.topic == Topic.consultation
    )
    count, largest, changed = db.session.execute(comments).one()
    consultations = db.session.execute(select(func.count(), func.max(Consultation.updated_at))).one()
    return [count, largest, str(changed), consultations[0], str(consultations[1])]


def register() -> None:
    register_participation_counter(SOURCE, count_participations)
    register_participation_version(SOURCE, participation_version)
