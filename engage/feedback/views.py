"""The public side: a comment form reachable from every page, a confirmation, and published answers."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from engage.extensions import limiter
from engage.feedback import queries, service
from engage.feedback.forms import CommentForm, character_count_params
from engage.feedback.models import Topic

bp = Blueprint("feedback", __name__, template_folder="templates")

#: Which topic a page's blueprint suggests; a page with a record in its URL is about that record.
TOPIC_HINTS = {"localoffer": Topic.local_offer, "consultations": Topic.consultation, "surveys": Topic.consultation}


def _rate_limit() -> str:
    return current_app.config["FEEDBACK_RATE_LIMIT"]


def feedback_url() -> str:
    """The feedback form's URL with the page it is linked from (and a topic hint), for every page's footer."""
    args = {"from": request.path}
    topic = TOPIC_HINTS.get(request.blueprint or "")
    record = next(iter((request.view_args or {}).values()), None)
    if topic == Topic.local_offer and record is not None:
        topic = Topic.service
    if topic:
        args["topic"] = topic.value
    if record is not None:
        args["about"] = str(record)[:120]
    return url_for("feedback.new", **args)


def _prefill(form: CommentForm) -> None:
    if request.method == "GET":
        form.page.data = (request.args.get("from") or "")[:300]
        form.about.data = (request.args.get("about") or "")[:120]
        if request.args.get("topic") in Topic.__members__:
            form.topic.data = request.args["topic"]


@bp.route("/feedback", methods=["GET", "POST"])
@limiter.limit(_rate_limit, methods=["POST"])
def new():
    form = CommentForm()
    _prefill(form)
    if request.method == "POST" and form.website.data:
        return redirect(url_for("feedback.thanks"))  # a robot filled the honeypot: say nothing, keep nothing
    if form.validate_on_submit():
        service.submit_comment(
            topic=form.topic.data,
            text=form.text.data,
            publish_consent=form.publish_consent.data,
            about=form.about.data or form.page.data,
            contact_name=form.contact_name.data,
            contact_email=form.contact_email.data,
            contact_phone=form.contact_phone.data,
        )
        return redirect(url_for("feedback.thanks"))
    return render_template(
        "feedback/new.html",
        form=form,
        character_count_params=character_count_params,
        retention_days=current_app.config["FEEDBACK_CONTACT_RETENTION_DAYS"],
    )


@bp.route("/feedback/thank-you")
def thanks():
    return render_template("feedback/thanks.html", retention_days=current_app.config["FEEDBACK_CONTACT_RETENTION_DAYS"])


@bp.route("/feedback/responses")
def responses():
    return render_template("feedback/responses.html", comments=queries.published())
