"""Reload benchmark: how long requests wait while gunicorn reloads (SIGHUP) and while new code replaces the old
(USR2 to the master, then QUIT to the old master once the new one runs).

    .venv/bin/python bench/reload.py [--workers 3] [--clients 4] [--database-url URL] [--smoke]

Starts Engage with gunicorn.conf.py on loopback (a fresh SQLite file unless --database-url), keeps `--clients`
threads sending requests to a survey's start page without pause, and meanwhile reloads the server both ways. It
prints, for each, the longest wait of any request, how many waited over 1 s and how many failed; with
--reference it first does the same without preloading (GUNICORN_PRELOAD=false), as the app was served before.
The bar: no request waits more than 1 s and none fails, with the settings as shipped.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PATH = "/surveys/test-basic"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", PATH)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@dataclass
class Traffic:
    """Requests sent without pause by a few threads; each one's wait is kept with the moment it started."""

    port: int
    clients: int
    waits: list[tuple[float, float, int | None]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(self.clients)]
        for thread in self.threads:
            thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                status = get(self.port)
            except OSError:
                status = None
            self.waits.append((started, time.monotonic() - started, status))

    def close(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in found]


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise RuntimeError(f"timed out waiting for {what}")


def start(port: int, env: dict, workers: int, pidfile: Path) -> subprocess.Popen:
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    env["GUNICORN_ACCESS_LOG"] = "/dev/null"
    command = [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "--pid", str(pidfile)]
    # no shared control socket: other gunicorns on this machine (another checkout's tests) use the default one
    command += ["--no-control-socket", "wsgi:app"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def answers() -> bool:
        try:
            return get(port) == 200
        except OSError:
            return False

    wait_for(answers, 180, "gunicorn to answer")
    wait_for(lambda: len(children(process.pid)) >= workers, 180, "every worker")
    return process


def measure(name: str, port: int, clients: int, act, settle: float) -> tuple[float, int, int, int]:
    """Send traffic for a moment, do `act()`, keep sending for `settle` seconds, then let every request still
    waiting finish: the waits of every request started in that span (a stalled one counts in full)."""
    traffic = Traffic(port, clients)
    time.sleep(0.5)
    act()
    time.sleep(settle)
    traffic.close()
    waits = traffic.waits
    longest = max((w for _, w, _ in waits), default=float("inf"))
    slow = sum(1 for _, w, _ in waits if w > 1.0)
    failed = sum(1 for _, _, status in waits if status != 200)
    print(f"  {name:28} {len(waits):6} requests  longest wait {longest:6.2f} s  over 1 s: {slow:4}  failed: {failed}")
    return longest, slow, failed, len(waits)


def run(preload: bool, args, env: dict, work: Path) -> bool:
    port = free_port()
    pidfile = work / f"gunicorn-{port}.pid"
    env = {**env, "GUNICORN_PRELOAD": "true" if preload else "false"}
    print(f"{'preloaded (as shipped)' if preload else 'reference: each worker loads the app'}, {args.workers} workers:")
    master = start(port, env, args.workers, pidfile)
    masters = [master.pid]
    try:
        measure("steady (no reload), for noise", port, args.clients, lambda: None, args.settle)
        results = [
            measure("reload (SIGHUP)", port, args.clients, lambda: os.kill(master.pid, signal.SIGHUP), args.settle)
        ]

        def upgrade() -> None:
            old = master.pid
            os.kill(old, signal.SIGUSR2)  # a new master, with the code now on disk, beside the old one
            # gunicorn writes the new master's pid beside the old one's (PIDFILE.2) until the old master leaves
            beside = pidfile.with_name(pidfile.name + ".2")
            wait_for(lambda: beside.exists() and beside.read_text().strip(), 180, "the new master")
            new = int(beside.read_text())
            masters.append(new)
            wait_for(lambda: len(children(new)) >= args.workers, 180, "the new master's workers")
            if not preload:
                time.sleep(args.settle)  # its workers load the app after forking: give them time, as an operator would
            os.kill(old, signal.SIGQUIT)

        if not args.smoke:  # a second master loading the app takes a while: not in the short smoke run
            results.append(measure("new code (USR2, then QUIT)", port, args.clients, upgrade, args.settle))
    finally:
        for pid in reversed(masters):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        master.wait(timeout=60)
        time.sleep(1)
    return all(longest <= 1.0 and failed == 0 for longest, _, failed, _ in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--settle", type=float, default=12.0, help="seconds of traffic after each reload")
    parser.add_argument("--reference", action="store_true", help="first measure without preloading, for comparison")
    parser.add_argument("--database-url", help="a database of the benchmark's own (default: a fresh SQLite file)")
    parser.add_argument("--smoke", action="store_true", help="a few seconds: does it still start and measure?")
    args = parser.parse_args()
    if args.smoke:
        args.workers, args.clients, args.settle, args.reference = 2, 2, 2.0, False
    work = Path(tempfile.mkdtemp(prefix="engage-reload-"))
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url or f"sqlite:///{work / 'bench.sqlite'}",
        "SURVEYS_DIR": str(ROOT / "tests" / "data" / "surveys"),
        "SECRET_KEY": "bench-" + os.urandom(24).hex(),
        "ENGAGE_ENV": "development",
        "SESSION_COOKIE_SECURE": "false",
        "RATELIMIT_STORAGE_URI": "memory://",
    }
    try:
        subprocess.run([str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       capture_output=True)  # fmt: skip
        if args.reference:
            run(False, args, env, work)
        ok = run(True, args, env, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.smoke:  # a short run on a busy machine: it must work, its waits are only printed
        print("SMOKE RUN: ran")
        return 0
    print("PASS" if ok else "MISSED THE BAR (a request waited over 1 s or failed)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
