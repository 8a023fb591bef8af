"""Staff pages under /staff/consultations: moderators and admins edit, leaders read; every change is audited
(in the service)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engage.auth.permissions import role_required
from engage.clock import utcnow
from engage.concurrency import StaleEditError, advance
from engage.consultations import edit_conflicts, queries, service
from engage.consultations.dates import end_of_day, last_day, start_of_day, uk_day
from engage.consultations.errors import ConsultationError, MissingFormatError, StageDateError
from engage.consultations.forms import (
    ConsultationForm,
    CoProductionForm,
    DocumentForm,
    OutcomeForm,
    VersionForm,
    VideoForm,
)
from engage.consultations.models import Audience, Consultation, Document, DocumentFormat, DocumentVersion
from engage.consultations.presenters import page_context
from engage.extensions import db
from engage.pagination import paginate_list
from engage.surveys import service as surveys
from engage.surveys.views import survey_text

bp = Blueprint("consultations_staff", __name__, url_prefix="/staff/consultations", template_folder="templates")
EDITORS = ("moderator", "admin")
READERS = ("moderator", "leader", "admin")
#: A little room above the document limit for the form's other fields.
FORM_ROOM = 64 * 1024


def _consultation_or_404(consultation_id: int) -> Consultation:
    return db.session.get(Consultation, consultation_id) or abort(404)


def _document_or_404(consultation: Consultation, document_id: int) -> Document:
    document = db.session.get(Document, document_id)
    if document is None or document.consultation_id != consultation.id:
        abort(404)
    return document


def _back(consultation: Consultation):
    return redirect(url_for(".detail", consultation_id=consultation.id))


@bp.get("/")
@role_required(*READERS)
def index():
    return render_template(
        "consultations/staff/index.html", consultations=paginate_list(queries.all_for_staff()), now=utcnow()
    )


def _survey_choices() -> list[tuple[str, str]]:
    return [(s.id, survey_text(s.title)) for s in sorted(surveys.registry().surveys.values(), key=lambda s: s.id)]


def _form_data(consultation: Consultation) -> dict:
    expected = consultation.outcome_expected_at
    return {
        "title": consultation.title, "slug": consultation.slug, "summary": consultation.summary,
        "body": consultation.body, "audience": consultation.audience.value,
        "opens_on": uk_day(consultation.opens_at), "closes_on": last_day(consultation.closes_at),
        "outcome_on": uk_day(expected) if expected else None,
        "promised_formats": consultation.promised_formats, "survey_ids": consultation.survey_ids,
    }  # fmt: skip


def _values(form: ConsultationForm) -> dict:
    return {
        "title": form.title.data.strip(), "slug": form.slug.data, "summary": form.summary.data.strip(),
        "body": form.body.data or "", "audience": Audience(form.audience.data),
        "opens_at": start_of_day(form.opens_on.data), "closes_at": end_of_day(form.closes_on.data),
        "outcome_expected_at": start_of_day(form.outcome_on.data) if form.outcome_on.data else None,
        "promised_formats": list(form.promised_formats.data or []), "survey_ids": list(form.survey_ids.data or []),
    }  # fmt: skip


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/<int:consultation_id>/edit", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit(consultation_id: int | None = None):
    consultation = _consultation_or_404(consultation_id) if consultation_id else None
    data = _form_data(consultation) if consultation and request.method == "GET" else None
    form = ConsultationForm(data=data)
    form.fill_choices(_survey_choices())
    if form.validate_on_submit():
        try:
            if consultation is None:
                consultation = service.create(**_values(form))
            else:
                advance(consultation, edit_conflicts.posted_version())
                service.update(consultation, **_values(form))
        except StaleEditError as stale:
            db.session.rollback()
            return _refused(consultation, form, stale.seen)
        except StageDateError as error:
            getattr(form, {"closes_at": "closes_on", "outcome_expected_at": "outcome_on"}[error.field]).errors.append(
                str(error)
            )
        except MissingFormatError as error:  # a promise added to a published consultation: said beside the promises
            form.promised_formats.errors.append(str(error))
        except ConsultationError as error:
            form.slug.errors.append(str(error))
        else:
            flash(_("Saved."))
            return _back(consultation)
    hidden = edit_conflicts.drawn(consultation.version, _form_data(consultation)) if consultation else {}
    return render_template("consultations/staff/form.html", form=form, consultation=consultation, **hidden)


def _refused(consultation: Consultation, typed: ConsultationForm, seen: int):
    """Someone saved the consultation after this form was drawn: nothing saved, the form merged on theirs."""

    def make(data: dict) -> ConsultationForm:
        form = ConsultationForm(formdata=None, data=data)
        form.fill_choices(_survey_choices())
        return form

    current = _form_data(consultation)
    form, refusal = edit_conflicts.refused_form(consultation, "consultation", current, typed, make, seen)
    title = _("Someone else saved this consultation while you were editing it")
    return edit_conflicts.render_refused("consultations/staff/form.html", consultation, current, form, refusal,
                                         title, consultation=consultation)  # fmt: skip


@bp.get("/<int:consultation_id>")
@role_required(*READERS)
def detail(consultation_id: int):
    return _detail(_consultation_or_404(consultation_id))


def _detail(consultation: Consultation, problem: str | None = None):
    """The consultation's staff page; `problem` is what was refused, shown at the top (status 400)."""
    html = render_template(
        "consultations/staff/detail.html",
        problem=problem,
        missing=service.missing_formats(consultation),
        responses=queries.responses(consultation),
        document_form=DocumentForm(formdata=None),
        version_form=VersionForm(formdata=None),
        video_form=VideoForm(formdata=None),
        outcome_form=OutcomeForm(data=_outcome_data(consultation)),
        coproduction_form=CoProductionForm(data=_coproduction_data(consultation)),
        **page_context(consultation, utcnow()),
    )
    return html, 400 if problem else 200


