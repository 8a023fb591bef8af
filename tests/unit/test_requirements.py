"""The README's production steps install what they configure (issue 11, defect 1): RATELIMIT_STORAGE_URI=redis://
needs the redis client, pinned in both requirement files at a version the limits library accepts."""

import re
from importlib.metadata import requires

from packaging.requirements import Requirement

from tests.conftest import PROJECT_ROOT


def _pin(file: str, name: str) -> str | None:
    text = (PROJECT_ROOT / file).read_text()
    match = re.search(rf"^{name}==([0-9][^\s#]*)", text, re.MULTILINE | re.IGNORECASE)
    return match.group(1) if match else None


def test_the_redis_client_is_pinned_in_both_requirement_files_at_a_version_limits_supports():
    pinned = {file: _pin(file, "redis") for file in ("requirements.in", "requirements.txt")}
    assert pinned["requirements.in"] and pinned["requirements.in"] == pinned["requirements.txt"], pinned
    wanted = next(
        requirement
        for requirement in map(Requirement, requires("limits"))
        if requirement.name == "redis"
        and requirement.marker
        and requirement.marker.evaluate({"extra": "redis"})
        and not requirement.marker.evaluate({"extra": "rediscluster"})
    )
    assert wanted.specifier.contains(pinned["requirements.txt"]), (wanted, pinned)
