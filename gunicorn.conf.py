"""gunicorn settings for Engage; each can be overridden with the environment variable named beside it."""

import multiprocessing
import os
import re

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


def post_worker_init(worker):
    """Load the insight engine's models before the first request, not during a family's submission."""
    from engage.insight import warm_up

    warm_up()
