"""gunicorn settings for Engage; each can be overridden with the environment variable named beside it."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Behind a reverse proxy, list its address so X-Forwarded-* headers are trusted (ENGAGE: PROXY_FIX_X_FOR too).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# No client address, user agent or query string (resume codes live there) in the access log.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'


def post_worker_init(worker):
    """Load the insight engine's models before the first request, not during a family's submission; compile the
    report pages' templates, so a worker's first report view is as quick as its others."""
    from engage.insight import warm_up
    from engage.reports.warmup import warm_up as warm_up_reports

    warm_up()
    warm_up_reports(worker.wsgi)
