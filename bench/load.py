"""Load: about 60 requests a second of mixed survey traffic for several minutes, against gunicorn on loopback.

    .venv/bin/python bench/load.py [--seconds 180 | --smoke] [--rate 60] [--workers 5]

QUALITY.md bar 24. Starts Engage from this checkout with gunicorn.conf.py (its own working directory and
PYTHONPATH, so it runs from a fresh clone) on a fresh SQLite file, then, when DATABASE_URL names a PostgreSQL
server, again on a database of its own on that server (`<name>_load_bench`, plus ENGAGE_TEST_DB_SUFFIX).
Respondents walk the demo-free test survey (tests/data/surveys/basic.yaml): start page, start, three question
pages (each GET then POST), check answers, submit, confirmation; one in ten sends the final submission twice at
the same moment, as a double tap does. Requests are paced to --rate a second over the whole run.

Prints, per database: requests sent and the rate reached, 5xx answers, connection failures, confirmed
submissions, and from the database itself the lost ones (confirmed but not stored) and duplicated ones (stored
more than once); then the 75th-percentile time to first byte beside a reference measured in the same run
(`/healthz` asked alone, before the load). Exits non-zero on a 5xx, a failure, a lost or a duplicated response;
never on timing. Every loop is bounded by the clock, and it only ever talks to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SURVEY = "test-basic"
COOKIE = "engage_session"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
SUBMISSION = re.compile(r'name="submission_token"[^>]*value="([^"]+)"')
PAGES = (("first", {"colour": "blue"}), ("second", {"children": "2"}), ("third", {"rating": "4"}))
#: respondents in flight at once per request a second asked: enough that the pacing, not waiting for
#: answers, sets the rate (a respondent waits for each answer, as a person does)
RESPONDENTS_PER_RATE = 2.0


@dataclass
class Tally:
    """What the run saw, shared by the respondent threads."""

    ttfb: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: int = 0
    confirmed: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: int, seconds: float) -> None:
        with self.lock:
            self.ttfb.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1

    @property
    def requests(self) -> int:
        return sum(self.statuses.values()) + self.failures

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


class Pacer:
    """Hands out request slots `1/rate` seconds apart, whoever asks: the whole run keeps to the rate."""

    def __init__(self, rate: float, deadline: float) -> None:
        self.interval, self.deadline = 1 / rate, deadline
        self.next = time.monotonic()
        self.lock = threading.Lock()

    def wait(self) -> None:
        with self.lock:
            slot = self.next = max(self.next + self.interval, time.monotonic() - 1)
        time.sleep(max(0.0, slot - time.monotonic()))

    def running(self) -> bool:
        return time.monotonic() < self.deadline


class Respondent:
    """One person's cookie, the page they are on, and the requests that move them on."""

    def __init__(self, port: int, tally: Tally, pacer: Pacer) -> None:
        self.port, self.tally, self.pacer = port, tally, pacer
        self.cookie = ""

    def ask(self, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        self.pacer.wait()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if self.cookie:
            headers["Cookie"] = f"{COOKIE}={self.cookie}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        started = time.monotonic()
        try:
            connection.request(method, path, body=urllib.parse.urlencode(body) if body else None, headers=headers)
            response = connection.getresponse()
            first_byte = time.monotonic() - started
            page = response.read().decode()
        except OSError:
            with self.tally.lock:
                self.tally.failures += 1
            return 0, ""
        finally:
            connection.close()
        self.tally.record(response.status, first_byte)
        found = re.search(rf"{COOKIE}=([^;]+)", response.getheader("Set-Cookie") or "")
        self.cookie = found.group(1) if found else self.cookie
        return response.status, page

    def journey(self, double_tap: bool) -> None:
        """Start to confirmation; stops at the first unexpected answer (which the tally has counted)."""
        self.cookie = ""
        marker = "L" + secrets.token_hex(6)  # stored in the comment: finds this response in the database
        status, page = self.ask("GET", f"/surveys/{SURVEY}")
        if status != 200 or self.ask("POST", f"/surveys/{SURVEY}/start", {"csrf_token": token(page)})[0] != 302:
            return
        for page_id, answers in PAGES:
            status, page = self.ask("GET", f"/surveys/{SURVEY}/page/{page_id}")
            extra = {"comment": marker} if page_id == "first" else {}
            body = {"csrf_token": token(page), **answers, **extra, "action": "continue"}
            if status != 200 or self.ask("POST", f"/surveys/{SURVEY}/page/{page_id}", body)[0] != 302:
                return
        status, page = self.ask("GET", f"/surveys/{SURVEY}/check")
        body = {"csrf_token": token(page), "submission_token": token(page, SUBMISSION)}
        if status == 200 and 302 in self.submit(body, 2 if double_tap else 1):
            with self.tally.lock:
                self.tally.confirmed.append(marker)
            self.ask("GET", f"/surveys/{SURVEY}/confirmation")

    def submit(self, body: dict, times: int) -> list[int]:
        barrier, statuses = threading.Barrier(times), []

        def send() -> None:
            barrier.wait()
            statuses.append(self.ask("POST", f"/surveys/{SURVEY}/submit", body)[0])

        threads = [threading.Thread(target=send) for _ in range(times)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return statuses


def token(page: str, pattern=TOKEN) -> str:
    found = pattern.search(page)
    return (found.group(1) or found.group(2) or "") if found else ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database: str, port: int, workers: int) -> dict:
    """The app's settings: this checkout on PYTHONPATH, so gunicorn's hooks import it from any directory."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database,
        "SURVEYS_DIR": str(ROOT / "tests" / "data" / "surveys"),
        "SECRET_KEY": "load-" + secrets.token_hex(24),
        "ENGAGE_ENV": "development",
        "SESSION_COOKIE_SECURE": "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "WEB_CONCURRENCY": str(workers),
    }


def serve(database: str, workers: int, log: Path) -> tuple[subprocess.Popen, int]:
    """`flask db upgrade`, then gunicorn as `make run` starts it; returns once a worker answers."""
    port = free_port()
    env = environment(database, port, workers)
    migrate = [str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True, capture_output=True)
    with log.open("ab") as output:
        command = [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "wsgi:app"]
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return process, port
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"gunicorn did not start; its log: {log}")


def reference_ttfb(port: int, count: int = 60) -> float:
    """The 75th percentile time to first byte of /healthz asked one at a time: the machine's floor now."""
    times = []
    for _ in range(count):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        started = time.monotonic()
        connection.request("GET", "/healthz")
        connection.getresponse().read()
        times.append(time.monotonic() - started)
        connection.close()
    return percentile(times, 75)


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1] if len(values) > 1 else (values or [0.0])[0]


