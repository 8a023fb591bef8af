"""Public Local Offer pages: search, service pages, evergreen pages, comments, You said we did."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engage.extensions import db, limiter
from engage.feedback import service as feedback
from engage.feedback.models import Regulation56, Topic
from engage.i18n import current_language_code
from engage.localoffer import districts, queries, said_and_did
from engage.localoffer import models as m
from engage.localoffer import search as s
from engage.localoffer.forms import CATEGORY_LABELS, NEED_LABELS, CommentForm, SearchForm
from engage.localoffer.pagecache import cached_page, field_html
from engage.localoffer.render import safe_link
from engage.request_values import page_number, safe_local_path

bp = Blueprint("localoffer", __name__, template_folder="templates")
#: Headings of "You said, we did": regulation 56(1) in words families use.
YOU_SAID_HEADINGS = {
    Regulation56.content: _l("The content of the Local Offer, its quality and gaps"),
    Regulation56.accessibility: _l("How easy the information is to find and use"),
    Regulation56.development: _l("How the Local Offer is developed and reviewed"),
    None: _l("Other comments about the Local Offer"),
}
LEFT_OUT_LABELS = {
    "individual_case": _l("About one family's own case (passed to the service concerned)"),
    "vexatious": _l("Vexatious"),
    "offensive": _l("Offensive"),
    "spam": _l("Spam or advertising"),
    "not_relevant": _l("Not about SEND services or the Local Offer"),
    "other": _l("Another reason"),
}
PER_PAGE = 10


def _filters(form: SearchForm) -> s.Filters:
    return s.Filters(
        query=(form.q.data or "")[: s.MAX_QUERY_CHARS],
        categories=[c for c in form.category.data or [] if c in CATEGORY_LABELS],
        needs=[n for n in form.need.data or [] if n in NEED_LABELS],
        age=form.age.data if not form.age.errors else None,
        cost=form.cost.data if form.cost.data in ("free", "paid") else None,
        near=districts.lookup(form.near.data),
        radius_miles=float(form.radius.data) if form.radius.data in ("1", "3", "5", "10") else 3.0,
        page=page_number(),
        per_page=PER_PAGE,
    )


def _page_url(number: int) -> str:
    args = request.args.to_dict(flat=False)
    args["page"] = [str(number)]
    return url_for("localoffer.search", **args)


@bp.get("/local-offer")
@cached_page
def search():
    form = SearchForm(request.args)
    form.validate()
    filters = _filters(form)
    results = s.search(db.session, filters)
    unknown_place = bool(form.near.data) and filters.near is None
    return render_template(
        "localoffer/search.html",
        form=form,
        results=results,
        filters=filters,
        unknown_place=unknown_place,
        page_url=_page_url,
        pages=queries.evergreen_pages(db.session, published_only=True),
        category_labels=CATEGORY_LABELS,
        field_html=field_html,
    )


def _published_or_404(service_id: str) -> m.Service:
    service = db.session.get(m.Service, service_id[:36])
    if service is None or service.state != m.ServiceState.PUBLISHED:
        abort(404)
    return service


def translated(service: m.Service) -> dict[str, tuple[str, bool]]:
    """Each translatable field in the reader's language where we have it: (text, is_translated)."""
    language = current_language_code()
    found = {t.field: t.text for t in service.translations if t.language == language}
    return {
        field: (found[field], True) if field in found else (getattr(service, field) or "", False)
        for field in m.TRANSLATABLE_FIELDS
    }


def _service_page(service_id: str, template: str):
    service = _published_or_404(service_id)
    text = translated(service)
    untranslated = [f for f, (value, done) in text.items() if value and not done]
    reading_other = current_language_code() != "en"
    return render_template(
        template,
        service=service,
        text=text,
        in_english=set(untranslated) if reading_other else set(),
        all_in_english=reading_other and len(untranslated) == len([v for v, _d in text.values() if v]),
        website=safe_link(service.url),
        category_labels=CATEGORY_LABELS,
        need_labels=NEED_LABELS,
    )


@bp.get("/local-offer/services/<service_id>")
@cached_page
def service(service_id: str):
    return _service_page(service_id, "localoffer/service.html")


@bp.get("/local-offer/services/<service_id>/print")
@cached_page
def service_print(service_id: str):
    return _service_page(service_id, "localoffer/print.html")


@bp.get("/local-offer/pages/<slug>")
@cached_page
def page(slug: str):
    found = queries.evergreen_page(db.session, slug[:100], published_only=True)
    if found is None:
        abort(404)
    return render_template("localoffer/page.html", page=found)


def _comment_target() -> tuple[str, str | None]:
    service_id = (request.args.get("service") or "")[:36] or None
    if service_id and db.session.get(m.Service, service_id) is None:
        service_id = None
    path = request.args.get("page") or (url_for("localoffer.service", service_id=service_id) if service_id else "")
    return safe_local_path(path, url_for("localoffer.search")), service_id


@bp.route("/local-offer/comment", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["FEEDBACK_RATE_LIMIT"], methods=["POST"])
def comment():
    """The comment goes into the one feedback moderation queue: stored first, then analysed and alerted on."""
    path, _service_id = _comment_target()
    form = CommentForm()
    if request.method == "GET" and request.args.get("out_of_date") == "1":
        form.out_of_date.data = True
    if form.validate_on_submit():
        feedback.submit_comment(
            topic=Topic.local_offer,
            text=form.text.data.strip(),
            publish_consent=form.publish_consent.data,
            about=path[:300],
            page_useful={"yes": True, "no": False}.get(form.useful.data or ""),
            out_of_date=bool(form.out_of_date.data),
        )
        flash(_("Thank you. The Parent Carer Forum's moderators will read your comment."))
        return redirect(path)
    return render_template("localoffer/comment.html", form=form, path=path)


@bp.get("/you-said-we-did")
def you_said_we_did():
    return render_template(
        "localoffer/you_said_we_did.html",
        years=said_and_did.years(db.session, small_label=_("fewer than 5")),
        reason_labels=LEFT_OUT_LABELS,
        code_labels=YOU_SAID_HEADINGS,
    )
