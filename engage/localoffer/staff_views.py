"""Staff pages for curating the Local Offer, under /staff/local-offer."""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from engage.auth.permissions import role_required
from engage.clock import utcnow
from engage.extensions import db
from engage.i18n import LANGUAGES
from engage.localoffer import (
    changes,
    conflicts,
    districts,
    editing,
    geography,
    importer,
    oruk,
    page_review,
    postcodes,
    queries,
    wards,
)
from engage.localoffer import models as m
from engage.localoffer import service as ops
from engage.localoffer.cli import parse_file
from engage.localoffer.forms import (
    CATEGORY_LABELS,
    ActionForm,
    EvergreenPageForm,
    ImportForm,
    OrganizationForm,
    PostcodeUploadForm,
    ServiceForm,
    TranslationForm,
)
from engage.localoffer.postcodes import PostcodeImportError
from engage.pagination import paginate, paginate_list

bp = Blueprint("localoffer_staff", __name__, url_prefix="/staff/local-offer", template_folder="templates")
STAFF = ("moderator", "admin")
ACTIONS = {
    "submit": ops.submit_for_review,
    "publish": ops.publish,
    "send-back": ops.send_back,
    "discard": ops.discard_change,
    "archive": ops.archive,
    "restore": ops.restore,
    "checked": ops.mark_checked,
}


def _service_or_404(service_id: str) -> m.Service:
    return db.session.get(m.Service, service_id[:36]) or abort(404)


@bp.get("/")
@role_required(*STAFF)
def index():
    state = request.args.get("state") or None
    chosen = m.ServiceState(state) if state in {s.value for s in m.ServiceState} else None
    review = request.args.get("review", "")
    review = review if review in queries.REVIEW_FILTERS else ""
    today = utcnow().date()
    query = queries.staff_services_query(chosen, request.args.get("q", ""), review, current_user.id)
    return render_template(
        "localoffer/staff/index.html",
        services=paginate(query),
        awaiting=queries.awaiting_review(db.session),
        waiting_pages=queries.waiting_pages(db.session, review, current_user.id),
        due_count=queries.overdue_count(db.session, today),
        states=list(m.ServiceState),
        chosen=chosen,
        review=review,
    )


def _organization_choices() -> list[tuple[str, str]]:
    orgs = db.session.scalars(sa.select(m.Organization).order_by(m.Organization.name))
    return [("", "")] + [(o.id, o.name) for o in orgs]


