"""Engage: the SEND partnership's Local Offer, surveys, feedback and insight, in one Flask application."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from whitenoise import WhiteNoise

from engage import (
    area,
    audit,  # noqa: F401  (imported for its table: the audit log is part of every installation)
    auth,
    consultations,
    csrf_tokens,
    database,
    dates,
    digests,
    error_summary,
    errors,
    feedback,
    i18n,
    insight,
    localoffer,
    navigation,
    ops,
    pages,
    pagination,
    plain_text,
    reach,
    reports,
    request_values,
    security,
    sessions,
    surveys,
)
from engage.area_cli import area_cli
from engage.config import check_production_safety, from_environment
from engage.demo import demo_cli
from engage.extensions import babel, csrf, db, limiter, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the application: settings, extensions, our modules, then each feature."""
    app = Flask(__name__, instance_path=str(PROJECT_ROOT / "instance"))
    app.config.update(from_environment(Path(app.instance_path)))
    app.config.update(config or {})
    check_production_safety(app.config)
    use_area(app)

    wire_templates(app)
    wire_extensions(app)
    database.init_app(app)
    security.init_app(app)
    sessions.init_app(app)
    request_values.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    navigation.init_app(app)
    error_summary.init_app(app)
    ops.init_app(app)
    plain_text.init_app(app)
    dates.init_app(app)
    pagination.init_app(app)

    pages.init_app(app)
    auth.init_app(app)
    localoffer.init_app(app)
    feedback.init_app(app)
    surveys.init_app(app)
    insight.init_app(app)
    reach.init_app(app)
    reports.init_app(app)
    digests.init_app(app)
    consultations.init_app(app)
    app.cli.add_command(demo_cli)
    app.cli.add_command(area_cli)

    serve_static_files(app)
    ops.wrap_wsgi(app)
    return app


def use_area(app: Flask) -> None:
    """Read and check the area file (every problem named, or no start), then serve that area."""
    served = area.activate(area.load(app.config.get("AREA_FILE") or area.configured_path()))
    app.config.update(
        AREA_NAME=served.name,
        PARTNERSHIP_NAME=served.partnership,
        AREA_ONS_CODE=served.ons_code,
        AREA_CONTACT_EMAIL=served.contact.email,
    )
    app.extensions["engage.area"] = served


def wire_templates(app: Flask) -> None:
    """Our templates first, then GOV.UK Frontend's macros under their package names."""
    app.jinja_loader = ChoiceLoader(
        [
            app.jinja_loader,
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    from govuk_frontend_wtf.main import WTFormsHelpers

    WTFormsHelpers(app)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def wire_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True, compare_type=True)
    babel.init_app(
        app,
        locale_selector=i18n.current_language_code,
        default_translation_directories=str(PROJECT_ROOT / "translations"),
    )
    csrf.init_app(app)
    csrf_tokens.use_one_serializer_per_key()
    limiter.init_app(app)
    login_manager.init_app(app)


def serve_static_files(app: Flask) -> None:
    """Built assets are served by WhiteNoise (pre-compressed) ahead of the language prefix: a year's cache for
    content-hashed names only, a minute for anything else."""
    app.wsgi_app = WhiteNoise(
        app.wsgi_app,
        root=app.static_folder,
        prefix="static/",
        max_age=60,
        immutable_file_test=ops.assets.is_immutable,
        add_headers_function=security.set_static_headers,
    )
