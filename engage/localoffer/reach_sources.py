"""What the Local Offer gives digests (engage.reach.sources): published entries whose review date has come,
one due item each, for moderators and admins, linking to the entry's staff page. Entries without a review date are not
listed here (the staff "due for review" page shows them)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import sqlalchemy as sa

from engage.extensions import db
from engage.localoffer import models as m
from engage.localoffer.search import published
from engage.reach.sources import DueItem, register_due_source

SOURCE = "localoffer"
#: who may open the staff page (engage.localoffer.staff_views.STAFF), so admins' "reviews" digests fill too
REVIEWERS = ("moderator", "admin")


def due_items(today: date) -> Iterator[DueItem]:
    """Published entries due for review on or before `today`, the longest overdue first."""
    rows = db.session.execute(
        sa.select(m.Service.id, m.Service.name, m.Service.review_due)
        .where(published(), m.Service.review_due <= today)
        .order_by(m.Service.review_due, m.Service.name)
    )
    for service_id, name, review_due in rows:
        yield DueItem(
            kind="review",
            title=name,
            due_on=review_due,
            roles=REVIEWERS,
            path=f"/staff/local-offer/services/{service_id}",
        )


def register() -> None:
    register_due_source(SOURCE, due_items)
