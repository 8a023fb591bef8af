"""The words staff read for the Local Offer's workflow codes (never `in_review` on a page)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from engage.localoffer.models import ChangeState, ServiceState

SERVICE_STATE_LABELS = {
    ServiceState.DRAFT: _l("Draft"),
    ServiceState.IN_REVIEW: _l("Waiting for review"),
    ServiceState.PUBLISHED: _l("Published"),
    ServiceState.ARCHIVED: _l("Archived"),
}
CHANGE_STATE_LABELS = {
    ChangeState.DRAFT: _l("Change being drafted"),
    ChangeState.IN_REVIEW: _l("Change waiting for review"),
}
#: What a version in a service's or a page's history records (ServiceRevision/EvergreenRevision.action).
REVISION_LABELS = {
    "created": _l("created"),
    "edited": _l("edited"),
    "change proposed": _l("change proposed"),
    "submitted for review": _l("sent for review"),
    "published": _l("published"),
    "sent back": _l("sent back to draft"),
    "change discarded": _l("change discarded"),
    "archived": _l("archived"),
    "restored": _l("restored from the archive"),
    "version restored": _l("earlier version restored"),
    "checked": _l("checked and still correct"),
    "imported": _l("imported"),
    "import proposed change": _l("change proposed by an import"),
    "imported and published": _l("imported and published"),
}


def revision_label(action: str) -> str:
    return str(REVISION_LABELS.get(action, action))


def days_label(byday: str | None) -> str:
    """An Open Referral UK schedule's days ("MO,TU,WE") as a family reads them: "Monday, Tuesday, Wednesday"."""
    from engage.localoffer.changes import DAYS  # changes imports the forms; labels stays light for models' users

    return ", ".join(str(DAYS.get(day.strip(), day.strip())) for day in (byday or "").split(",") if day.strip())


def state_label(state: ServiceState | ChangeState | None) -> str:
    if state is None:
        return ""
    labels = SERVICE_STATE_LABELS if isinstance(state, ServiceState) else CHANGE_STATE_LABELS
    return str(labels[state])
