"""Subject access and erasure by contact email (routes on the feedback_staff blueprint); every step audited."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import ngettext

from engage.auth.permissions import role_required
from engage.feedback import privacy
from engage.feedback.forms import SubjectEraseForm, SubjectExportForm, SubjectFindForm
from engage.feedback.staff_views import bp


@bp.route("/subject-access", methods=["GET", "POST"])
@role_required("moderator", "admin")
def subject_access():
    """Find by email with a POST, so the address never sits in a URL or a server log."""
    form = SubjectFindForm(prefix="find")
    subject = email = None
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        subject = privacy.find_subject(email)
    return render_template(
        "feedback/staff/subject_access.html",
        form=form,
        email=email,
        subject=subject,
        export_form=SubjectExportForm(prefix="export", data={"email": email}),
        erase_form=SubjectEraseForm(prefix="erase", formdata=None, data={"email": email}),
    )


@bp.post("/subject-access/export")
@role_required("moderator", "admin")
def subject_export():
    form = SubjectExportForm(prefix="export")
    if not form.validate_on_submit():
        return redirect(url_for("feedback_staff.subject_access"))
    fmt = "csv" if form.format.data == "csv" else "json"
    content, mimetype = privacy.export_subject(form.email.data, fmt)
    headers = {"Content-Disposition": f'attachment; filename="subject-access.{fmt}"'}
    return Response(content, mimetype=mimetype, headers=headers)


@bp.post("/subject-access/erase")
@role_required("moderator", "admin")
def subject_erase():
    form = SubjectEraseForm(prefix="erase")
    if not form.validate_on_submit():
        find = SubjectFindForm(prefix="find", formdata=None)
        page = render_template("feedback/staff/subject_access.html", form=find, email=form.email.data,
                               subject=None, export_form=None, erase_form=form)  # fmt: skip
        return page, 400
    count = privacy.erase_subject(form.email.data, form.mode.data)
    flash(ngettext("%(num)s comment erased", "%(num)s comments erased", count))
    return redirect(url_for("feedback_staff.subject_access"))
