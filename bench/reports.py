"""Benchmark: every report view and a digest run at scale, over the real database tables and the
database-backed sources the application registers (not a test; prints 95th percentiles and ratios).

    .venv/bin/python bench/reports.py [--responses 100000] [--comments 50000] [--subscribers 50]
                                      [--database-url postgresql+psycopg://USER:PASS@HOST/DB] [--smoke]

Loads fictional survey responses (with their drafts, for the drop-off funnel) and feedback comments (themes
suggested, some confirmed by moderators, a few published) straight into the tables with bulk inserts, then
measures, in the same run:

- a reference: the median time of a light staff page (the digest settings page) through the same client;
- `flask reports precompute` (what cron runs), then every report view (the dashboard for all time, a month and
  a week, with each filter, the exports and the reach page): its first view on a fresh worker (a new application
  with empty per-process caches, as another gunicorn worker or machine would be) and its warm views, with the
  95th percentile of all of them against the 1 s target and as a ratio to the reference;
- the first view of a month and a week whose protection is not stored (solved at request time), for the record;
- a digest run for `--subscribers` staff (email through a local SMTP sink), against the 30 s target;
- peak memory (max RSS), against the 500 MB target.

SQLite in a temporary folder by default. With --database-url the database is emptied first (drop_all): give
it a database of its own (e.g. engage_bench_reach), never a shared one. Exits non-zero when a target is missed.
--smoke: 5,000 responses, 2,000 comments, 5 subscribers and 3 requests per view, for a quick check.
"""

from __future__ import annotations

import argparse
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
from sqlalchemy import delete, insert, select  # noqa: E402

from engage import create_app  # noqa: E402
from engage.auth import passwords  # noqa: E402
from engage.auth.models import Role, User  # noqa: E402
from engage.digests import service as digest_service  # noqa: E402
from engage.digests.models import DigestDelivery, Subscription  # noqa: E402
from engage.extensions import db  # noqa: E402
from engage.feedback import themes as feedback_themes  # noqa: E402
from engage.feedback.models import (  # noqa: E402
    AnalysisStatus,
    Comment,
    CommentStatus,
    PublishConsent,
    Theme,
    Topic,
    comment_themes,
)
from engage.reach.baseline import parse_baseline  # noqa: E402
from engage.reach.periods import parse_period  # noqa: E402
from engage.reach.synthetic import synthetic_participations  # noqa: E402
from engage.reach.web import protections, tallies  # noqa: E402
from engage.reach.web import service as reach_service  # noqa: E402
from engage.reach.web.models import ReachProtection  # noqa: E402
from engage.reports.service import protect_offered_periods  # noqa: E402
from engage.reports.warmup import warm_up  # noqa: E402
from engage.surveys import service as survey_service  # noqa: E402
from engage.surveys.models import DraftState, SurveyDraft, SurveyReachAnswer, SurveyResponse  # noqa: E402
from engage.surveys.reach_sources import reach_answers  # noqa: E402

BASELINE = Path(__file__).resolve().parent.parent / "engage/reach/data/demo_baseline.csv"
PASSWORD = "benchmark password for reports"
END = datetime(2026, 11, 22, 23)
DAYS = 120
CHUNK = 5_000
#: survey id -> share of responses
SURVEYS = {"parent-carer-send-survey-2026": 0.7, "young-people-easy-read-2026": 0.2, "local-offer-feedback": 0.1}
#: share of drafts that were started but not submitted
ABANDONED = 0.25
SENTIMENTS = (("positive", 3), ("neutral", 2), ("mixed", 1), ("negative", 4))


class Sink:
    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        return "250 OK"


