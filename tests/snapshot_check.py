"""Comparing rendered output with a committed snapshot, which only a developer's machine may write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


def assert_matches_snapshot(path: Path, content: str) -> None:
    """`content` equals the snapshot at `path`. Outside CI a missing snapshot (or UPDATE_SNAPSHOTS=1) writes it,
    for the developer to read and commit; in CI a missing snapshot fails, since writing it would pass anything."""
    if in_ci():
        if not path.exists():
            pytest.fail(f"snapshot {path.name} is missing: write it locally (UPDATE_SNAPSHOTS=1), read it, commit it")
    elif os.environ.get("UPDATE_SNAPSHOTS") or not path.exists():
        path.write_text(content, encoding="utf-8")
    assert content == path.read_text(encoding="utf-8"), f"{path.name} changed: see the test module's docstring"
