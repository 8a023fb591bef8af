"""Answering a survey: start, one page at a time, check answers, submit once, confirmation."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import pgettext

from engage.clock import utcnow
from engage.extensions import limiter
from engage.i18n import current_language_code
from engage.surveys import forms, page_cache, routing, service
from engage.surveys.definitions import Survey, Text
from engage.surveys.service import Draft

bp = Blueprint("surveys", __name__, template_folder="templates")
DRAFTS = "survey_drafts"  #: session key: {survey id: draft key}
DONE = "survey_done"  #: session key: {survey id: response reference}
CODE = "survey_resume_code"  #: session key: {survey id: code just issued}, shown once on the saved page


@bp.app_template_global()
def survey_text(text: Text | None) -> str:
    """A survey string in the reader's language (msgctxt = element id)."""
    return pgettext(text.context, text.source) if text else ""


# --------------------------------------------------------------------------- helpers


def open_survey_or_404(survey_id: str) -> Survey:
    survey = service.registry().get(survey_id)
    if survey is None:
        abort(404)
    return survey


def is_closed(survey: Survey) -> bool:
    return not survey.is_open(utcnow().date())


def current_draft(survey_id: str) -> Draft | None:
    return service.find_draft(session.get(DRAFTS, {}).get(survey_id), survey_id)


def remember(mapping: str, survey_id: str, value: str | None) -> None:
    stored = dict(session.get(mapping, {}))
    if value is None:
        stored.pop(survey_id, None)
    else:
        stored[survey_id] = value
    session[mapping] = stored
    if mapping == DRAFTS and value:
        # Keep the cookie when the browser closes, so the same phone resumes (PERMANENT_SESSION_LIFETIME).
        session.permanent = True


def draft_survey(draft: Draft) -> Survey:
    """The version this draft started on (a newer file does not change it)."""
    survey = service.registry().version(draft.survey_id, draft.survey_version)
    if survey is None:
        abort(404)
    return survey


def resume_url(survey: Survey, draft: Draft):
    page = routing.first_incomplete_page(survey, draft.answers, set(draft.completed_pages))
    if page is None:
        return url_for("surveys.check", survey_id=survey.id)
    return url_for("surveys.page", survey_id=survey.id, page_id=page.id)


# --------------------------------------------------------------------------- views


@bp.get("/surveys")
def index():
    return render_template("surveys/index.html", surveys=service.open_surveys())


@bp.get("/surveys/<survey_id>")
def start(survey_id: str):
    survey = open_survey_or_404(survey_id)
    if is_closed(survey):
        return render_template("surveys/closed.html", survey=survey)
    draft = current_draft(survey_id)
    src = service.clean_src(request.args.get("src"))

    def render() -> str:
        return render_template("surveys/start.html", survey=survey, draft=draft, form=forms.EmptyForm(), src=src)

    if draft is None and "_flashes" not in session:
        # A family arriving from a link: the same page for everyone at this URL (language and src are in it),
        # so it is rendered once per process and only its CSRF token changes (see page_cache).
        key = ("start", request.script_root, request.full_path, survey.version)
        return page_cache.render(key, render)
    return render()


@bp.post("/surveys/<survey_id>/start")
def begin(survey_id: str):
    survey = open_survey_or_404(survey_id)
    if is_closed(survey):
        return render_template("surveys/closed.html", survey=survey)
    if not forms.EmptyForm().validate_on_submit():
        abort(400)
    draft = current_draft(survey_id)
    if draft is None:
        draft = service.start(survey, language=current_language_code(), src=request.form.get("src"))
        remember(DRAFTS, survey_id, draft.key)
    return redirect(resume_url(draft_survey(draft), draft))


