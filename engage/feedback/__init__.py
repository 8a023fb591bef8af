"""Free-text feedback from families and the moderation queue that keeps them safe."""

from flask import Flask

from engage.feedback import models, reach_sources, survey_answers  # noqa: F401  (models registers the tables)
from engage.feedback.cli import feedback_cli, retrain_into
from engage.feedback.staff_views import bp as staff_bp
from engage.feedback.views import bp, feedback_url
from engage.insight.cli import set_retrainer
from engage.surveys.retention import on_hold, on_purge
from engage.surveys.service import on_submission


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
    app.cli.add_command(feedback_cli)
    app.add_template_global(feedback_url)
    reach_sources.register()
    set_retrainer(retrain_into)  # `insight retrain` learns from this feature's coded comments
    on_submission(survey_answers.record)  # free-text survey answers are analysed and moderated like comments
    on_purge(survey_answers.forget_purged)  # and deleted with their response, unless published
    on_hold(survey_answers.held_by_open_concern)  # not while a safeguarding concern in them is still open
