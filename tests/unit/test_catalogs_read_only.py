"""A stale `.mo` on a read-only install (issue 11, defect 8): starting a worker compiles catalogs older than their
`.po`; where it cannot write, it must say so and go on, not stop every worker."""

import _strptime  # noqa: F401  (imported before the child drops privileges: /root may be closed to nobody)
import io
import logging
import os
import shutil
import tempfile
from pathlib import Path

from engage.i18n import compile_catalogs
from tests.conftest import PROJECT_ROOT

NOBODY = 65534


def _read_only_copy_with_a_stale_catalog() -> Path:
    """A copy of translations/ that an unprivileged user can read but not write, with pl's .mo older than its .po."""
    root = Path(tempfile.mkdtemp(prefix="engage-ro-"))
    root.chmod(0o755)
    shutil.copytree(PROJECT_ROOT / "translations", root / "translations", ignore=shutil.ignore_patterns("*.pot"))
    messages = root / "translations" / "pl" / "LC_MESSAGES"
    po = messages / "messages.po"
    os.utime(messages / "messages.mo", (po.stat().st_mtime - 3600,) * 2)
    for directory in (root / "translations").rglob("*"):
        if directory.is_dir():
            directory.chmod(0o555)
    return root


def _compile_as_unprivileged_worker(directory: Path) -> tuple[int, str]:
    """Run compile_catalogs in a child that cannot write (root ignores permissions, so drop to nobody first)."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report through the pipe, never return into pytest
        status, stream = 1, io.StringIO()
        try:
            os.close(reader)
            logging.getLogger("engage.i18n").addHandler(logging.StreamHandler(stream))
            if os.geteuid() == 0:
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            compile_catalogs(directory)
            status = 0
        except BaseException as error:  # the worker would have died with this
            stream.write(f"{type(error).__name__}: {error}")
        finally:
            os.write(writer, stream.getvalue().encode())
            os._exit(status)
    os.close(writer)
    with os.fdopen(reader) as output:
        said = output.read()
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), said


def test_a_stale_catalog_on_a_read_only_install_is_reported_and_the_worker_starts():
    root = _read_only_copy_with_a_stale_catalog()
    try:
        status, said = _compile_as_unprivileged_worker(root / "translations")
    finally:
        for directory in root.rglob("*"):
            if directory.is_dir():
                directory.chmod(0o755)
        shutil.rmtree(root)
    assert status == 0, said
    assert "cannot write" in said and "pl/LC_MESSAGES/messages.mo" in said and "older compiled catalog" in said


def test_a_writable_install_compiles_the_stale_catalog_whole(tmp_path):
    shutil.copytree(PROJECT_ROOT / "translations", tmp_path / "translations")
    messages = tmp_path / "translations" / "pl" / "LC_MESSAGES"
    os.utime(messages / "messages.mo", (0, 0))
    compile_catalogs(tmp_path / "translations")
    assert (messages / "messages.mo").stat().st_mtime >= (messages / "messages.po").stat().st_mtime
    assert not list(messages.glob("*.tmp"))
