"""Replying to the family by email from the comment page (only where they left an address)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_login import current_user

from engage.auth.permissions import role_required
from engage.feedback import replies
from engage.feedback.staff_views import _act, bp


@bp.post("/<int:comment_id>/reply")
@role_required("moderator")
def reply(comment_id: int):
    """Saves what else was typed on the page with the reply, and nothing if the email cannot be sent."""
    return _act(comment_id, "reply", lambda c, f: replies.send_reply(c, f.value.data, current_user.id),
                _("Reply sent to the family"))  # fmt: skip
