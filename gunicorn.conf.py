"""gunicorn settings for Engage; each can be overridden with the environment variable named beside it."""

import multiprocessing
import os
import re
import sys

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# gunicornc's control socket, one per instance: gunicorn's default ($XDG_RUNTIME_DIR/gunicorn.ctl) is shared by
# every gunicorn of a user on the host, so a second server would take the first one's. systemd sets the path.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or os.path.join(
    os.environ.get("XDG_RUNTIME_DIR") or os.path.expanduser("~/.gunicorn"),
    "engage-" + re.sub(r"[^A-Za-z0-9.-]", "_", bind) + ".ctl",
)
# Behind a reverse proxy, list its address so X-Forwarded-* headers are trusted (ENGAGE: PROXY_FIX_X_FOR too).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Engage logs one JSON line per request itself (engage/ops/requestlog.py); gunicorn's access log is off unless
# asked for. No client address, user agent or query string (resume codes live there) in either.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'


# The master loads the application once and forks ready workers: a reload (SIGHUP) or a replaced worker answers
# at once instead of each worker importing everything again (10-18 s of stall), and the insight engine's models
# are shared between workers copy-on-write. New code needs a new master: `kill -USR2` the master, then `kill -QUIT`
# the old one once the new one answers (see the README); GUNICORN_PRELOAD=false loads the app in each worker.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").strip().lower() not in {"0", "false", "no", "off"}


def _engage(app) -> bool:
    """Whether gunicorn serves Engage with these settings (bench/surveys.py serves a bare Flask app with them too)."""
    return "engage" in sys.modules and "sqlalchemy" in getattr(app, "extensions", {})


def _warm_up(app) -> None:
    """Load the insight engine's models before the first request, not during a family's submission; compile the
    report pages' templates and load each language's dates, so a leader's first report view is as quick as others."""
    from engage.insight import warm_up
    from engage.reports.warmup import warm_up as warm_up_reports

    with app.app_context():
        warm_up()
    warm_up_reports(app)


def _close_connections(app, *, close: bool) -> None:
    """Forget pooled database connections. In the master (close=True) they are closed before any fork; in a new
    worker (close=False) any inherited one is dropped without touching the socket the master or a sibling owns."""
    from engage.extensions import db

    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=close)


def _compile_templates(app) -> None:
    """Compile every page template now, so a freshly forked worker's first requests do not each compile theirs."""
    environment = app.jinja_env
    names = environment.list_templates(extensions=("html", "txt"))
    for name in names:
        environment.get_template(name)


def when_ready(server):
    """Preloaded: warm the engine and compile the templates once in the master, before the first worker forks."""
    app = server.app.wsgi() if server.cfg.preload_app else None
    if app is not None and _engage(app):
        _warm_up(app)
        _compile_templates(app)
        _close_connections(app, close=True)


def post_fork(server, worker):
    app = worker.app.wsgi() if server.cfg.preload_app else None
    if app is not None and _engage(app):
        _close_connections(app, close=False)


def post_worker_init(worker):
    """Not preloaded: each worker warms its own engine."""
    app = worker.wsgi
    if not worker.cfg.preload_app and _engage(app):
        _warm_up(app)