def _chunks(rows, size=CHUNK):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def load_responses(count: int) -> None:
    """`count` submitted responses (and their drafts) plus abandoned drafts, answers drawn from the baseline with
    some communities reached less (engage.reach.synthetic), spread over the surveys and outreach channels."""
    registry = survey_service.registry()
    surveys = {sid: registry.get(sid) for sid in SURVEYS}
    questions = {
        sid: {q.reach: q.id for q in survey.questions() if q.reach and q.type == "single"}
        for sid, survey in surveys.items()
    }
    rng = random.Random(11)
    people = synthetic_participations(count, parse_baseline(BASELINE.read_bytes()), end=END, days=DAYS)
    names, weights = list(SURVEYS), list(SURVEYS.values())

    def rows():
        for i, person in enumerate(people):
            sid = rng.choices(names, weights)[0]
            answers = {questions[sid][d]: g for d, g in person.groups.items() if d in questions[sid]}
            answers |= {"overall": "Bench answer text that is not counted.", "kept_informed": "sometimes"}
            yield i, sid, answers, person

    for batch in _chunks(rows()):
        responses, drafts, reach = [], [], []
        for i, sid, answers, person in batch:
            token = f"bench-{i:08d}"
            common = {"survey_id": sid, "survey_version": surveys[sid].version, "answers": answers}
            common |= {"src": person.channel, "language": person.language or "en"}
            responses.append(
                common
                | {
                    "id": i + 1,
                    "submission_token": token,
                    "reference": f"B{i:09d}",
                    "submitted_at": person.submitted_at,
                }
            )
            # what the application copies out when it stores a response (bulk inserts skip the ORM hook)
            reach += [
                {"response_id": i + 1, "dimension": dimension, "answer": answer, "survey_id": sid}
                | {"src": person.channel, "submitted_at": person.submitted_at}
                for dimension, answer in reach_answers(sid, surveys[sid].version, answers).items()
            ]
            drafts.append(_draft(common, token, person.submitted_at, DraftState.SUBMITTED, surveys[sid].pages[-1].id))
            if rng.random() < ABANDONED / (1 - ABANDONED):
                page = rng.choice(surveys[sid].pages[:-1]).id
                drafts.append(_draft(common, f"{token}-x", person.submitted_at, DraftState.ACTIVE, page))
        db.session.execute(insert(SurveyResponse), responses)
        db.session.execute(insert(SurveyReachAnswer), reach)
        db.session.execute(insert(SurveyDraft), drafts)
    db.session.commit()


def _draft(common: dict, token: str, at: datetime, state: DraftState, last_page: str) -> dict:
    return common | {
        "key": token,
        "submission_token": token,
        "state": state,
        "last_page": last_page,
        "completed_pages": [],
        "created_at": at - timedelta(minutes=15),
        "updated_at": at,
        "expires_at": at + timedelta(days=30),
    }


def load_comments(count: int) -> None:
    """`count` analysed comments: engine-suggested themes on all, moderator-confirmed themes on a fifth, a few
    published with a redacted quote, some rejected (left out of reports)."""
    feedback_themes.ensure_seeded()
    themes = dict(db.session.execute(select(Theme.slug, Theme.id)).all())
    slugs = sorted(themes)
    rng = random.Random(7)
    topics = list(Topic)
    first_id = (db.session.scalar(select(Comment.id).order_by(Comment.id.desc()).limit(1)) or 0) + 1
    statuses = [CommentStatus.new, CommentStatus.in_review, CommentStatus.published, CommentStatus.rejected]
    status_weights = [10, 5, 3, 2]
    sentiments, sentiment_weights = zip(*SENTIMENTS, strict=True)

    def rows():
        for i in range(count):
            chosen = rng.sample(slugs, rng.choice((1, 1, 2, 3)))
            status = rng.choices(statuses, status_weights)[0]
            yield first_id + i, chosen, status

    for batch in _chunks(rows()):
        comments, links = [], []
        for comment_id, chosen, status in batch:
            created = END - timedelta(seconds=rng.randrange(DAYS * 86400))
            comments.append(
                {
                    "id": comment_id,
                    "topic": rng.choice(topics),
                    "text": "A fictional comment for the benchmark.",
                    "redacted_text": "A fictional comment for the benchmark.",
                    "language": rng.choice(("en", "en", "en", "pl", "ro")),
                    "sentiment": rng.choices(sentiments, sentiment_weights)[0],
                    "suggested_themes": chosen,
                    "flags": [],
                    "personal_details": [],
                    "explanation": [],
                    "analysis_status": AnalysisStatus.done,
                    "status": status,
                    "publish_consent": PublishConsent.anonymous,
                    "content_hash": f"bench-{comment_id}",
                    "created_at": created,
                    "updated_at": created,
                    "published_at": created if status is CommentStatus.published else None,
                }
            )
            if rng.random() < 0.2:
                links += [{"comment_id": comment_id, "theme_id": themes[s]} for s in chosen[:1]]
        db.session.execute(insert(Comment), comments)
        if links:
            db.session.execute(insert(comment_themes), links)
    db.session.commit()


