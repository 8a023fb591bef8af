"""With CI=true, a skip fails unless the other CI pass (SQLite / PostgreSQL) runs the test."""

import pytest

pytest_plugins = ["pytester"]

TESTS = """
import pytest

def test_needs_chromium():
    pytest.skip("Debian's Chromium is not installed")

@pytest.mark.postgres
def test_needs_postgres():
    pytest.skip("the server is unreachable")

def test_sqlite_file_only():
    pytest.skip("runs on its own SQLite file (the PostgreSQL run checks the schema)")

@pytest.mark.xfail(reason="a known defect", strict=True)
def test_known_defect():
    assert False

def test_runs():
    pass
"""


@pytest.fixture
def suite(pytester, monkeypatch):
    pytester.makeini("[pytest]\nmarkers =\n    postgres: needs PostgreSQL\n")
    pytester.makepyfile(test_sample=TESTS)
    return lambda: pytester.runpytest_inprocess("-p", "tests.ci_skips", "-p", "no:cacheprovider", "-rfs")


def test_locally_a_skip_stays_a_skip(suite, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    suite().assert_outcomes(passed=1, skipped=3, xfailed=1)


def test_the_sqlite_pass_fails_on_a_missing_browser_but_leaves_postgres_tests_to_their_pass(suite, monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = suite()
    result.assert_outcomes(passed=1, failed=2, skipped=1, xfailed=1)
    result.stdout.fnmatch_lines(["*test_needs_chromium*", "*test_sqlite_file_only*"])


def test_the_postgres_pass_fails_on_a_skipped_postgres_test(suite, monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://engage@127.0.0.1/engage")
    result = suite()
    result.assert_outcomes(passed=1, failed=2, skipped=1, xfailed=1)
    result.stdout.fnmatch_lines(["FAILED*test_needs_chromium*", "FAILED*test_needs_postgres*"])
