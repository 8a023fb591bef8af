"""The snapshot helper cannot be satisfied by writing its own expectation in CI."""

import pytest

from tests.snapshot_check import assert_matches_snapshot


def test_a_missing_snapshot_fails_in_ci(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("UPDATE_SNAPSHOTS", "1")
    with pytest.raises(pytest.fail.Exception, match="missing"):
        assert_matches_snapshot(tmp_path / "new.txt", "anything")
    assert not (tmp_path / "new.txt").exists()


def test_ci_never_rewrites_a_changed_snapshot(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("UPDATE_SNAPSHOTS", "1")
    (tmp_path / "old.txt").write_text("before", encoding="utf-8")
    with pytest.raises(AssertionError, match="changed"):
        assert_matches_snapshot(tmp_path / "old.txt", "after")


def test_a_developer_gets_a_missing_snapshot_written(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert_matches_snapshot(tmp_path / "new.txt", "first")
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "first"
