"""Role checks for staff views: anonymous visitors go to the login page; a wrong role is refused and audited."""

from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user

from engage.audit import record_audit


def role_required(*roles: str):
    """Allow only signed-in staff holding one of `roles` (values of engage.auth.models.Role)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if not current_user.has_role(*roles):
                record_audit("access.denied", "endpoint", request.endpoint, path=request.path)
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = roles
        return wrapped

    return decorator