@bp.route("/surveys/<survey_id>/page/<page_id>", methods=["GET", "POST"])
def page(survey_id: str, page_id: str):
    open_survey_or_404(survey_id)
    draft = current_draft(survey_id)
    if draft is None:
        return redirect(url_for("surveys.start", survey_id=survey_id))
    survey = draft_survey(draft)
    if is_closed(survey):
        return render_template("surveys/closed.html", survey=survey)
    current = survey.page(page_id)
    if current is None or not routing.can_visit(survey, draft.answers, set(draft.completed_pages), page_id):
        return redirect(resume_url(survey, draft))
    questions = routing.visible_questions(current, draft.answers)
    changing = request.args.get("change") == "1"
    if request.method == "GET" and not page_answered(current, draft.answers):
        view = PageView(survey, current, questions, changing, draft.answers)
        key = (request.script_root, request.full_path, survey.version, view.key())
        return page_cache.render(key, lambda: view.render(forms.page_form(survey, current, questions, {})))
    form = forms.page_form(survey, current, questions, draft.answers)
    if request.method == "POST":
        if request.form.get("action") == "save-later":
            return save_for_later(survey, draft, current, questions, form)
        if form.validate():
            service.save_page(draft, current, forms.answers_from_form(form, questions))
            session.modified = True  # the cookie's expiry follows the draft's, renewed by each save
            return redirect(after_page(survey, draft, page_id, changing))
    view = PageView(survey, current, questions, changing, draft.answers)
    return view.render(form), (400 if form.errors else 200)


def page_answered(page, answers) -> bool:
    return any(q.id in answers for q in page.questions)


class PageView:
    """What a question page shows around its form: progress and where Back goes."""

    def __init__(self, survey: Survey, current, questions, changing: bool, answers):
        self.survey, self.current, self.questions, self.changing = survey, current, questions, changing
        self.number, self.total = routing.progress(survey, answers, current.id)
        self.previous = routing.previous_page(survey, answers, current.id)

    def key(self) -> tuple:
        previous = self.previous.id if self.previous else None
        return (tuple(q.id for q in self.questions), self.number, self.total, previous)

    def back(self) -> str:
        if self.changing:
            return url_for("surveys.check", survey_id=self.survey.id)
        if self.previous:
            return url_for("surveys.page", survey_id=self.survey.id, page_id=self.previous.id)
        return url_for("surveys.start", survey_id=self.survey.id)

    def render(self, form) -> str:
        return render_template(
            "surveys/page.html",
            survey=self.survey,
            page=self.current,
            questions=self.questions,
            form=form,
            number=self.number,
            total=self.total,
            back=self.back(),
            changing=self.changing,
        )


def after_page(survey: Survey, draft: Draft, page_id: str, changing: bool):
    if changing:
        return resume_url(survey, draft)  # back to check answers unless a newly shown page needs answers
    following = routing.next_page(survey, draft.answers, page_id)
    if following is None:
        return resume_url(survey, draft)
    return url_for("surveys.page", survey_id=survey.id, page_id=following.id)


def save_for_later(survey, draft, current, questions, form):
    """Keep every answer that is valid, even if the page is not finished, then give a resume code."""
    form.validate()
    service.save_page(
        draft, current, forms.answers_from_form(form, questions, valid_only=True), complete=not form.errors
    )
    remember(CODE, survey.id, service.issue_resume_code(draft))
    return redirect(url_for("surveys.saved", survey_id=survey.id))


@bp.route("/surveys/<survey_id>/saved", methods=["GET", "POST"])
@limiter.limit("5/hour", methods=["POST"])  # each POST may send an email
def saved(survey_id: str):
    survey = open_survey_or_404(survey_id)
    code = session.get(CODE, {}).get(survey_id)
    draft = current_draft(survey_id)
    if not code or draft is None:
        return redirect(url_for("surveys.start", survey_id=survey_id))
    link = resume_link(code)
    email_form = forms.ResumeEmailForm()
    sent = False
    if request.method == "POST" and email_form.validate():
        sent = send_resume_email(email_form.email.data, survey, code, link)
        if not sent:
            email_form.email.errors.append(_("We could not send the email. Write the code down instead."))
    return render_template("surveys/saved.html", survey=survey, code=code, link=link, form=email_form, sent=sent)