def drive(port: int, seconds: float, rate: float) -> Tally:
    """Respondents walk the survey until `seconds` have passed; each finishes the journey it is on."""
    tally, pacer = Tally(), Pacer(rate, time.monotonic() + seconds)
    journeys = iter(range(10**9))

    def respondent() -> None:
        person = Respondent(port, tally, pacer)
        while pacer.running():
            person.journey(double_tap=next(journeys) % 10 == 0)

    threads = [threading.Thread(target=respondent) for _ in range(max(8, int(rate * RESPONDENTS_PER_RATE)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def stored_markers(database: str) -> list[str]:
    engine = create_engine(database)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT answers FROM survey_response WHERE survey_id = :s"), {"s": SURVEY})
        markers = [(a if isinstance(a, dict) else json.loads(a)).get("comment", "") for (a,) in rows]
    engine.dispose()
    return markers


def run(name: str, database: str, args, log: Path) -> bool:
    process, port = serve(database, args.workers, log)
    try:
        reference = reference_ttfb(port)
        started = time.monotonic()
        tally = drive(port, args.seconds, args.rate)
        elapsed = time.monotonic() - started
    finally:
        process.terminate()
        process.wait(timeout=60)
    stored = stored_markers(database)
    lost = [m for m in tally.confirmed if m not in stored]
    duplicated = sum(stored.count(m) - 1 for m in set(stored) if stored.count(m) > 1)
    p75 = percentile(tally.ttfb, 75)
    print(f"== {name}: {args.workers} gunicorn workers, {args.seconds:.0f} s at {args.rate:.0f} requests/s asked")
    print(f"requests        {tally.requests} in {elapsed:.1f} s = {tally.requests / elapsed:.1f}/s")
    print(f"statuses        {dict(sorted(tally.statuses.items()))}")
    print(f"5xx             {tally.server_errors}")
    print(f"failed to connect or read: {tally.failures}")
    print(f"submissions     {len(tally.confirmed)} confirmed, {len(stored)} stored")
    print(f"lost            {len(lost)}")
    print(f"duplicated      {duplicated}")
    print(f"TTFB p75        {p75 * 1000:.0f} ms (bar 800 ms); /healthz alone p75 {reference * 1000:.0f} ms")
    print(f"                ratio to the reference: {p75 / reference:.1f}x" if reference else "")
    return not (tally.server_errors or tally.failures or lost or duplicated)


def postgres_database(url: str) -> str:
    """A database of the bench's own on the DATABASE_URL server, emptied for the run."""
    url = make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    suffix = os.environ.get("ENGAGE_TEST_DB_SUFFIX", "")
    name = f"{url.database}_load_bench{'_' + suffix if suffix else ''}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180, help="length of each run (default 3 minutes)")
    parser.add_argument("--smoke", action="store_true", help="a 10-second run, to see that it works")
    parser.add_argument("--rate", type=float, default=60, help="requests a second asked")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (make run: 2 x cores + 1)")
    args = parser.parse_args()
    if args.smoke:
        args.seconds = 10
    work = Path(tempfile.mkdtemp(prefix="engage-load-"))
    targets = [("SQLite", f"sqlite:///{work / 'load.sqlite'}")]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        targets.append(("PostgreSQL", postgres_database(os.environ["DATABASE_URL"])))
    results = [run(name, database, args, work / "gunicorn.log") for name, database in targets]
    print("PASS" if all(results) else f"FAILED (gunicorn's log: {work / 'gunicorn.log'})")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
