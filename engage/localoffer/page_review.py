"""Information pages go through the same review as services: an edit is a proposed change, a second person
publishes it, and every step is kept with the page before and after (readable diff, restore)."""

from __future__ import annotations

import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from engage.audit import record_audit
from engage.extensions import db
from engage.localoffer import models as m
from engage.localoffer import pagecache
from engage.localoffer.service import WorkflowError, actor_id, actor_name, two_person_publish

FIELDS = ("title", "body", "owner", "review_due")
#: steps that write content, and steps after which nothing is pending
CONTENT_ACTIONS = frozenset({"change proposed", "version restored"})
SETTLED_ACTIONS = frozenset({"published", "change discarded"})


def snapshot(page: m.EvergreenPage) -> dict[str, str]:
    """The page's content as stored in its history (dates as ISO text)."""
    return {"title": page.title, "body": page.body, "owner": page.owner, "review_due": page.review_due.isoformat()}


def editable(page: m.EvergreenPage) -> dict[str, Any]:
    """What an editor starts from: the proposed change if there is one, else the live page."""
    return as_form(page.pending_data or snapshot(page))


def as_form(stored: dict[str, str]) -> dict[str, Any]:
    """A stored version as the edit form holds it (the review date as a date)."""
    data = dict(stored)
    data["review_due"] = datetime.date.fromisoformat(data["review_due"])
    return data


def _record(page: m.EvergreenPage, action: str, actor: Any, after: dict, before: dict | None) -> None:
    number = (
        db.session.scalar(
            sa.select(sa.func.max(m.EvergreenRevision.number)).where(m.EvergreenRevision.page_id == page.id)
        )
        or 0
    ) + 1
    db.session.add(
        m.EvergreenRevision(
            page_id=page.id,
            number=number,
            actor_id=actor_id(actor),
            actor_name=actor_name(actor),
            action=action,
            snapshot=after,
            previous=before,
        )
    )
    # field names only: no free text in the audit log
    changed = [k for k in FIELDS if (before or {}).get(k) != after.get(k)]
    record_audit(
        f"localoffer.evergreen.{action.replace(' ', '_')}",
        "lo_evergreen_page",
        page.id,
        actor_id=actor_id(actor),
        commit=False,
        slug=page.slug,
        changed=changed,
    )


def propose(page: m.EvergreenPage, fields: dict[str, Any], actor: Any, action: str = "change proposed") -> bool:
    """Keep an edit as the page's proposed change. Returns False when it changes nothing."""
    before = page.pending_data or snapshot(page)
    after = {k: (v.strip() if isinstance(v, str) else v.isoformat()) for k, v in ((k, fields[k]) for k in FIELDS)}
    if after == before:
        return False
    page.pending_data = after
    _record(page, action, actor, after, before)
    db.session.commit()
    return True


def contributors(page: m.EvergreenPage) -> set[int | None]:
    """Everyone who wrote part of the pending change."""
    found: set[int | None] = set()
    for revision in db.session.scalars(
        sa.select(m.EvergreenRevision)
        .where(m.EvergreenRevision.page_id == page.id)
        .order_by(m.EvergreenRevision.number.desc())
    ):
        if revision.action in SETTLED_ACTIONS:
            break
        if revision.action in CONTENT_ACTIONS:
            found.add(revision.actor_id)
    return found


def publish(page: m.EvergreenPage, actor: Any, today: datetime.date) -> None:
    """A second person publishes the proposed change; publishing counts as reviewing the page today. A draft
    that needs the area's content may also be published as it stands, once someone has read it."""
    if not page.pending_data and not page.needs_content:
        raise WorkflowError(_l("There is no proposed change to publish."))
    if two_person_publish() and actor_id(actor) is not None and actor_id(actor) in contributors(page):
        raise WorkflowError(_l("You wrote part of this change, so someone else must check and publish it."))
    before, after = snapshot(page), dict(page.pending_data or snapshot(page))
    page.title, page.body, page.owner = after["title"], after["body"], after["owner"]
    page.review_due = datetime.date.fromisoformat(after["review_due"])
    page.reviewed_on = today
    page.pending_data = None
    page.needs_content = False
    pagecache.clear()
    _record(page, "published", actor, after, before)
    db.session.commit()


def discard(page: m.EvergreenPage, actor: Any) -> None:
    if not page.pending_data:
        raise WorkflowError(_l("There is no proposed change to discard."))
    before = page.pending_data
    page.pending_data = None
    _record(page, "change discarded", actor, snapshot(page), before)
    db.session.commit()


def restore(page: m.EvergreenPage, number: int, actor: Any) -> None:
    """An earlier version becomes the proposed change (a second person publishes it)."""
    revision = db.session.scalar(
        sa.select(m.EvergreenRevision).where(
            m.EvergreenRevision.page_id == page.id, m.EvergreenRevision.number == number
        )
    )
    if revision is None:
        raise WorkflowError(_l("That version cannot be restored."))
    fields = dict(revision.snapshot)
    fields["review_due"] = datetime.date.fromisoformat(fields["review_due"])
    if not propose(page, fields, actor, "version restored"):
        raise WorkflowError(_l("That version is what the page already holds."))
