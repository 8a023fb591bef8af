"""The moderators' queue and comment page, theme management, exports, and subject access (under /staff/feedback)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from markupsafe import Markup

from engage.audit import record_audit
from engage.auth.permissions import role_required
from engage.concurrency import StaleEditError, seen_version
from engage.extensions import db
from engage.feedback import conflicts, exports, history, queries, service, themes, workspace
from engage.feedback.forms import (
    FLAG_LABELS,
    REGULATION_56_LABELS,
    REJECTION_LABELS,
    SENTIMENT_LABELS,
    SEVERITY_LABELS,
    STAFF_TOPIC_LABELS,
    STATUS_LABELS,
    BulkThemesForm,
    ConfirmForm,
    PublishForm,
    QueueFilterForm,
    Regulation56Form,
    RejectForm,
    SentimentForm,
    TextForm,
    ThemesForm,
)
from engage.feedback.models import Comment, RejectionCategory
from engage.feedback.words import detail_label, explain, language_name
from engage.plain_text import neutralise_direction_controls
from engage.request_values import MAX_PAGE, page_number

bp = Blueprint("feedback_staff", __name__, url_prefix="/staff/feedback", template_folder="templates")

MODERATION_ERRORS = {
    "closed": _l("This comment has already been published, rejected, passed on or filed with its survey response"),
    "no-consent": _l("The family asked for this comment not to be published"),
    "no-redaction": _l("Check the redacted text before publishing: it is empty"),
    "safeguarding-open": _l("Record what was done about the safeguarding concern first"),
    "not-survey": _l("Only a survey answer can be filed with its response"),
    "no-response": _l("Enter the area's response"),
    "no-reason": _l("Enter a reason"),
    "no-service": _l("Enter the service it was passed to"),
    "no-action": _l("Enter what was done"),
    "no-sentiment": _l("Choose the sentiment"),
    "no-open-concern": _l("There is no open safeguarding concern on this comment"),
    "no-code": _l("Code the comment to regulation 56(1) before publishing"),
    "no-email": _l("The family left no email address to reply to"),
    "no-reply": _l("Enter your reply"),
    "changed-since-preview": _l("You changed what families will see since the preview: preview it again"),
    "not-sent": _l("The email could not be sent, so nothing was saved: try again in a few minutes"),
}
LABELS = {
    "topic": STAFF_TOPIC_LABELS,
    "status": STATUS_LABELS,
    "sentiment": SENTIMENT_LABELS,
    "flag": FLAG_LABELS,
    "regulation": REGULATION_56_LABELS,
    "rejection": REJECTION_LABELS,
    "severity": SEVERITY_LABELS,
}


def _comment(comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.erased_at is not None:
        abort(404)
    return comment


def highlight(text: str, spans: list[dict]) -> list[tuple[str, str | None]]:
    """The text cut into (piece, personal-detail kind or None), for marking details on the page."""
    pieces, at = [], 0
    for span in sorted(spans or [], key=lambda s: s["start"]):
        start, end = max(span["start"], at), min(span["end"], len(text))
        if start >= end:
            continue
        pieces += [(text[at:start], None), (text[start:end], span["kind"])]
        at = end
    return [piece for piece in [*pieces, (text[at:], None)] if piece[0]]


def _filter_form(filters: queries.QueueFilters) -> QueueFilterForm:
    form = QueueFilterForm(data=filters.__dict__)
    any_ = [("", _("Any"))]
    form.status.choices = [("open", _("Waiting (new or in review)")), ("all", _("Any"))] + [
        (s.value, label) for s, label in STATUS_LABELS.items()
    ]
    form.topic.choices = any_ + [(t.value, label) for t, label in STAFF_TOPIC_LABELS.items()]
    form.language.choices = any_ + [(code, language_name(code)) for code in queries.languages()]
    form.sentiment.choices = any_ + list(SENTIMENT_LABELS.items())
    form.theme.choices = any_ + [(t.slug, t.name) for t in themes.active_themes()]
    form.flag.choices = any_ + list(FLAG_LABELS.items())
    form.regulation.choices = (
        any_
        + [(code.name, label) for code, label in REGULATION_56_LABELS.items()]
        + [("uncoded", _("Local Offer comments not coded yet"))]
    )
    form.age.choices = any_ + [
        (str(d), ngettext("Older than %(num)s day", "Older than %(num)s days", d)) for d in queries.AGES
    ]
    return form


def queue_state(source: Mapping) -> dict[str, str]:
    """The queue's filters, search, order and page as query-string values: carried to each comment and back, so
    "Back to the queue" and "Save and next" keep where the moderator was."""
    state = queries.QueueFilters.from_args(source).args()
    page = str(source.get("page") or "")
    if page.isascii() and page.isdigit() and 1 < int(page) <= MAX_PAGE:
        state["page"] = page
    return state


def _posted_state() -> dict[str, str]:
    return queue_state(dict(parse_qsl(request.form.get("queue", ""))))


@bp.route("/")
@role_required("moderator")
def queue():
    return render_queue(request.args, page_number())


def render_queue(source: Mapping, page: int, bulk: BulkThemesForm | None = None, status: int = 200):
    """The queue for these filters and page (`bulk`: the bulk coding form as posted, with its errors)."""
    filters = queries.QueueFilters.from_args(source)
    total = queries.count(filters)
    state = queue_state(source)
    return render_template(
        "feedback/staff/queue.html",
        form=_filter_form(filters),
        bulk=bulk or bulk_form(),
        comments=queries.queue(filters, page),
        total=total,
        page=page,
        pages=max(1, -(-total // queries.PAGE_SIZE)),
        state=state,
        queue_args=urlencode(state),
        page_url=lambda number: url_for("feedback_staff.queue", **(state | {"page": number})),
        filters=filters,
        labels=LABELS,
        language_name=language_name,
    ), status


def bulk_form(**kwargs) -> BulkThemesForm:
    form = BulkThemesForm(prefix="bulk", **kwargs)  # the filters above have a "theme" too
    form.theme.choices = [("", _("Choose a theme"))] + [(str(t.id), t.name) for t in themes.active_themes()]
    return form


def _forms(comment: Comment, **given) -> dict:
    theme_form = ThemesForm(prefix="themes")
    theme_form.themes.choices = [(t.id, t.name) for t in themes.active_themes()] + [
        (t.id, t.name) for t in comment.themes if not t.active
    ]
    if "themes" not in given and not {"themes-shown", "themes-themes"} & set(request.form):
        suggested = {t.id for t in themes.by_slugs(comment.suggested_themes)}
        theme_form.themes.data = [t.id for t in comment.themes] or sorted(suggested)
    forms = {
        "redaction": TextForm(_l("Redacted text"), button=_l("Save redaction"), prefix="redaction",
                              data={"value": neutralise_direction_controls(comment.redacted_text or "")}),
        "themes": theme_form,
        "translation": TextForm(_l("English translation"), button=_l("Save translation"), prefix="translation",
                                data={"value": neutralise_direction_controls(comment.english_translation or "")}),
        "publish": PublishForm(_l("The area's response"), _l("Enter the area's response"), _l("Publish with response"),
                               prefix="publish",
                               data={"value": comment.response or "", "action": comment.intended_action or ""}),
        "reject": RejectForm(_l("Reason for rejecting"), _l("Enter a reason"), _l("Reject"), prefix="reject"),
        "regulation": Regulation56Form(prefix="regulation",
                                       data={"code": comment.regulation_56.name if comment.regulation_56 else None}),
        "individual": TextForm(_l("Service it was passed to"), _l("Enter the service it was passed to"),
                               _l("Mark as an individual case"), prefix="individual"),
        "safeguarding": TextForm(_l("What was done about the concern"), _l("Enter what was done"),
                                 _l("Record action"), prefix="safeguarding"),
        "sentiment": SentimentForm(prefix="sentiment", data={"sentiment": comment.sentiment}),
        "dismiss": TextForm(_l("Why this is not a safeguarding concern"), _l("Enter why this is not a concern"),
                            _l("Not a safeguarding concern"), prefix="dismiss"),
        "flag": ConfirmForm(prefix="flag"),
        "file": ConfirmForm(prefix="file"),
        "reply": TextForm(_l("Your reply"), _l("Enter your reply"), _l("Send reply"), prefix="reply"),
    }  # fmt: skip
    forms.update(given)
    return forms


def _render_comment(comment: Comment, status: int = 200, *, forms: dict | None = None, state=None, preview=None,
                    conflict: dict | None = None):  # fmt: skip
    """`conflict`: what others did since the page was drawn ({"done", "both"}), for a refused save."""
    state = queue_state(request.args) if state is None else state
    return render_template(
        "feedback/staff/comment.html",
        comment=comment,
        pieces=[
            (piece, kind and detail_label(kind)) for piece, kind in highlight(comment.text, comment.personal_details)
        ],
        suggested=themes.by_slugs(comment.suggested_themes),
        forms=forms or _forms(comment),
        labels=LABELS,
        state=state,
        queue_args=urlencode(state),
        preview=preview,
        history=history.of_comment(comment),
        language_name=language_name,
        explain=explain,
        **_drawn_from(comment, conflict),
        conflict=conflict,
        section_labels=conflicts.SECTION_LABELS,
        stored=conflicts.stored,
    ), status


def _drawn_from(comment: Comment, conflict: dict | None) -> dict:
    """The version (and section fingerprints) the page carries: a page posted back with a problem keeps the ones
    it was drawn from, so the problem does not hide someone else's save; a refused save's page takes the new ones,
    so Save then applies on top of theirs."""
    if conflict is None and request.method == "POST" and _seen() is not None:
        seen = {name: request.form.get(f"seen-{name}", "") for name in workspace.SECTIONS}
        return {"version": _seen(), "seen": seen}
    return {"version": comment.version, "seen": conflicts.fingerprints(comment)}


def _seen() -> int | None:
    return seen_version(request.form.get("version"))


def _render_conflict(found: Comment, forms: dict, state: dict, seen: int):
    """Someone saved the comment after this page was drawn: nothing was written. The page comes back with what
    they did and the form merged (their sections, what this moderator typed), drawn from the new version."""
    both = conflicts.merge(found, forms, request.form)
    done = conflicts.since(found, seen)
    return _render_comment(found, 409, forms=forms, state=state, conflict={"done": done, "both": both})


@bp.route("/<int:comment_id>")
@role_required("moderator")
def comment(comment_id: int):
    found = _comment(comment_id)
    record_audit("feedback.comment.view", "comment", found.id)
    return _render_comment(found)


def _with_error(form, error: service.ModerationError) -> None:
    message = MODERATION_ERRORS.get(str(error), _l("That could not be done"))
    field = getattr(form, "value", None)
    (field.errors if field is not None else form.submit.errors).append(message)


def _checked(found: Comment, name: str | None):
    """(forms holding everything posted, sections to save) or None when something posted is not valid."""
    forms = _forms(found)
    if name in workspace.SECTIONS:  # its own button: what was posted, and nothing (an error) if nothing was
        forms[name].process(request.form)
    sections = workspace.sections_to_save(found, forms, request.form, own=name)
    checks = [s for s in sections if workspace.needs_checking(s, forms[s])]
    if name and name not in checks:
        checks.append(name)
    valid = [forms[n].validate() for n in checks]  # every one, so each shows its own errors
    return (forms, sections) if all(valid) else (forms, None)


def _act(comment_id: int, name: str | None, action, success: str):
    """Save every section of the comment page that was posted and changed, then run the chosen action; all of it
    or nothing. On a problem the page comes back with everything typed in every section."""
    found = _comment(comment_id)
    state = _posted_state()
    filters = queries.QueueFilters.from_args(state)
    forms, sections = _checked(found, name)
    if sections is None:
        return _render_comment(found, 400, forms=forms, state=state)
    place = queries.place_in_queue(filters, found.id)
    try:
        workspace.take_turn(found, _seen(), name or ("next" if request.form.get("next") else "save"))
        translated = workspace.save_sections(found, forms, sections, current_user.id)
        if action is not None:
            action(found, forms[name])
        db.session.commit()
    except StaleEditError as stale:
        db.session.rollback()
        return _render_conflict(found, forms, state, stale.seen)
    except service.ModerationError as error:
        db.session.rollback()
        _with_error(forms[name], error)
        return _render_comment(found, 400, forms=forms, state=state)
    service.after_save(found, translated=translated)
    flash(success)
    if request.form.get("next"):
        return _to_next(filters, place, state)
    return redirect(url_for("feedback_staff.comment", comment_id=found.id, **state))


def _to_next(filters: queries.QueueFilters, place: tuple | None, state: dict):
    following = queries.next_in_queue(filters, place) if place else None
    if following is None:
        flash(_("That was the last comment that matches your filters."))
        return redirect(url_for("feedback_staff.queue", **state))
    return redirect(url_for("feedback_staff.comment", comment_id=following, **state))


@bp.post("/<int:comment_id>")
@role_required("moderator")
def save(comment_id: int):
    """The page's one "Save" (and "Save and next"): every section that changed, nothing else."""
    return _act(comment_id, None, None, _("Changes saved"))


