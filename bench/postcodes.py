"""Benchmark: importing a national ONS Postcode Directory file streams in bounded memory (not a test; prints
rows per second, peak memory and ratios).

    .venv/bin/python bench/postcodes.py [--rows 2600000] [--area-postcodes 12000] [--keep FOLDER]
    .venv/bin/python bench/postcodes.py --smoke     # a few seconds: does it still start and measure?

Writes a synthetic CSV in the directory's published layout (its 52 columns, quoted as published; about a quarter
of the rows terminated, a few without a grid reference) with `--rows` postcodes of which `--area-postcodes` are
the demo area's (a national file holds ten thousand or so of one authority's among 2.6 million), then, each in a
child process of its own so its peak memory (max RSS, from wait4) is its own:

- the reference: the same file read with `csv.reader` alone (rows per second, peak memory);
- the real command, `flask --app wsgi area import-postcodes FILE`, into a fresh SQLite database made by
  `flask --app wsgi db upgrade`: rows per second as a ratio to the reference, peak memory;
- the same command on a file a tenth the size with the same area postcodes, and the app started without
  importing (`flask --app wsgi area check`): memory is bounded when the full file's peak is no more than the
  tenth's plus a little (what grows with the file must be nothing but what grows with the area's postcodes).

Exits non-zero when the import fails or memory grows with the file (never in --smoke, whose sizes are too small
to say).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

#: the ONS Postcode Directory's columns, in its published order (we read six of them; the rest are carried)
HEADER = [
    *("pcd", "pcd2", "pcds", "dointr", "doterm", "oscty", "ced", "oslaua", "osward", "parish", "usertype"),
    *("oseast1m", "osnrth1m", "osgrdind", "oshlthau", "nhser", "ctry", "rgn", "streg", "pcon", "eer", "teclec"),
    *("ttwa", "pct", "itl", "statsward", "oa01", "casward", "npark", "lsoa01", "msoa01", "ur01ind", "oac01"),
    *("oa11", "lsoa11", "msoa11", "wz11", "sicbl", "bua22", "ru11ind", "oac11", "lat", "long", "lep1", "lep2"),
    *("pfa", "imd", "calncv", "icb", "oa21", "lsoa21", "msoa21"),
]
LETTERS = [a + b for a in "ABCDEFGHIJKLMNOPRSTUWYZ" for b in "ABDEFGHJLNPQRSTUWXYZ"]
INWARD = [a + b for a in "ABDEFGHJLNPQRSTUWXYZ" for b in "ABDEFGHJLNPQRSTUWXYZ"]
PER_DISTRICT = 10 * len(INWARD)
#: memory the full file may take above the tenth's before we call it growth (allocator noise, bigger pages)
SLACK_MB = 16


def postcode(i: int) -> str:
    """The i-th of a run of distinct, well-formed postcodes."""
    district, rest = divmod(i, PER_DISTRICT)
    area, number = divmod(district, 99)
    return f"{LETTERS[area % len(LETTERS)]}{number + 1} {rest // len(INWARD)}{INWARD[rest % len(INWARD)]}"


def write_file(path: Path, rows: int, area_postcodes: int, area_code: str) -> None:
    """A national-shaped file: the area's postcodes spread evenly through everyone else's."""
    step = max(1, rows // max(1, area_postcodes))
    others = [f"E0{6 + k % 4}000{k:03d}" for k in range(1, 360)]
    others = [code for code in others if code != area_code]
    middle = '"E43000001","0","433000","279000","1","E18000010","E40000007","E92000001","E12000005","0","E14000001"'
    middle += ',"E15000005","E10000032","E38000001","E37000001","E30000169","E16000001","E05001231","E00012345"'
    middle += ',"00CQFA","E01012345","E02001234","9","7A2","E00012345","E01012345","E02001234","E33012345"'
    middle += ',"E38000217","E63000001","C1","2B3R"'
    tail = '"E37000051","","E23000017","12345","E56000011","E54000027","E00012345","E01012345","E02001234"'
    kept = 0
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(",".join(f'"{name}"' for name in HEADER) + "\r\n")
        lines = []
        for i in range(rows):
            pcds = postcode(i)
            outward, inward = pcds.split(" ")
            in_area = i % step == 0 and kept < area_postcodes
            kept += in_area
            la = area_code if in_area else others[i % len(others)]
            doterm = "" if in_area or i % 4 else "201905"
            lat, long = ("99.999999", "0.000000") if not in_area and i % 97 == 0 else ("52.408100", "-1.510500")
            lines.append(
                f'"{outward:<4}{inward}","{outward:<5}{inward}","{pcds}","198001","{doterm}","E99999999",'
                f'"E99999999","{la}","E05001231",{middle},{lat},{long},{tail}\r\n'
            )
            if len(lines) == 10_000:
                file.writelines(lines)
                lines = []
        file.writelines(lines)


def run_measured(command: list[str], env: dict, cwd: Path) -> tuple[float, float, str]:
    """Seconds, peak memory in MB (max RSS of this child alone) and output of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{output[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, output


READER = (
    "import csv, sys\n"
    "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
    "    print(sum(1 for _ in csv.reader(f)))\n"
)


FLASK = [str(BIN / "flask"), "--app", "wsgi"]


def flask_env(database: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ENGAGE_AREA_FILE")}
    return {**env, "DATABASE_URL": f"sqlite:///{database}"}


def import_into_fresh_database(path: Path, work: Path, name: str) -> tuple[float, float, str]:
    """The real command into a copy of a freshly migrated database (migrated once: it is the same schema)."""
    empty = work / "empty.sqlite"
    if not empty.exists():
        run_measured([*FLASK, "db", "upgrade"], flask_env(empty), ROOT)
    shutil.copyfile(empty, work / f"{name}.sqlite")
    return run_measured([*FLASK, "area", "import-postcodes", str(path)], flask_env(work / f"{name}.sqlite"), ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=2_600_000, help="postcodes in the file (default: national)")
    parser.add_argument("--area-postcodes", type=int, default=12_000, help="of which the area's own")
    parser.add_argument("--keep", type=Path, help="write the files and databases here and keep them")
    parser.add_argument("--smoke", action="store_true", help="a few seconds: 20,000 rows, 1,000 of the area")
    args = parser.parse_args()
    if args.smoke:  # CI checks the benchmark still starts; the figures need the national size
        args.rows, args.area_postcodes = 20_000, 1_000

    # read the area file here rather than import Engage: a child's max RSS starts from its parent's at fork
    area_code = tomllib.loads((ROOT / "deploy" / "areas" / "example-borough.toml").read_text("utf-8"))["ons_code"]
    work = args.keep or Path(tempfile.mkdtemp(prefix="engage-bench-postcodes-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        full, tenth = work / "ONSPD_full.csv", work / "ONSPD_tenth.csv"
        started = time.perf_counter()
        write_file(full, args.rows, args.area_postcodes, area_code)
        write_file(tenth, args.rows // 10, args.area_postcodes, area_code)
        size = full.stat().st_size / 1024 / 1024
        print(f"wrote {args.rows:,} rows ({size:,.0f} MB, {args.area_postcodes:,} of {area_code}) and a tenth of them "
              f"in {time.perf_counter() - started:.0f} s")  # fmt: skip

        ref_seconds, ref_mb, counted = run_measured([sys.executable, "-c", READER, str(full)], dict(os.environ), work)
        assert int(counted) == args.rows + 1, counted
        ref_rate = args.rows / ref_seconds
        print(f"reference, csv.reader alone: {ref_rate:,.0f} rows/s, peak memory {ref_mb:.0f} MB")

        start_seconds, rest_mb, _output = run_measured(
            [*FLASK, "area", "check"], flask_env(work / "check.sqlite"), ROOT
        )
        print(
            f"the app starting and doing nothing (flask area check): {start_seconds:.1f} s, "
            f"peak memory {rest_mb:.0f} MB"
        )
        seconds, peak_mb, output = import_into_fresh_database(full, work, "full")
        print(f"  {output.strip()}")
        # the app's start is the same whatever the file: rows per second are of the import itself
        rate = args.rows / max(seconds - start_seconds, 0.001)
        print(f"import-postcodes: {rate:,.0f} rows/s ({rate / ref_rate:.0%} of the reference), peak memory "
              f"{peak_mb:.0f} MB ({peak_mb / ref_mb:.1f}x the reference's)")  # fmt: skip
        _seconds, tenth_mb, _output = import_into_fresh_database(tenth, work, "tenth")
        growth = peak_mb - tenth_mb
        more = args.rows - args.rows // 10
        print(f"peak memory: app started {rest_mb:.0f} MB; importing a tenth of the file {tenth_mb:.0f} MB; "
              f"the whole file {peak_mb:.0f} MB: {growth:+.0f} MB for {more:,} more rows")  # fmt: skip
        bounded = growth <= SLACK_MB
        print(
            "memory bounded: the import streams"
            if bounded
            else "MEMORY GROWS WITH THE FILE: the import does not stream"
        )
        return 0 if bounded or args.smoke else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
