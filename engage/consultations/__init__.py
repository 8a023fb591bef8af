"""Co-production consultations: stages that advance by date, accessible documents, comments, followers, outcomes."""

from flask import Flask

from engage.consultations import (  # noqa: F401  (models: the tables; staff_*: routes on the staff blueprint)
    event_models,
    event_privacy,
    event_reach,
    models,
    privacy,
    reach_sources,
    staff_action_views,
    staff_coproduction_views,
    tracker,
)
from engage.consultations.cli import consultations_cli
from engage.consultations.event_cli import events_cli
from engage.consultations.event_formats import ACCESS_NEEDS, EQUALITY_QUESTIONS, MODE_LABELS, SUPPORT, VENUE_ACCESS
from engage.consultations.event_queries import places_count, places_line, when_line
from engage.consultations.event_views import bp as events_bp
from engage.consultations.formats import ACTION_STATUS_LABELS, ACTION_STATUS_TAGS, promise_label
from engage.consultations.presenters import dates_line, english_content, file_size, staff_count, stage_label, stage_tag
from engage.consultations.staff_event_views import bp as events_staff_bp
from engage.consultations.staff_views import bp as staff_bp
from engage.consultations.stages import stage_at
from engage.consultations.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
    app.cli.add_command(consultations_cli)
    app.register_blueprint(events_bp)
    app.register_blueprint(events_staff_bp)
    app.cli.add_command(events_cli)
    app.add_template_global(places_line)
    app.add_template_global(places_count)
    app.add_template_global(when_line, "event_when")
    app.add_template_global(lambda mode: str(MODE_LABELS[mode]), "event_mode_label")
    app.add_template_filter(lambda key: str(VENUE_ACCESS.get(key, key)), "venue_access_label")
    app.add_template_filter(lambda key: str(SUPPORT.get(key, key)), "support_label")
    app.add_template_filter(lambda key: str(ACCESS_NEEDS.get(key, key)), "access_need_label")
    app.jinja_env.globals["equality_questions"] = EQUALITY_QUESTIONS
    for helper in (dates_line, english_content, file_size, staff_count, stage_label, stage_tag):
        app.add_template_global(helper)
    app.add_template_global(stage_at, "staff_stage")
    app.add_template_filter(promise_label)
    app.add_template_filter(staff_count)  # disclosure control for counts on staff pages
    # the actions tracker shown on "You said, we did" (engage/localoffer), beside the regulation 56 responses
    app.add_template_global(tracker.public_tracker, "actions_tracker")
    app.jinja_env.globals.update(action_status_labels=ACTION_STATUS_LABELS, action_status_tags=ACTION_STATUS_TAGS)
    tracker.register()
    reach_sources.register()
    privacy.register()
    event_reach.register()
    event_privacy.register()