@bp.route("/services/new", methods=["GET", "POST"])
@bp.route("/services/<service_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit_service(service_id: str | None = None):
    service = _service_or_404(service_id) if service_id else None
    base = ops.editable_document(service) if service else {}
    form = ServiceForm(data=editing.form_data(base) if request.method == "GET" and service else None)
    form.organization_id.choices = _organization_choices()
    seen = conflicts.drawn_from() if service else None
    if form.validate_on_submit():
        if service is not None and conflicts.refused(service.revisions, seen):
            return _service_conflict(service, form, seen)
        org = db.session.get(m.Organization, form.organization_id.data) or abort(400)
        ops.ensure_taxonomies()
        doc = editing.document(base, form.data, oruk.organization_to_oruk(org))
        _records, result = importer.validate([doc], importer.known_ids(db.session))
        if result.ok:
            try:
                service = ops.save_service(service, doc, current_user)
            except IntegrityError:  # someone saved the next revision at the same moment
                db.session.rollback()
                if service is None or seen is None:
                    raise
                return _service_conflict(service, form, seen)
            flash(_("Saved."))
            changed = editing.changed_fields(base, form.data)
            shown = editing.form_data(doc)
            if {"latitude", "longitude"} & set(changed) and shown["latitude"] and shown["longitude"]:
                _say_typed_where(shown["postcode"], float(shown["latitude"]), float(shown["longitude"]))
            elif "postcode" in changed:
                _say_where(shown["postcode"])
            return redirect(url_for(".service_detail", service_id=service.id))
        form.form_errors.extend(p.field + ": " + p.message for p in result.problems)
    kept = changes.kept_parts(base) if service else []
    drawn = seen if seen is not None else conflicts.latest(service.revisions) if service else 0
    return render_template("localoffer/staff/service_form.html", form=form, service=service, kept=kept, drawn=drawn)


def _service_conflict(service: m.Service, typed: ServiceForm, seen: int):
    """The edit form again, merged on top of what others saved since it was drawn; nothing was saved (409)."""
    current = ops.editable_document(service)
    shown = editing.form_data(conflicts.base(service.revisions, seen, current))
    merged, theirs, both = conflicts.merge(
        shown, editing.form_data(current), typed.data, list(editing.WRITERS), editing.same
    )
    form = ServiceForm(formdata=None, data=merged)
    form.organization_id.choices = _organization_choices()
    done = conflicts.done_since(service.revisions, seen)
    found = conflicts.Conflict(done, [form[n].label.text for n in theirs], both)
    return render_template(
        "localoffer/staff/service_form.html", form=form, service=service, kept=changes.kept_parts(current),
        drawn=conflicts.latest(service.revisions), conflict=found,
    ), 409  # fmt: skip


def _say_where(postcode: str) -> None:
    """Tell staff where a new postcode put the service, or warn that it put it nowhere: the service is saved
    either way (a new-build postcode may not be in the directory yet) but cannot be found by distance."""
    if not postcode:
        return
    if districts.lookup(postcode) is None:
        flash(
            _(
                "We do not know the postcode %(postcode)s, so the service has no place on the map and families "
                "searching near a postcode will not find it. Check the postcode; if it is right, an administrator "
                "can import a newer ONS Postcode Directory.",
                postcode=postcode,
            ),
            "warning",
        )
        return
    ward = wards.ward_of(db.session, postcode)[1]
    if ward:
        flash(
            _(
                "Its place on the map comes from the postcode %(postcode)s, in %(ward)s ward.",
                postcode=postcode,
                ward=ward,
            )
        )
    else:
        flash(_("Its place on the map comes from the postcode %(postcode)s.", postcode=postcode))


def _say_typed_where(postcode: str, latitude: float, longitude: float) -> None:
    """Say that typed coordinates place the service, and warn when they lie well outside the area."""
    ward = wards.ward_of(db.session, postcode)[1]
    flash(
        _(
            "Its place on the map is the latitude and longitude you entered (%(latitude)s, %(longitude)s), not "
            "its postcode's.",
            latitude=latitude,
            longitude=longitude,
        )
        + (" " + _("Its postcode is in %(ward)s ward.", ward=ward) if ward else "")
    )
    box = postcodes.outside_area(db.session, latitude, longitude)
    if box is not None:
        flash(
            _(
                "Check the latitude and longitude: %(latitude)s, %(longitude)s is well outside the area's "
                "postcodes (latitude %(south)s to %(north)s, longitude %(west)s to %(east)s). A swapped pair or a "
                "missing minus sign puts a service far away. The service was saved with them.",
                latitude=latitude,
                longitude=longitude,
                south=box.south,
                north=box.north,
                west=box.west,
                east=box.east,
            ),
            "warning",
        )


def _detail(service: m.Service, refusal: str = ""):
    pending = changes.service_changes(oruk.service_to_oruk(service), service.pending_data)
    return render_template(
        "localoffer/staff/service_detail.html",
        service=service,
        action_form=ActionForm(),
        category_labels=CATEGORY_LABELS,
        pending_changes=pending if service.pending_data else [],
        refusal=refusal,
        drawn=conflicts.latest(service.revisions),
    )


@bp.get("/services/<service_id>")
@role_required(*STAFF)
def service_detail(service_id: str):
    return _detail(_service_or_404(service_id))


@bp.get("/services/<service_id>/history")
@role_required(*STAFF)
def service_history(service_id: str):
    service = _service_or_404(service_id)
    entries = [(r, changes.service_changes(r.previous, r.snapshot) if r.previous else None) for r in service.revisions]
    return render_template(
        "localoffer/staff/service_history.html", service=service, entries=entries, action_form=ActionForm(),
        drawn=conflicts.latest(service.revisions),
    )  # fmt: skip


@bp.post("/services/<service_id>/versions/<int(max=1000000):number>/restore")
@role_required(*STAFF)
def restore_version(service_id: str, number: int):
    service = _service_or_404(service_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if stale := conflicts.stale_action(service.revisions):
        return _detail(service, stale), 409
    try:
        ops.restore_version(service, number, current_user)
    except ops.WorkflowError as refused:
        db.session.rollback()
        return _detail(service, str(refused)), 409
    flash(_("Version %(n)d is now a proposed change. Someone else must check and publish it.", n=number))
    return redirect(url_for(".service_detail", service_id=service.id))


@bp.post("/services/<service_id>/<action>")
@role_required(*STAFF)
def service_action(service_id: str, action: str):
    service = _service_or_404(service_id)
    if action not in ACTIONS or not ActionForm().validate_on_submit():
        abort(400)
    if stale := conflicts.stale_action(service.revisions):
        return _detail(service, stale), 409
    try:
        ACTIONS[action](service, current_user)
    except ops.WorkflowError as refused:
        db.session.rollback()
        # a refusal is an error on the page it concerns, never a success banner
        return _detail(service, str(refused)), 409
    flash(_("Done."))
    return redirect(url_for(".service_detail", service_id=service.id))


@bp.route("/services/<service_id>/translations", methods=["GET", "POST"])
@role_required(*STAFF)
def translations(service_id: str):
    service = _service_or_404(service_id)
    language = request.values.get("language") or "pl"
    existing = {t.field: t.text for t in service.translations if t.language == language}
    form = TranslationForm(data={"language": language, **existing} if request.method == "GET" else None)
    form.language.choices = [(lang.code, lang.english_name) for lang in LANGUAGES if lang.code != "en"]
    if form.validate_on_submit():
        ops.save_translation(service, form.language.data, form.data, current_user)
        flash(_("Translation saved."))
        return redirect(url_for(".translations", service_id=service.id, language=form.language.data))
    return render_template("localoffer/staff/translations.html", form=form, service=service)


@bp.get("/due")
@role_required(*STAFF)
def due():
    today = utcnow().date()
    overdue = request.args.get("when") == "overdue"
    return render_template(
        "localoffer/staff/due.html",
        services=queries.due_for_review(db.session, today, overdue_only=overdue),
        pages=queries.due_evergreen_pages(db.session, today, overdue_only=overdue),
        today=today,
        overdue=overdue,
    )


@bp.get("/coverage")
@role_required(*STAFF)
def coverage():
    rows = [(code, CATEGORY_LABELS[code], count) for code, _name, count in queries.coverage(db.session)]
    return render_template("localoffer/staff/coverage.html", rows=rows)


@bp.route("/organisations/new", methods=["GET", "POST"])
@bp.route("/organisations/<org_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit_organization(org_id: str | None = None):
    org = (db.session.get(m.Organization, org_id[:36]) or abort(404)) if org_id else None
    form = OrganizationForm(obj=org)
    if form.validate_on_submit():
        ops.save_organization(org, form.data, current_user)
        flash(_("Saved."))
        return redirect(url_for(".organisations"))
    return render_template("localoffer/staff/organization_form.html", form=form, org=org)


@bp.get("/organisations")
@role_required(*STAFF)
def organisations():
    rows = paginate_list(queries.organisations_with_counts(db.session))
    return render_template("localoffer/staff/organisations.html", rows=rows)


@bp.get("/pages")
@role_required(*STAFF)
def evergreen_pages():
    return render_template(
        "localoffer/staff/evergreen_list.html",
        pages=paginate_list(queries.evergreen_pages(db.session)),
        today=utcnow().date(),
    )


def _page_or_404(slug: str) -> m.EvergreenPage:
    return queries.evergreen_page(db.session, slug[:100]) or abort(404)


@bp.route("/pages/<slug>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit_evergreen_page(slug: str):
    page = _page_or_404(slug)
    today = utcnow().date()
    form = EvergreenPageForm(data=page_review.editable(page) if request.method == "GET" else None, today=today)
    seen = conflicts.drawn_from()
    if form.validate_on_submit():
        if conflicts.refused(page.revisions, seen):
            return _page_conflict(page, form, seen, today)
        try:
            if page_review.propose(page, form.data, current_user):
                flash(_("Your change is waiting for someone else to check and publish it."))
        except IntegrityError:  # someone proposed a change at the same moment
            db.session.rollback()
            if seen is None:
                raise
            return _page_conflict(page, form, seen, today)
        return redirect(url_for(".evergreen_review", slug=page.slug))
    status = 400 if form.errors else 200
    drawn = seen if seen is not None else conflicts.latest(page.revisions)
    return render_template("localoffer/staff/evergreen_form.html", form=form, page=page, today=today,
                           drawn=drawn), status  # fmt: skip


def _page_conflict(page: m.EvergreenPage, typed: EvergreenPageForm, seen: int, today):
    """The page's edit form merged on top of what others did since it was drawn; nothing was saved (409)."""
    current = page_review.editable(page)
    shown = page_review.as_form(conflicts.base(page.revisions, seen, page_review.snapshot(page)))
    merged, theirs, both = conflicts.merge(shown, current, typed.data, page_review.FIELDS, editing.same)
    form = EvergreenPageForm(formdata=None, data=merged, today=today)
    found = conflicts.Conflict(conflicts.done_since(page.revisions, seen), [form[n].label.text for n in theirs], both)
    return render_template("localoffer/staff/evergreen_form.html", form=form, page=page, today=today,
                           drawn=conflicts.latest(page.revisions), conflict=found), 409  # fmt: skip


def _page_review(page: m.EvergreenPage, refusal: str = ""):
    entries = [(r, changes.page_changes(r.previous, r.snapshot) if r.previous else None) for r in page.revisions]
    return render_template(
        "localoffer/staff/evergreen_review.html",
        page=page,
        pending=changes.page_changes(page_review.snapshot(page), page.pending_data) if page.pending_data else [],
        entries=entries,
        action_form=ActionForm(),
        refusal=refusal,
        drawn=conflicts.latest(page.revisions),
    )


@bp.get("/pages/<slug>")
@role_required(*STAFF)
def evergreen_review(slug: str):
    return _page_review(_page_or_404(slug))


@bp.post("/pages/<slug>/<any(publish, discard):action>")
@bp.post("/pages/<slug>/versions/<int(max=1000000):number>/restore")
@role_required(*STAFF)
def evergreen_action(slug: str, action: str = "restore", number: int = 0):
    page = _page_or_404(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    if stale := conflicts.stale_action(page.revisions):
        return _page_review(page, stale), 409
    try:
        if action == "publish":
            page_review.publish(page, current_user, utcnow().date())
        elif action == "discard":
            page_review.discard(page, current_user)
        else:
            page_review.restore(page, number, current_user)
    except ops.WorkflowError as refused:
        db.session.rollback()
        return _page_review(page, str(refused)), 409
    flash(_("Done."))
    return redirect(url_for(".evergreen_review", slug=page.slug))


@bp.route("/import", methods=["GET", "POST"])
@role_required(*STAFF)
def import_file():
    form = ImportForm()
    problems, result = [], None
    if form.validate_on_submit():
        publish = bool(form.publish.data) and current_user.has_role("admin")
        upload = form.file.data
        try:
            data = parse_file(upload.filename or "", upload.read())
            result = ops.import_data(data, publish, current_user)
            flash(
                _(
                    "Imported %(new)d new and %(updated)d updated services.",
                    new=len(result.created),
                    updated=len(result.updated),
                )
            )
        except (ValueError, UnicodeDecodeError):
            problems = [importer.Problem(0, "", "", _("The file is not valid JSON or CSV."))]
        except importer.ImportRejected as rejected:
            problems = rejected.result.problems
    status = 400 if problems else 200
    return render_template("localoffer/staff/import.html", form=form, problems=problems, result=result), status


@bp.url_value_preprocessor
def _postcode_upload_limit(endpoint: str | None, _values: dict | None) -> None:
    """The postcode directory is far larger than other forms: that request alone gets its own limit. Set here
    because URL preprocessors run before the CSRF check, which is the first thing to read the body."""
    if endpoint == "localoffer_staff.postcodes_upload":
        request.max_content_length = current_app.config["POSTCODE_UPLOAD_MAX_BYTES"]


@bp.route("/postcodes", methods=["GET", "POST"])
@role_required("admin")
def postcodes_upload():
    form = PostcodeUploadForm()
    problem, report = "", None
    if form.validate_on_submit():
        upload = form.file.data
        codes = tuple(dict.fromkeys((current_app.config["AREA_ONS_CODE"], *form.codes())))
        # read as it streams from werkzeug's spooled temporary file: the national file never sits in memory
        text = io.TextIOWrapper(upload.stream, encoding="utf-8-sig", newline="")
        try:
            report = geography.replace_postcodes(text, codes, upload.filename or "", current_user.id)
        except (PostcodeImportError, csv.Error) as error:
            problem = _("Nothing was imported: %(reason)s", reason=str(error))
        except UnicodeDecodeError:
            problem = _("Nothing was imported: the file is not a UTF-8 CSV file as the ONS publishes it.")
    return render_template(
        "localoffer/staff/postcodes.html",
        form=form,
        problem=problem,
        report=report,
        held=postcodes.count(db.session),
    ), (400 if problem else 200)


@bp.get("/export.<fmt>")
@role_required(*STAFF)
def export(fmt: str):
    if fmt not in ("json", "csv"):
        abort(404)
    text = ops.export_text(fmt, current_user)
    mimetype = "application/json" if fmt == "json" else "text/csv"
    headers = {"Content-Disposition": f"attachment; filename=local-offer.{fmt}"}
    return Response(text, mimetype=mimetype, headers=headers)
