"""Local Offer benchmark: search latency with 5,000 services, and page throughput against bare Flask.

    .venv/bin/python bench/localoffer.py            # SQLite (and PostgreSQL too when DATABASE_URL is set)
    .venv/bin/python bench/localoffer.py --skip-http

Prints the median search time per database (target: under 50 ms) and, with `wrk` installed, the
requests per second of the search page and a service page as a share of a bare Flask "hello" app
served by gunicorn with the same settings in the same run (target: at least 25%).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVICES = 5000
ROUNDS = 3
QUERIES = [
    {"query": "dyslexia"},
    {"query": "dyslexsia"},
    {"query": "speech therapy"},
    {"query": "swimming", "age": 9},
    {"query": "autism support", "categories": ["education"]},
    {"query": "short breaks", "cost": "paid"},
    {"categories": ["health"], "needs": ["ASD"], "age": 7},
    {"near": "EX3", "radius_miles": 3.0},
    {"query": "x" * 3000},
    {},
]
HELLO_APP = """
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
"""


def build_database(url: str) -> str:
    """Fill a database with 5,000 published services (kept between runs); returns one service id."""
    import sqlalchemy as sa

    from engage import create_app
    from engage.extensions import db
    from engage.localoffer import models as m
    from engage.localoffer import service as ops
    from engage.localoffer.demo import demo_documents

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "b" * 48, "TESTING": True})
    with app.app_context():
        docs = demo_documents(SERVICES)
        try:
            if db.session.scalar(sa.select(sa.func.count(m.Service.id))) == SERVICES:
                return docs[7]["id"]
        except sa.exc.DatabaseError:
            db.session.rollback()
        db.drop_all()
        db.create_all()
        for start in range(0, SERVICES, 500):
            ops.import_data(docs[start : start + 500], True, None)
        db.engine.dispose()
    return docs[7]["id"]


def search_median_ms(url: str, rounds: int = 20) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds per search (CPU time is steadier on a busy machine)."""
    from engage import create_app
    from engage.extensions import db
    from engage.localoffer import districts
    from engage.localoffer import search as s

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "b" * 48, "TESTING": True})
    timings, cpu = [], []
    with app.app_context():
        s.search(db.session, s.Filters(query="warm up"))
        for _ in range(rounds):
            for spec in QUERIES:
                spec = dict(spec)
                if "near" in spec:
                    spec["near"] = districts.lookup(spec["near"])
                start, start_cpu = time.perf_counter(), time.process_time()
                s.search(db.session, s.Filters(**spec))
                timings.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(timings), statistics.median(cpu)


def uncached_render_ms(url: str, service_id: str, n: int = 30) -> dict[str, float]:
    """Median time to render each page with the page cache off (what a first visitor waits for)."""
    from engage import create_app

    config = {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "b" * 48, "LOCAL_OFFER_PAGE_CACHE": False}
    client = create_app(config).test_client()
    pages = {
        "search page": "/local-offer?q=speech+therapy&age=7",
        "service page": f"/local-offer/services/{service_id}",
    }
    out = {}
    for name, path in pages.items():
        client.get(path)
        timings = []
        for _ in range(n):
            start = time.perf_counter()
            assert client.get(path).status_code == 200
            timings.append((time.perf_counter() - start) * 1000)
        out[name] = statistics.median(timings)
    return out


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(app_spec: str, port: int, env: dict, cwd: Path) -> subprocess.Popen:
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_ACCESS_LOG": "/dev/null"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py"), app_spec],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 180  # the master loads and warms the app before forking: slow on a busy machine
    while time.monotonic() < deadline:
        try:
            subprocess.run(["curl", "-sf", "-o", "/dev/null", f"http://127.0.0.1:{port}/"], check=True)
            return process
        except subprocess.CalledProcessError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"gunicorn did not start for {app_spec}")


def requests_per_second(url: str, seconds: int) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", url], check=True, capture_output=True, text=True
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} error responses")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def http_ratios(db_url: str, service_id: str, seconds: int, workers: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="engage-bench-"))
    (tmp / "hello_app.py").write_text(HELLO_APP)
    env = {**os.environ, "WEB_CONCURRENCY": str(workers), "GUNICORN_THREADS": "2", "PYTHONPATH": str(ROOT)}
    engage_env = {**env, "DATABASE_URL": db_url, "SECRET_KEY": "b" * 48, "ENGAGE_ENV": "development"}
    hello_port, engage_port = _free_port(), _free_port()
    hello = _serve("hello_app:app", hello_port, env, tmp)
    try:
        engage = _serve("wsgi:app", engage_port, engage_env, ROOT)
    except RuntimeError:
        hello.terminate()  # do not leave the reference server running
        raise
    try:
        pages = {
            "hello": f"http://127.0.0.1:{hello_port}/",
            "search page": f"http://127.0.0.1:{engage_port}/local-offer?q=speech+therapy&age=7",
            "service page": f"http://127.0.0.1:{engage_port}/local-offer/services/{service_id}",
        }
        # Interleaved rounds, so a change in the machine's load hits every page alike.
        rounds = [{name: requests_per_second(url, seconds) for name, url in pages.items()} for _ in range(ROUNDS)]
    finally:
        for process in (hello, engage):
            process.terminate()
            process.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"gunicorn: {workers} workers x 2 threads, wrk -t2 -c16 -d{seconds}s, {ROUNDS} interleaved rounds (medians)")
    for name in pages:
        value = statistics.median(r[name] for r in rounds)
        ratio = statistics.median(r[name] / r["hello"] for r in rounds)
        verdict = "" if name == "hello" else ("  ok (>= 25%)" if ratio >= 0.25 else "  BELOW 25%")
        print(f"  {name:13s} {value:9.0f} req/s  {ratio:6.1%} of hello{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-http", action="store_true", help="only time searches")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--smoke", action="store_true", help="a few seconds: 200 services, one short round")
    args = parser.parse_args()

    work = ROOT / "bench" / "results"  # ignored by git; the 5,000-service databases are kept for the next run
    if args.smoke:  # CI checks the benchmark still starts: a small database of its own, thrown away
        global SERVICES, ROUNDS
        SERVICES, ROUNDS, args.seconds, args.workers = 200, 1, 1, 1
        work = Path(tempfile.mkdtemp(prefix="engage-bench-smoke-"))
        os.environ.pop("DATABASE_URL", None)
    work.mkdir(parents=True, exist_ok=True)
    databases = {"SQLite": f"sqlite:///{work / 'bench.sqlite'}"}
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        databases["PostgreSQL"] = os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    os.environ.pop("DATABASE_URL", None)
    service_id = ""
    for name, url in databases.items():
        start = time.perf_counter()
        service_id = build_database(url)
        built = time.perf_counter() - start
        median, cpu = search_median_ms(url)
        verdict = "ok (< 50 ms)" if median < 50 else "ABOVE 50 ms"
        print(f"{name}: {SERVICES} services ready in {built:.0f} s; search median {median:.1f} ms {verdict}")
        print(f"  (median CPU time in this process: {cpu:.1f} ms; load average {os.getloadavg()[0]:.1f})")
    for name, ms in uncached_render_ms(databases["SQLite"], service_id).items():
        print(f"SQLite: {name} rendered without the page cache: median {ms:.1f} ms")
    if not args.skip_http:
        if shutil.which("wrk") is None:
            print("wrk is not installed (Debian package wrk): skipping the throughput comparison")
        else:
            http_ratios(databases["SQLite"], service_id, args.seconds, args.workers)


if __name__ == "__main__":
    main()
