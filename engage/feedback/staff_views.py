"""The moderators' queue and comment page, theme management, exports, and subject access (under /staff/feedback)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from engage.audit import record_audit
from engage.auth.permissions import role_required
from engage.extensions import db
from engage.feedback import exports, queries, service, themes
from engage.feedback.forms import (
    FLAG_LABELS,
    REGULATION_56_LABELS,
    REJECTION_LABELS,
    SENTIMENT_LABELS,
    SEVERITY_LABELS,
    STAFF_TOPIC_LABELS,
    STATUS_LABELS,
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
from engage.plain_text import neutralise_direction_controls
from engage.request_values import page_number

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
    form.language.choices = any_ + [(code, code) for code in queries.languages()]
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


@bp.route("/")
@role_required("moderator")
def queue():
    filters = queries.QueueFilters.from_args(request.args)
    page = page_number()
    total = queries.count(filters)
    more = total > page * queries.PAGE_SIZE
    return render_template(
        "feedback/staff/queue.html",
        form=_filter_form(filters),
        comments=queries.queue(filters, page),
        total=total,
        next_url=url_for("feedback_staff.queue", **(request.args.to_dict() | {"page": page + 1})) if more else None,
        labels=LABELS,
    )


def _forms(comment: Comment, **given) -> dict:
    theme_form = ThemesForm(prefix="themes")
    theme_form.themes.choices = [(t.id, t.name) for t in themes.active_themes()] + [
        (t.id, t.name) for t in comment.themes if not t.active
    ]
    if "themes" not in given:
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
    }  # fmt: skip
    forms.update(given)
    return forms


def _render_comment(comment: Comment, status: int = 200, **given):
    return render_template(
        "feedback/staff/comment.html",
        comment=comment,
        pieces=highlight(comment.text, comment.personal_details),
        suggested=themes.by_slugs(comment.suggested_themes),
        forms=_forms(comment, **given),
        labels=LABELS,
    ), status


@bp.route("/<int:comment_id>")
@role_required("moderator")
def comment(comment_id: int):
    found = _comment(comment_id)
    record_audit("feedback.comment.view", "comment", found.id)
    return _render_comment(found)


def _act(comment_id: int, name: str, action, success: str):
    """Validate one form on the comment page, run its service action, and come back to the page."""
    found = _comment(comment_id)
    form = _forms(found)[name]
    form.process(request.form)
    if form.validate():
        try:
            action(found, form)
        except service.ModerationError as error:
            flash_error = MODERATION_ERRORS.get(str(error), _l("That could not be done"))
            field = getattr(form, "value", None)
            (field.errors if field is not None else form.submit.errors).append(flash_error)
            return _render_comment(found, 400, **{name: form})
        flash(success)
        return redirect(url_for("feedback_staff.comment", comment_id=found.id))
    return _render_comment(found, 400, **{name: form})


@bp.post("/<int:comment_id>/redaction")
@role_required("moderator")
def redaction(comment_id: int):
    return _act(comment_id, "redaction", lambda c, f: service.adjust_redaction(c, f.value.data), _("Redaction saved"))


@bp.post("/<int:comment_id>/themes")
@role_required("moderator")
def code_themes(comment_id: int):
    return _act(comment_id, "themes", lambda c, f: service.set_themes(c, f.themes.data), _("Themes saved"))


@bp.post("/<int:comment_id>/translation")
@role_required("moderator")
def translation(comment_id: int):
    return _act(comment_id, "translation", lambda c, f: service.add_translation(c, f.value.data),
                _("Translation saved"))  # fmt: skip


@bp.post("/<int:comment_id>/publish")
@role_required("moderator")
def publish(comment_id: int):
    return _act(comment_id, "publish", lambda c, f: service.publish(c, f.value.data, f.action.data),
                _("Comment published"))  # fmt: skip


@bp.post("/<int:comment_id>/reject")
@role_required("moderator")
def reject(comment_id: int):
    return _act(comment_id, "reject", lambda c, f: service.reject(c, f.value.data, _category(f.category.data)),
                _("Comment rejected"))  # fmt: skip


def _category(value: str | None) -> str | None:
    return RejectionCategory[value].value if value in RejectionCategory.__members__ else None


@bp.post("/<int:comment_id>/regulation-56")
@role_required("moderator")
def regulation_56(comment_id: int):
    return _act(comment_id, "regulation",
                lambda c, f: service.set_regulation_56(c, f.code.data),
                _("Regulation 56 code saved"))  # fmt: skip


@bp.post("/<int:comment_id>/file")
@role_required("moderator")
def file_answer(comment_id: int):
    return _act(comment_id, "file", lambda c, f: service.file_survey_answer(c), _("Filed with its survey response"))


@bp.post("/<int:comment_id>/individual-case")
@role_required("moderator")
def individual_case(comment_id: int):
    return _act(comment_id, "individual", lambda c, f: service.mark_individual_case(c, f.value.data),
                _("Marked as an individual case"))  # fmt: skip


@bp.post("/<int:comment_id>/safeguarding/flag")
@role_required("moderator")
def flag_safeguarding(comment_id: int):
    return _act(comment_id, "flag", lambda c, f: service.flag_safeguarding(c), _("Safeguarding concern raised"))


@bp.post("/<int:comment_id>/safeguarding/action")
@role_required("moderator")
def safeguarding_action(comment_id: int):
    return _act(comment_id, "safeguarding",
                lambda c, f: service.record_safeguarding_action(c, f.value.data, current_user.id),
                _("Safeguarding action recorded"))  # fmt: skip


@bp.post("/<int:comment_id>/sentiment")
@role_required("moderator")
def correct_sentiment(comment_id: int):
    return _act(comment_id, "sentiment",
                lambda c, f: service.correct_sentiment(c, f.sentiment.data, current_user.id),
                _("Sentiment saved"))  # fmt: skip


@bp.post("/<int:comment_id>/safeguarding/dismiss")
@role_required("moderator")
def dismiss_safeguarding(comment_id: int):
    return _act(comment_id, "dismiss",
                lambda c, f: service.dismiss_safeguarding(c, f.value.data, current_user.id),
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
    )


@bp.route("/export")
@role_required("moderator", "leader")
def export():
    fmt = "ods" if request.args.get("format") == "ods" else "csv"
    content, mimetype, extension = exports.leader_export(fmt)
    filename = f"feedback-comments.{extension}"
    return Response(content, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


from engage.feedback import staff_privacy_views, staff_theme_views  # noqa: E402, F401  (routes on this blueprint)