def resume_link(code: str) -> str:
    """The public address (SITE_URL) of the resume page with the code, in the reader's language."""
    language = current_language_code()
    base = current_app.config["SITE_URL"].rstrip("/") + ("" if language == "en" else f"/{language}")
    with current_app.test_request_context(base_url=base):
        return url_for("surveys.resume", code=code, _external=True)


def send_resume_email(address: str, survey: Survey, code: str, link: str) -> bool:
    """Send the code; the address is used for this one email and never stored."""
    from engage.mail import send_email

    title = survey_text(survey.title)
    context = {"survey_title": title, "code": code, "link": link, "days": current_app.config["SURVEY_DRAFT_DAYS"]}
    try:
        send_email(
            address,
            _("Your code to finish: %(title)s", title=title),
            render_template("surveys/email/resume_code.txt", **context),
            render_template("surveys/email/resume_code.html", **context),
        )
    except OSError:  # smtplib.SMTPException is an OSError
        current_app.logger.warning("Resume code email could not be sent", exc_info=True)
        return False
    return True


@bp.route("/surveys/resume", methods=["GET", "POST"])
@limiter.limit("20/minute", methods=["POST"])
def resume():
    form = forms.ResumeForm(code=request.args.get("code", ""))
    if request.method == "POST" and form.validate():
        draft = service.resume(form.code.data)
        if draft is not None:
            remember(DRAFTS, draft.survey_id, draft.key)
            return redirect(resume_url(draft_survey(draft), draft))
        form.code.errors.append(_("That code is wrong or has expired. Check it, or start the survey again."))
    return render_template("surveys/resume.html", form=form), (400 if form.errors else 200)


@bp.get("/surveys/<survey_id>/check")
def check(survey_id: str):
    open_survey_or_404(survey_id)
    draft = current_draft(survey_id)
    if draft is None:
        return redirect(url_for("surveys.start", survey_id=survey_id))
    survey = draft_survey(draft)
    if is_closed(survey):
        return render_template("surveys/closed.html", survey=survey)
    if routing.first_incomplete_page(survey, draft.answers, set(draft.completed_pages)):
        return redirect(resume_url(survey, draft))
    form = forms.SubmitForm(submission_token=draft.submission_token)
    return render_template(
        "surveys/check.html",
        survey=survey,
        draft=draft,
        form=form,
        pages=routing.visible_pages(survey, draft.answers),
        routing=routing,
    )


@bp.post("/surveys/<survey_id>/submit")
def submit(survey_id: str):
    open_survey_or_404(survey_id)
    form = forms.SubmitForm()
    if not form.validate():
        abort(400)
    token = form.submission_token.data
    if service.response_for_token(token):
        return already_submitted(survey_id)
    draft = current_draft(survey_id)
    if draft is None:
        # A twin request may have submitted (and removed the draft) since the check above.
        if service.response_for_token(token):
            return already_submitted(survey_id)
        return redirect(url_for("surveys.start", survey_id=survey_id))
    survey = draft_survey(draft)
    if is_closed(survey):
        return render_template("surveys/closed.html", survey=survey)
    try:
        response = service.submit(draft, survey, token)
    except service.AlreadySubmittedError:
        return already_submitted(survey_id)
    except service.NotCompleteError:
        return redirect(resume_url(survey, draft))
    remember(DRAFTS, survey_id, None)
    remember(DONE, survey_id, response.reference)
    return redirect(url_for("surveys.confirmation", survey_id=survey_id))


def already_submitted(survey_id: str):
    survey = open_survey_or_404(survey_id)
    reference = session.get(DONE, {}).get(survey_id)
    return render_template("surveys/already_submitted.html", survey=survey, reference=reference), 409


@bp.get("/surveys/<survey_id>/confirmation")
def confirmation(survey_id: str):
    survey = open_survey_or_404(survey_id)
    reference = session.get(DONE, {}).get(survey_id)
    if not reference:
        return redirect(url_for("surveys.start", survey_id=survey_id))
    return render_template("surveys/confirmation.html", survey=survey, reference=reference)