#: The report views a leader opens: the dashboard for each kind of period and with each filter, the exports, the
#: reach page. Month and week are inside the loaded data (it ends on END).
VIEWS = {
    "dashboard, default period": "/staff/reports/",
    "dashboard, all time": "/staff/reports/?period=all",
    "dashboard, one month": "/staff/reports/?period=2026-11",
    "dashboard, one week": "/staff/reports/?period=2026-W46",
    "dashboard, month and activity": "/staff/reports/?period=2026-11&activity=survey:parent-carer-send-survey-2026",
    "dashboard, month and theme": "/staff/reports/?period=2026-11&theme={theme}",
    "dashboard, month and group": "/staff/reports/?period=2026-11&group=ward:castle",
    "dashboard, month and language": "/staff/reports/?period=2026-11&language=pl",
    "export, CSV files": "/staff/reports/export.csv?period=2026-11",
    "export, spreadsheet": "/staff/reports/export.ods?period=2026-11",
    "reach page, one month": "/staff/reach/?period=2026-11",
}
TARGET_MS = 1000


def _times_ms(client, path: str, requests: int, cpu: list[float] | None = None) -> list[float]:
    """Wall times of `requests` GETs; with `cpu`, each one's CPU time is appended to it (the process's own time:
    on a shared machine the wall time also counts the waits for a core, the CPU time only this server's work)."""
    times = []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return times


def _median_ms(client, path: str, requests: int) -> float:
    return statistics.median(_times_ms(client, path, requests))


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered) + 0.5) - 1))]


def measure_views(make_app, requests: int, reference: float, theme: str) -> list[str]:
    """Each view's first request on a fresh worker, then `requests` warm ones: p95 of all against the target."""
    missed = []
    for label, path in VIEWS.items():
        path = path.format(theme=theme)
        worker = make_app()
        with worker.app_context():
            client = worker.test_client()
            _login(client)
            cpu: list[float] = []
            cold = _times_ms(client, path, 1, cpu)
            warm = _times_ms(client, path, requests, cpu)
        p95 = _p95(cold + warm)
        print(
            f"{label}: p95 {p95:.0f} ms (first view {cold[0]:.0f} ms, warm median {statistics.median(warm):.0f} ms; "
            f"CPU p95 {_p95(cpu):.0f} ms); "
            f"{p95 / reference:.1f}x the reference; ratio to the {TARGET_MS} ms target {p95 / TARGET_MS:.2f}"
        )
        if p95 >= TARGET_MS:
            missed.append(label)
    return missed


#: Periods measured again with nothing stored for them, as a period no filter offers (typed into the address) is:
#: the view solves it beside the request. Cron and `demo load` store every offered period, so a leader choosing
#: from the filters never meets this; printed for the record, not held to the target.
UNSTORED = {"month": "2026-10", "week": "2026-W45"}


