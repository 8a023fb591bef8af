"""Two editors on one consultation or action: a save drawn from an older version writes nothing (409) and the
form comes back merged on top of the other person's save (engage.concurrency explains the version counter).

A consultation edit rewrites every field, and an action update sets the action's status: from a form opened
before someone else's save, either silently put the old values back."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import render_template, request
from flask_babel import lazy_gettext as _l

from engage.concurrency import Refusal, done_since, fingerprint, merge, seen_version

#: audit actions that move a consultation's or an action's version, in words
DONE = {
    "consultations.update": _l("Consultation edited"),
    "consultations.action.update": _l("Update posted"),
}


def posted_version() -> int | None:
    return seen_version(request.form.get("version"))


def drawn(version: int, data: Mapping) -> dict:
    """The hidden fields a form carries: the version and a fingerprint of each field it showed. A form posted
    back with a problem keeps the ones it was drawn from, so the problem does not hide someone else's save."""
    if request.method == "POST" and posted_version() is not None:
        return {"version": posted_version(), "shown": {k: request.form.get(f"shown-{k}", "") for k in data}}
    return {"version": version, "shown": {k: fingerprint(v) for k, v in data.items()}}


def refused_form(
    record, object_type: str, current: Mapping, typed, make_form: Callable[[dict], object], seen: int
) -> tuple[object, Refusal]:
    """(the form merged on top of what others saved, what to tell the person) after a refused save."""
    shown = {k: request.form.get(f"shown-{k}") for k in current}
    merged, theirs, both = merge(shown, current, typed.data, list(current))
    form = make_form(merged)
    labels = [[str(form[name].label.text) for name in names] for names in (theirs, both)]
    return form, Refusal(done_since(object_type, record.id, DONE, seen), *labels)


def render_refused(template: str, record, current: Mapping, form, refusal: Refusal, title, **context):
    hidden = {"version": record.version, "shown": {k: fingerprint(v) for k, v in current.items()}}
    return render_template(template, form=form, refusal=refusal, conflict_title=title, **hidden, **context), 409
