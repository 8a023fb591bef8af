"""Bulk theme coding from the queue: tick comments, add or remove one theme on all of them at once."""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask import flash, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from engage.auth.permissions import role_required
from engage.feedback import service, workspace
from engage.feedback.staff_views import bp, bulk_form, queue_state, render_queue

BULK_ERRORS = {
    "no-selection": ("comments", _l("Tick at least one comment")),
    "no-theme": ("theme", _l("Choose a theme")),
    "gone": ("comments", _l("A ticked comment has been erased since the queue was shown: nothing was changed")),
}


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
            changed = workspace.code_in_bulk(form.comments.data or [], int(form.theme.data), adding)
        except service.ModerationError as error:
            field, message = BULK_ERRORS[str(error)]
            form[field].errors = [*form[field].errors, message]
            return render_queue(source, page, form, 400)
        flash(ngettext("%(num)s comment changed", "%(num)s comments changed", changed))
        return redirect(url_for("feedback_staff.queue", **state))
    if not form.comments.data:
        form.comments.errors = [BULK_ERRORS["no-selection"][1]]
    return render_queue(source, page, form, 400)
