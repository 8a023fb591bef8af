"""Benchmark: the reports dashboard and a digest run at scale (not a test; prints times and ratios to targets).

    /work/main/.venv/bin/python bench/reports.py [--responses 100000] [--comments 50000] [--subscribers 50]

Uses SQLite in a temporary folder, or PostgreSQL when DATABASE_URL is set. People and comments come from
synthetic sources registered in the same registries surveys and feedback use; once those features register
their database-backed sources, pass --real-sources to measure them instead (load data first).
Targets (issue 7): dashboard median under 500 ms; 50 digests under 30 s; peak memory under 500 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import secrets
import socket
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyotp  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402

from engage import create_app  # noqa: E402
from engage.auth import passwords  # noqa: E402
from engage.auth.models import Role, User  # noqa: E402
from engage.digests import service as digest_service  # noqa: E402
from engage.extensions import db  # noqa: E402
from engage.reach import sources  # noqa: E402
from engage.reach.baseline import parse_baseline  # noqa: E402
from engage.reach.synthetic import synthetic_participations  # noqa: E402
from engage.reach.web import service as reach_service  # noqa: E402

BASELINE = Path(__file__).resolve().parent.parent / "engage/reach/data/demo_baseline.csv"
THEMES = (
    "Waiting times",
    "Communication",
    "Staff attitude",
    "EHC plans",
    "Transport",
    "Short breaks",
    "Mental health",
    "School support",
    "Information",
    "Transition to adulthood",
)
PASSWORD = "benchmark password for reports"


class Sink:
    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        return "250 OK"


def _comments(count: int, end: datetime, days: int):
    rng = random.Random(7)
    for _ in range(count):
        themes = tuple(rng.sample(THEMES, rng.choice((1, 1, 2, 3))))
        yield sources.CommentInsight(
            "survey:send-experience-2026",
            end - timedelta(seconds=rng.randrange(days * 86400)),
            rng.choice(("en", "en", "en", "pl", "ro")),
            rng.choices(("positive", "neutral", "mixed", "negative"), (3, 2, 1, 4))[0],
            themes,
            "A redacted quote." if rng.random() < 0.01 else None,
        )


def _window(items):
    def source(since, until):
        return [
            i for i in items if (since is None or i.submitted_at >= since) and (until is None or i.submitted_at < until)
        ]

    return source


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--subscribers", type=int, default=50)
    parser.add_argument("--requests", type=int, default=9)
    parser.add_argument("--real-sources", action="store_true")
    parser.add_argument("--profile", action="store_true", help="Profile one dashboard request and stop.")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="engage-bench-")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(Sink(), hostname="127.0.0.1", port=port)
    smtp.start()
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite"
    app = create_app(
        {
            "TESTING": True,
            "ENGAGE_ENV": "testing",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "SQLALCHEMY_DATABASE_URI": database.replace("postgresql://", "postgresql+psycopg://", 1),
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": port,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    end = datetime(2026, 11, 22, 23)
    with app.app_context():
        db.drop_all()
        db.create_all()
        reach_service.import_baseline(BASELINE.read_bytes(), "Bench", date(2026, 1, 15))
        if not args.real_sources:
            people = list(
                synthetic_participations(args.responses, parse_baseline(BASELINE.read_bytes()), end=end, days=120)
            )
            comments = list(_comments(args.comments, end, 120))
            sources.register_participation_source("bench", _window(people))
            sources.register_comment_source("bench", _window(comments))
        print(f"database: {db.engine.url.get_backend_name()}; responses {args.responses:,}; comments {args.comments:,}")
        client = app.test_client()
        _login(client)
        if args.profile:
            import cProfile
            import pstats

            client.get("/staff/reports/?period=all")  # warm: imports, templates
            cProfile.runctx("client.get('/staff/reports/?period=all')", globals(), {"client": client}, "/tmp/dash.prof")
            pstats.Stats("/tmp/dash.prof").sort_stats("tottime").print_stats(15)
            return
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get("/staff/reports/?period=all")
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
        median = statistics.median(times)
        print(
            f"dashboard (all time): median {median * 1000:.0f} ms over {args.requests} requests; "
            f"ratio to the 500 ms target {median / 0.5:.2f}"
        )
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            client.get("/staff/reports/?period=2026-11")
            times.append(time.perf_counter() - start)
        print(f"dashboard (one month): median {statistics.median(times) * 1000:.0f} ms")
        for i in range(args.subscribers):
            user = User(
                email=f"bench{i}@example.invalid",
                role=Role.leader if i % 2 else Role.moderator,
                password_hash="x",
                totp_secret=pyotp.random_base32(),
                language=("en", "pl", "ur")[i % 3],
            )
            db.session.add(user)
            db.session.flush()
            digest_service.save_subscription(
                user, frequency="weekly", sections=list(digest_service.SECTIONS), email=True, webhook_url=None
            )
        start = time.perf_counter()
        report = digest_service.send_digests("weekly", today=date(2026, 11, 23))
        elapsed = time.perf_counter() - start
        print(
            f"digest run: {report.count('sent')} sent in {elapsed:.1f} s; ratio to the 30 s target {elapsed / 30:.2f}"
        )
    smtp.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB; ratio to the 500 MB target {peak / 500:.2f}")


def _login(client) -> None:
    user = User(
        email="bench-leader@example.invalid",
        role=Role.leader,
        password_hash=passwords.hash_password(PASSWORD),
        totp_secret=pyotp.random_base32(),
    )
    db.session.add(user)
    db.session.commit()
    client.post("/staff/login", data={"email": user.email, "password": PASSWORD})
    response = client.post("/staff/login/code", data={"code": pyotp.TOTP(user.totp_secret).now()})
    assert response.status_code == 302, "login failed"


if __name__ == "__main__":
    main()
