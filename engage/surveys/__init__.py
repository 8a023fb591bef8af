"""Surveys: definitions as data files, answered page by page with save-and-resume, submitted once.

``definitions``, ``routing`` and ``extract`` are plain Python; Flask parts are imported in ``init_app``.
"""


def init_app(app) -> None:
    """Load the survey files (a bad file is refused and logged) and wire views and commands."""
    from pathlib import Path

    from engage.surveys import display, models, reach_sources, service  # noqa: F401 - models for create_all/alembic
    from engage.surveys.cli import surveys_cli
    from engage.surveys.staff_views import staff_bp
    from engage.surveys.views import bp

    app.config.setdefault("SURVEYS_DIR", str(Path(app.root_path).parent / "surveys"))
    app.config.setdefault("SURVEY_DRAFT_DAYS", 30)
    service.load_registry(app)
    display.init_app(app)
    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
    app.cli.add_command(surveys_cli)
    reach_sources.register()