def _coproduction_data(consultation: Consultation) -> dict:
    names = ("agenda_set_by", "pcf_representatives", "young_people_shaping", "decided_where")
    data = {name: getattr(consultation, name) for name in names}
    return data | {"involvement": consultation.involvement.value if consultation.involvement else None}


def _outcome_data(consultation: Consultation) -> dict:
    return {"we_asked": consultation.we_asked, "you_said": consultation.you_said, "we_did": consultation.we_did}


@bp.post("/<int:consultation_id>/publish")
@role_required(*EDITORS)
def publish(consultation_id: int):
    consultation = _consultation_or_404(consultation_id)
    try:
        service.publish(consultation)
    except ConsultationError as error:
        return _detail(consultation, str(error))
    flash(_("Published. Families can see it now; it opens on its opening date."))
    return _back(consultation)


@bp.post("/<int:consultation_id>/documents")
@role_required(*EDITORS)
def add_document(consultation_id: int):
    consultation = _consultation_or_404(consultation_id)
    form = DocumentForm()
    if form.validate_on_submit():
        service.add_document(consultation, form.title.data.strip())
    return _back(consultation)


@bp.url_value_preprocessor
def _document_size_limit(endpoint: str | None, _values: dict | None) -> None:
    """An upload may be larger than other forms: that request alone gets the document limit. Set here because
    URL preprocessors run before the CSRF check, which is the first thing to read the body."""
    if endpoint == "consultations_staff.upload":
        request.max_content_length = current_app.config["CONSULTATION_DOCUMENT_MAX_BYTES"] + FORM_ROOM


@bp.post("/<int:consultation_id>/documents/<int:document_id>/versions")
@role_required(*EDITORS)
def upload(consultation_id: int, document_id: int):
    consultation = _consultation_or_404(consultation_id)
    document = _document_or_404(consultation, document_id)
    form = VersionForm()
    if not form.validate_on_submit():
        return _detail(consultation, _("Choose a file and its format."))
    try:
        service.upload_version(
            document, format=DocumentFormat(form.format.data), language=form.language.data or None,
            data=form.file.data.read(), filename=form.file.data.filename or "",
        )  # fmt: skip
    except ConsultationError as error:
        return _detail(consultation, str(error))
    return _back(consultation)


@bp.post("/<int:consultation_id>/documents/<int:document_id>/video")
@role_required(*EDITORS)
def video(consultation_id: int, document_id: int):
    consultation = _consultation_or_404(consultation_id)
    document = _document_or_404(consultation, document_id)
    form = VideoForm()
    try:
        if form.validate_on_submit():
            service.link_video(document, form.url.data)
    except ConsultationError as error:
        return _detail(consultation, str(error))
    return _back(consultation)


@bp.post("/<int:consultation_id>/versions/<int:version_id>/remove")
@role_required(*EDITORS)
def remove_version(consultation_id: int, version_id: int):
    consultation = _consultation_or_404(consultation_id)
    version = db.session.get(DocumentVersion, version_id)
    if version is None or version.document.consultation_id != consultation.id:
        abort(404)
    try:
        service.remove_version(version)
    except ConsultationError as error:
        return _detail(consultation, str(error))
    return _back(consultation)


@bp.post("/<int:consultation_id>/outcome")
@role_required(*EDITORS)
def outcome(consultation_id: int):
    consultation = _consultation_or_404(consultation_id)
    form = OutcomeForm()
    if not form.validate_on_submit():
        return _detail(consultation, _("Fill in all three parts of the outcome."))
    try:
        service.publish_outcome(
            consultation, we_asked=form.we_asked.data, you_said=form.you_said.data, we_did=form.we_did.data
        )
    except ConsultationError as error:
        return _detail(consultation, str(error))
    flash(_("The outcome is published."))
    return _back(consultation)
