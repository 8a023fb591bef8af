"""Bulk theme coding from the queue: tick comments, add or remove one theme on all of them at once."""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from engage.auth.permissions import role_required
from engage.concurrency import StaleEditError, seen_version
from engage.dates import long_datetime
from engage.extensions import db
from engage.feedback import conflicts, service, workspace
from engage.feedback.models import Comment
from engage.feedback.staff_views import bp, bulk_form, queue_state, render_queue

BULK_ERRORS = {
    "no-selection": ("comments", _l("Tick at least one comment")),
    "no-theme": ("theme", _l("Choose a theme")),
    "gone": ("comments", _l("A ticked comment has been erased since the queue was shown: nothing was changed")),
}


def _seen() -> dict[int, int]:
    """Each listed comment's version when the queue was drawn (the rows' hidden `bulk-seen-<id>`)."""
    found = {}
    for key, value in request.form.items():
        number, version = seen_version(key.removeprefix("bulk-seen-")), seen_version(value)
        if key.startswith("bulk-seen-") and number is not None and version is not None:
            found[number] = version
    return found


def _changed_since(ids: list[int], seen: dict[int, int]) -> list[str]:
    """One message per comment someone else saved since the queue was drawn: what they did, who, when."""
    messages = [_("Nothing was coded: someone else saved a ticked comment after the queue was shown. The queue "
                  "now shows it as it is and it is still ticked: check it, then press the button again.")]  # fmt: skip
    for comment_id in ids:
        comment = db.session.get(Comment, comment_id)
        done = "; ".join(
            _("%(what)s by %(who)s, %(when)s", what=d.what, who=d.who or _("someone"), when=long_datetime(d.at))
            for d in conflicts.since(comment, seen.get(comment_id, 0))
        )
        messages.append(_("Comment %(number)s: %(done)s.", number=comment_id, done=done or _("changed")))
    return messages


@bp.post("/bulk-themes")
@role_required("moderator")
def bulk_themes():
    form = bulk_form()
    source = dict(parse_qsl(form.queue.data or ""))
    state = queue_state(source)
    page = int(state.get("page", 1))
    if form.validate():
        try:
            adding = form.operation.data == "add"
            changed = workspace.code_in_bulk(form.comments.data or [], int(form.theme.data), adding, _seen())
        except (workspace.ChangedSinceShown, StaleEditError) as error:
            db.session.rollback()
            ids = error.ids if isinstance(error, workspace.ChangedSinceShown) else [error.record_id]
            form.comments.errors = [" ".join(_changed_since(ids, _seen()))]  # the summary shows one per field
            return render_queue(source, page, form, 409)
        except service.ModerationError as error:
            db.session.rollback()
            field, message = BULK_ERRORS[str(error)]
            form[field].errors = [*form[field].errors, message]
            return render_queue(source, page, form, 400)
        flash(ngettext("%(num)s comment changed", "%(num)s comments changed", changed))
        return redirect(url_for("feedback_staff.queue", **state))
    if not form.comments.data:
        form.comments.errors = [BULK_ERRORS["no-selection"][1]]
    return render_queue(source, page, form, 400)
