"""Two workers seeding the shipped themes at the same moment (the first submissions of a new installation under
bench/load.py did): the one that loses the race carries on, so the family's submission never ends in a 500."""

from __future__ import annotations

from sqlalchemy import event, func, insert, select
from sqlalchemy.orm import Session

from engage.extensions import db
from engage.feedback import themes
from engage.feedback.models import Theme
from engage.insight import shipped_themes


def test_seeding_that_loses_the_race_to_another_worker_carries_on(app):
    first = shipped_themes()[0]

    def another_worker_seeds_first(session, _context, _instances):
        # Between this session's look at the table and its insert, another connection commits the same theme.
        with db.engine.begin() as other:
            other.execute(insert(Theme).values(slug=first["id"], name=first["name"], description=""))

    event.listen(Session, "before_flush", another_worker_seeds_first, once=True)
    try:
        themes.ensure_seeded()
    finally:
        if event.contains(Session, "before_flush", another_worker_seeds_first):
            event.remove(Session, "before_flush", another_worker_seeds_first)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Theme).where(Theme.slug == first["id"])) == 1
    themes.ensure_seeded()  # the next call adds what the lost race left out
    assert db.session.scalar(select(func.count()).select_from(Theme)) == len(shipped_themes())