@bp.post("/<int:comment_id>/preview")
@role_required("moderator")
def preview(comment_id: int):
    """Exactly what families would see if this were published now, from what is typed: the page's sections and
    the publication are applied, the public entry drawn, and everything undone. Nothing is saved."""
    found = _comment(comment_id)
    state = _posted_state()
    forms, sections = _checked(found, "publish")
    if (seen := _seen()) is not None and seen != found.version:
        return _render_conflict(found, forms, state, seen)
    if sections is None:
        return _render_comment(found, 400, forms=forms, state=state)
    try:
        workspace.save_sections(found, forms, sections, current_user.id)
        service.publish(found, forms["publish"].value.data, forms["publish"].action.data, commit=False)
        drawn = render_template("feedback/staff/preview.html", comment=found, code_labels=REGULATION_56_LABELS,
                                digest=workspace.published_digest(found))  # fmt: skip
        shown = Markup(drawn)  # noqa: S704  (an autoescaped template's output)
    except service.ModerationError as error:
        db.session.rollback()
        _with_error(forms["publish"], error)
        return _render_comment(found, 400, forms=forms, state=state)
    db.session.rollback()
    return _render_comment(found, forms=forms, state=state, preview=shown)


@bp.post("/<int:comment_id>/redaction")
@role_required("moderator")
def redaction(comment_id: int):
    return _act(comment_id, "redaction", None, _("Redaction saved"))