def measure_unstored(make_app, reference: float) -> None:
    """The first view of a month and a week whose protection is not stored: the solve at request time."""
    for kind, key in UNSTORED.items():
        db.session.execute(delete(ReachProtection).where(ReachProtection.period_key == key))
        db.session.commit()
        worker = make_app()
        with worker.app_context():
            client = worker.test_client()
            _login(client)
            cpu: list[float] = []
            [elapsed] = _times_ms(client, f"/staff/reports/?period={key}", 1, cpu)
            protections.wait_for_solves()
        print(
            f"unstored {kind} ({key}), first view with its solve: {elapsed:.0f} ms (CPU {cpu[0]:.0f} ms); "
            f"{elapsed / reference:.1f}x the "
            f"reference (not a period the filters offer: those are stored by cron)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--subscribers", type=int, default=50)
    parser.add_argument("--requests", type=int, default=9)
    parser.add_argument("--database-url", help="a database of the benchmark's own: it is emptied first")
    parser.add_argument("--profile", action="store_true", help="Profile one dashboard request and stop.")
    parser.add_argument("--reuse", action="store_true", help="Keep what an earlier run loaded (with --database-url).")
    parser.add_argument("--smoke", action="store_true", help="A few seconds: a small load, one request each.")
    args = parser.parse_args()
    if args.smoke:  # CI checks the benchmark still starts; the figures need the full load
        args.responses, args.comments, args.subscribers, args.requests = 500, 300, 3, 1

    folder = tempfile.mkdtemp(prefix="engage-bench-")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(Sink(), hostname="127.0.0.1", port=port)
    smtp.start()
    database = args.database_url or f"sqlite:///{folder}/bench.sqlite"
    config = {
        "TESTING": True,
        "ENGAGE_ENV": "testing",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "SQLALCHEMY_DATABASE_URI": database.replace("postgresql://", "postgresql+psycopg://", 1),
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        # the day after the loaded data ends: "the last complete month" and the offered periods hold it
        "CLOCK_PINNED_AT": END + timedelta(days=8),
    }
    app = create_app(config)
    missed = []
    with app.app_context():
        start = time.perf_counter()
        if not (args.reuse and args.database_url):
            db.drop_all()
            db.create_all()
            reach_service.import_baseline(BASELINE.read_bytes(), "Bench", date(2026, 1, 15))
            load_responses(args.responses)
            load_comments(args.comments)
        if db.engine.dialect.name == "postgresql":
            # what autovacuum does after a bulk load: statistics, and the visibility map index-only scans need
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                for table in ("survey_response", "survey_reach_answer", "survey_draft", "feedback_comments"):
                    connection.exec_driver_sql(f"VACUUM ANALYZE {table}")
        print(
            f"database: {db.engine.url.get_backend_name()}; loaded {args.responses:,} responses and "
            f"{args.comments:,} comments in {time.perf_counter() - start:.1f} s"
        )
        db.create_all()  # with --reuse, tables added since the data was loaded
        db.session.execute(delete(ReachProtection))
        db.session.execute(delete(DigestDelivery))
        db.session.execute(delete(Subscription))
        db.session.execute(delete(User))
        db.session.commit()
        client = app.test_client()
        _login(client)
        if args.profile:
            import cProfile
            import pstats

            client.get("/staff/reports/?period=all")  # protect and store first: the profile is of a view
            cProfile.runctx("client.get('/staff/reports/?period=all')", globals(), {"client": client}, "/tmp/dash.prof")
            pstats.Stats("/tmp/dash.prof").sort_stats("cumulative").print_stats(30)
            return
        reference = _median_ms(client, "/staff/digests", args.requests)
        print(f"reference (digest settings page): median {reference:.1f} ms over {args.requests} requests")
        start = time.perf_counter()
        outcome = protect_offered_periods(config["CLOCK_PINNED_AT"].date())  # what cron runs
        tallies.warm([parse_period(key) for key in outcome])
        print(f"reports precompute: {len(outcome)} periods protected and stored in {time.perf_counter() - start:.1f} s")
        theme = db.session.scalar(select(Theme.slug).order_by(Theme.slug).limit(1))
        missed += measure_views(lambda: _worker(config), args.requests, reference, theme)
        measure_unstored(lambda: _worker(config | {"REPORTS_SOLVE_WAIT_SECONDS": 600}), reference)
        _subscribe(args.subscribers)
        start = time.perf_counter()
        report = digest_service.send_digests("weekly", today=date(2026, 11, 23))
        elapsed = time.perf_counter() - start
        sent = report.count("sent")
        print(
            f"digest run: {sent} sent in {elapsed:.1f} s ({elapsed * 1000 / max(sent, 1) / reference:.1f}x the "
            f"reference per digest); ratio to the 30 s target {elapsed / 30:.2f}"
        )
        if elapsed >= 30 or sent != args.subscribers:
            missed.append("digest run")
    smtp.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB; ratio to the 500 MB target {peak / 500:.2f}")
    if peak >= 500:
        missed.append("peak memory")
    if missed:
        print("MISSED: " + ", ".join(missed))
        if not args.smoke:  # a smoke run's timings on a small load say nothing about the bars
            sys.exit(1)


def _worker(config: dict):
    """A fresh application, as a new gunicorn worker has it after gunicorn.conf.py's post_worker_init."""
    worker = create_app(config)
    warm_up(worker)
    return worker


def _subscribe(count: int) -> None:
    for i in range(count):
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


def _login(client) -> None:
    """Sign in as the benchmark's leader (created on the first call)."""
    user = db.session.scalar(select(User).where(User.email == "bench-leader@example.invalid"))
    if user is not None:
        user.last_totp_step = 0  # each fresh worker signs in again within the same 30 s step
        db.session.commit()
        return _sign_in(client, user)
    user = User(
        email="bench-leader@example.invalid",
        role=Role.leader,
        password_hash=passwords.hash_password(PASSWORD),
        totp_secret=pyotp.random_base32(),
    )
    db.session.add(user)
    db.session.commit()
    return _sign_in(client, user)


def _sign_in(client, user) -> None:
    client.post("/staff/login", data={"email": user.email, "password": PASSWORD})
    response = client.post("/staff/login/code", data={"code": pyotp.TOTP(user.totp_secret).now()})
    assert response.status_code == 302, "login failed"


if __name__ == "__main__":
    main()
