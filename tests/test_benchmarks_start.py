"""Every benchmark still starts from a fresh clone: each bench/*.py runs in its short smoke mode (`--smoke`) in a
`git clone` of this repository, set up as the README's step 3 says, so none can silently break.

New benchmarks are picked up by name; each must accept `--smoke` and finish in seconds (minutes on a busy CI box).
They run on SQLite (in the SQLite pass of CI only: the PostgreSQL pass would repeat the same runs); a clone has only
what is committed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ci_skips import on_postgres
from tests.conftest import PROJECT_ROOT

BENCHES = sorted(path.name for path in (PROJECT_ROOT / "bench").glob("*.py"))
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory) -> Path:
    clone = tmp_path_factory.mktemp("clone") / "engage"
    subprocess.run(["git", "clone", "--quiet", str(PROJECT_ROOT), str(clone)], check=True)
    if (PROJECT_ROOT / "node_modules").is_dir() and shutil.which("npm"):
        (clone / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
        subprocess.run(["npm", "run", "--silent", "build"], cwd=clone, check=True, capture_output=True)
    subprocess.run([str(BIN / "pybabel"), "-q", "compile", "-d", "translations"], cwd=clone, check=True)
    return clone


def test_every_benchmark_is_found():
    assert {"surveys.py", "reload.py", "reports.py", "localoffer.py", "insight.py"} <= set(BENCHES)


@pytest.mark.bench_smoke
@pytest.mark.skipif(
    on_postgres(),
    reason="the smoke runs drop DATABASE_URL and use SQLite, so the SQLite pass runs them; running them again in the "
    "PostgreSQL pass of CI repeated the same clone, build and runs",
)
@pytest.mark.parametrize("bench", BENCHES)
def test_given_a_fresh_clone_when_a_benchmark_runs_in_smoke_mode_then_it_finishes_cleanly(fresh_clone, bench):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTHONPATH")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    run = subprocess.run(
        [sys.executable, str(fresh_clone / "bench" / bench), "--smoke"],
        cwd=fresh_clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, f"{bench} --smoke exited {run.returncode}:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