@bp.post("/<int:comment_id>/themes")
@role_required("moderator")
def code_themes(comment_id: int):
    return _act(comment_id, "themes", None, _("Themes saved"))


@bp.post("/<int:comment_id>/translation")
@role_required("moderator")
def translation(comment_id: int):
    return _act(comment_id, "translation", None, _("Translation saved"))


def _publish_as_previewed(comment: Comment, form) -> None:
    service.publish(comment, form.value.data, form.action.data, commit=False)
    previewed = request.form.get("previewed")
    if previewed is not None and previewed != workspace.published_digest(comment):
        raise service.ModerationError("changed-since-preview")


@bp.post("/<int:comment_id>/publish")
@role_required("moderator")
def publish(comment_id: int):
    return _act(comment_id, "publish", _publish_as_previewed, _("Comment published"))


@bp.post("/<int:comment_id>/reject")
@role_required("moderator")
def reject(comment_id: int):
    return _act(comment_id, "reject",
                lambda c, f: service.reject(c, f.value.data, _category(f.category.data), commit=False),
                _("Comment rejected"))  # fmt: skip


def _category(value: str | None) -> str | None:
    return RejectionCategory[value].value if value in RejectionCategory.__members__ else None


@bp.post("/<int:comment_id>/regulation-56")
@role_required("moderator")
def regulation_56(comment_id: int):
    return _act(comment_id, "regulation", None, _("Regulation 56 code saved"))


