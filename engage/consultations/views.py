"""Public consultation pages: the list, one consultation, its documents, comments and following by email."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engage.clock import utcnow
from engage.consultations import following, queries
from engage.consultations.files import CONTENT_TYPES
from engage.consultations.forms import CommentForm, ConfirmForm, FollowForm
from engage.consultations.models import Audience, Consultation, Stage
from engage.consultations.presenters import page_context, page_path
from engage.consultations.stages import stage_at
from engage.extensions import csrf, limiter
from engage.feedback import service as feedback
from engage.feedback.models import Topic
from engage.i18n import current_language_code

bp = Blueprint("consultations", __name__, template_folder="templates")


def _rate_limit() -> str:
    return current_app.config["FEEDBACK_RATE_LIMIT"]


def _published_or_404(slug: str) -> Consultation:
    consultation = queries.published_by_slug(slug)
    if consultation is None:
        abort(404)
    return consultation


@bp.get("/consultations")
def index():
    audience = request.args.get("audience")
    chosen = Audience(audience) if audience in Audience.__members__ else None
    return render_template(
        "consultations/index.html", rows=queries.public_list(utcnow(), chosen), audience=chosen, Audience=Audience
    )


def _show(consultation: Consultation, comment_form=None, follow_form=None, status: int = 200):
    context = page_context(consultation, utcnow())
    html = render_template(
        "consultations/show.html",
        comment_form=comment_form or CommentForm(formdata=None),
        follow_form=follow_form or FollowForm(formdata=None),
        form=comment_form or follow_form,  # the one with errors, for the error summary
        **context,
    )
    return html, status


@bp.get("/consultations/<slug>")
def show(slug: str):
    return _show(_published_or_404(slug))


@bp.post("/consultations/<slug>/comment")
@limiter.limit(_rate_limit)
def comment(slug: str):
    """Filed into the one feedback moderation queue, topic "consultation", about this consultation's page."""
    consultation = _published_or_404(slug)
    if stage_at(consultation, utcnow()) != Stage.open:
        flash(_("This consultation is not taking comments now. You can still send us feedback."))
        return redirect(url_for("consultations.show", slug=consultation.slug))
    form = CommentForm()
    if not form.validate_on_submit():
        return _show(consultation, comment_form=form, status=400)
    feedback.submit_comment(
        topic=Topic.consultation,
        text=form.text.data.strip(),
        publish_consent=form.publish_consent.data,
        about=page_path(consultation),
    )
    if form.hear_back_email.data:
        following.request_hear_back(consultation, form.hear_back_email.data, current_language_code())
    flash(_("Thank you. The Parent Carer Forum's moderators will read your comment."))
    return redirect(url_for("consultations.show", slug=consultation.slug, _anchor="comment"))


@bp.post("/consultations/<slug>/follow")
@limiter.limit(_rate_limit)
def follow(slug: str):
    consultation = _published_or_404(slug)
    form = FollowForm()
    if not form.validate_on_submit():
        return _show(consultation, follow_form=form, status=400)
    result = following.request_follow(consultation, form.email.data, current_language_code())
    return render_template("consultations/follow_sent.html", consultation=consultation, result=result.value)


def _token_page(slug: str, token: str, purpose: str, action, *, one_click: bool = False):
    consultation = _published_or_404(slug)
    form = ConfirmForm()
    if not following.check_token(token, purpose, consultation):
        return render_template("consultations/bad_link.html", consultation=consultation), 404
    if (one_click and request.method == "POST") or form.validate_on_submit():
        action(token, consultation)
        return render_template(f"consultations/{purpose}_done.html", consultation=consultation)
    return render_template(f"consultations/{purpose}.html", consultation=consultation, form=form)


@bp.route("/consultations/<slug>/follow/confirm/<token>", methods=["GET", "POST"])
def confirm(slug: str, token: str):
    return _token_page(slug, token, "confirm", following.confirm)


@bp.route("/consultations/<slug>/unfollow/<token>", methods=["GET", "POST"])
@csrf.exempt
def unfollow(slug: str, token: str):
    """Opening the link asks (link checkers open links); any POST unfollows: the page's button, or a mail program's
    one-click "Unsubscribe" (RFC 8058, List-Unsubscribe-Post), which has no session and so no CSRF token. The signed
    token in the address is the proof, and stopping emails is all a forged POST could do."""
    return _token_page(slug, token, "unfollow", following.unfollow, one_click=True)


@bp.get("/consultations/<slug>/documents/<int:version_id>")
def document(slug: str, version_id: int):
    """The file itself, always as a download: never rendered in the browser, never sniffed."""
    version = queries.version_with_content(version_id, _published_or_404(slug))
    if version is None:
        abort(404)
    response = make_response(version.content)
    response.headers["Content-Type"] = CONTENT_TYPES.get(version.kind or "", "application/octet-stream")
    response.headers["Content-Disposition"] = f'attachment; filename="{version.filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
