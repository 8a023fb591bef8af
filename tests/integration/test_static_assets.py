"""Fingerprinted static files (issue 11, defect 7): pages link content-hashed names listed in a manifest; only
those are cached for a year; the same sources build the same names, and the ETag depends on the content alone,
so every machine serves the same URLs and ETags."""

import json
import os
import re
import shutil
import subprocess

import pytest

from engage import create_app
from tests.conftest import PROJECT_ROOT

DIST = PROJECT_ROOT / "engage" / "static" / "dist"


def _linked_assets(client) -> list[str]:
    page = client.get("/").text
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', page)


def test_pages_link_hashed_names_from_the_manifest_and_each_is_cached_for_a_year(client):
    manifest = json.loads((DIST / "manifest.json").read_text())
    linked = _linked_assets(client)
    assert {f"/static/dist/{manifest[name]}" for name in ("engage.css", "engage.js", "favicon.svg")} <= set(linked)
    for url in linked:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"


def test_a_name_without_a_hash_is_not_cached_for_a_year(client):
    response = client.get("/static/dist/manifest.json")
    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"]
    assert response.headers["Cache-Control"] == "max-age=60, public"


def test_the_script_imports_govuk_frontend_by_its_hashed_name():
    manifest = json.loads((DIST / "manifest.json").read_text())
    script = (DIST / manifest["engage.js"]).read_text()
    assert f'"./{manifest["govuk-frontend.min.js"]}"' in script


def test_the_etag_is_the_same_whenever_and_wherever_the_file_was_written(client, tmp_path, smtp_controller):
    css = "/static/dist/" + json.loads((DIST / "manifest.json").read_text())["engage.css"]
    first = client.get(css).headers["ETag"]
    path = DIST / css.rsplit("/", 1)[1]
    stat = path.stat()
    try:
        os.utime(path, (stat.st_atime, stat.st_mtime - 86_400 * 3))  # "another machine built it on another day"
        from tests.conftest import config_for_tests

        other = create_app(config_for_tests(tmp_path, smtp_controller.port)).test_client()
        again = other.get(css)
    finally:
        os.utime(path, (stat.st_atime, stat.st_mtime))
    assert again.headers["ETag"] == first
    assert other.get(css, headers={"If-None-Match": first}).status_code == 304


def test_the_same_sources_build_the_same_names(tmp_path):
    node = shutil.which("node")
    if node is None or not (PROJECT_ROOT / "node_modules").exists():
        pytest.skip("node and node_modules are needed to build the front end")
    (tmp_path / "engage" / "static").mkdir(parents=True)
    (tmp_path / "engage" / "static" / "src").symlink_to(PROJECT_ROOT / "engage" / "static" / "src")
    (tmp_path / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    subprocess.run([node, str(PROJECT_ROOT / "build-assets.mjs")], cwd=tmp_path, check=True, capture_output=True)
    built = json.loads((tmp_path / "engage" / "static" / "dist" / "manifest.json").read_text())
    assert built == json.loads((DIST / "manifest.json").read_text())
