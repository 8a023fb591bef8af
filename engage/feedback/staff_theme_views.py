"""Theme management for moderators: add, rename, merge and retire (routes on the feedback_staff blueprint)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from engage.auth.permissions import role_required
from engage.extensions import db
from engage.feedback import themes
from engage.feedback.forms import ConfirmForm, ThemeAddForm, ThemeMergeForm
from engage.feedback.models import Theme
from engage.feedback.staff_views import bp


def _theme(theme_id: int) -> Theme:
    return db.session.get(Theme, theme_id) or abort(404)


def _merge_form(theme: Theme | None = None) -> ThemeMergeForm:
    form = ThemeMergeForm(prefix="merge")
    form.target.choices = [(t.id, t.name) for t in themes.active_themes() if theme is None or t.id != theme.id]
    return form


@bp.route("/themes", methods=["GET", "POST"])
@role_required("moderator")
def theme_list():
    themes.ensure_seeded()
    form = ThemeAddForm(prefix="add")
    if form.validate_on_submit():
        theme = themes.add_theme(form.name.data)
        flash(_("Theme “%(name)s” added", name=theme.name))
        return redirect(url_for("feedback_staff.theme_list"))
    return render_template("feedback/staff/themes.html", form=form, themes=themes.all_themes(), confirm=ConfirmForm())


@bp.route("/themes/<int:theme_id>", methods=["GET", "POST"])
@role_required("moderator")
def theme_edit(theme_id: int):
    theme = _theme(theme_id)
    rename = ThemeAddForm(prefix="rename", data={"name": theme.name})
    rename.submit.label.text = _("Rename")
    merge = _merge_form(theme)
    if request.method == "POST" and "rename-submit" in request.form and rename.validate():
        themes.rename_theme(theme, rename.name.data)
        flash(_("Theme renamed"))
        return redirect(url_for("feedback_staff.theme_list"))
    if request.method == "POST" and "merge-submit" in request.form and merge.validate():
        moved = themes.merge_theme(theme, _theme(merge.target.data))
        flash(ngettext("Theme merged; %(num)s comment recoded", "Theme merged; %(num)s comments recoded", moved))
        return redirect(url_for("feedback_staff.theme_list"))
    return render_template("feedback/staff/theme_edit.html", theme=theme, rename=rename, merge=merge,
                           confirm=ConfirmForm(prefix="retire"))  # fmt: skip


@bp.post("/themes/<int:theme_id>/retire")
@role_required("moderator")
def theme_retire(theme_id: int):
    theme = _theme(theme_id)
    if ConfirmForm(prefix="retire").validate_on_submit():
        themes.retire_theme(theme)
        flash(_("Theme retired"))
    return redirect(url_for("feedback_staff.theme_list"))