@bp.post("/<int:comment_id>/file")
@role_required("moderator")
def file_answer(comment_id: int):
    return _act(comment_id, "file", lambda c, f: service.file_survey_answer(c, commit=False),
                _("Filed with its survey response"))  # fmt: skip


@bp.post("/<int:comment_id>/individual-case")
@role_required("moderator")
def individual_case(comment_id: int):
    return _act(comment_id, "individual", lambda c, f: service.mark_individual_case(c, f.value.data, commit=False),
                _("Marked as an individual case"))  # fmt: skip


@bp.post("/<int:comment_id>/safeguarding/flag")
@role_required("moderator")
def flag_safeguarding(comment_id: int):
    return _act(comment_id, "flag", lambda c, f: service.flag_safeguarding(c, commit=False),
                _("Safeguarding concern raised"))  # fmt: skip


@bp.post("/<int:comment_id>/safeguarding/action")
@role_required("moderator")
def safeguarding_action(comment_id: int):
    return _act(comment_id, "safeguarding",
                lambda c, f: service.record_safeguarding_action(c, f.value.data, current_user.id, commit=False),
                _("Safeguarding action recorded"))  # fmt: skip


@bp.post("/<int:comment_id>/sentiment")
@role_required("moderator")
def correct_sentiment(comment_id: int):
    return _act(comment_id, "sentiment", None, _("Sentiment saved"))


@bp.post("/<int:comment_id>/safeguarding/dismiss")
@role_required("moderator")
def dismiss_safeguarding(comment_id: int):
    return _act(comment_id, "dismiss",
                lambda c, f: service.dismiss_safeguarding(c, f.value.data, current_user.id, commit=False),
                _("Recorded as not a safeguarding concern"))  # fmt: skip


@bp.route("/comments")
@role_required("moderator", "leader")
def redacted_list():
    """Every comment as a leader may see it: redacted text only, read-only."""
    record_audit("feedback.comments.list", "comment", None)
    return render_template(
        "feedback/staff/redacted_list.html",
        comments=queries.leader_comments(limit=500),
        labels=LABELS,
        language_name=language_name,
    )


@bp.route("/export")
@role_required("moderator", "leader")
def export():
    fmt = "ods" if request.args.get("format") == "ods" else "csv"
    codes = request.args.get("columns") == "codes"
    content, mimetype, extension = exports.leader_export(fmt, layout="codes" if codes else "words")
    filename = f"feedback-comments{'-codes' if codes else ''}.{extension}"
    return Response(content, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


from engage.feedback import staff_bulk_views, staff_privacy_views, staff_reply_views, staff_theme_views  # noqa: E402, F401  (routes on this blueprint)
