"""Fingerprinted static files: the templates name `dist/engage.css`, the page links the content-hashed file
that `npm run build` wrote (`dist/engage.5bd610058bca.css`, listed in `dist/manifest.json`).

Only hashed names are cached for a year (`immutable`); their ETag is a hash of the content, so every machine
serving the same build gives the same URLs and the same ETags (WhiteNoise's own ETag is the file's mtime).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from flask import Flask

#: `name.<12 hex>.ext`, as build-assets.mjs writes them.
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+(\.gz)?$")
MANIFEST = "dist/manifest.json"

#: Logical name ("dist/engage.css") → hashed name; the same for every visitor, so one per process.
_manifest: dict[str, str] = {}


def load_manifest(static_folder: str | Path) -> dict[str, str]:
    path = Path(static_folder) / MANIFEST
    if not path.exists():  # not built yet: templates link the logical names, which 404 until `npm run build`
        return {}
    return {f"dist/{name}": f"dist/{hashed}" for name, hashed in json.loads(path.read_text()).items()}


def fingerprinted(filename: str) -> str:
    """The hashed file for a logical static file name (itself when it has none)."""
    return _manifest.get(filename, filename)


def is_immutable(path: str, url: str) -> bool:
    """WhiteNoise: cache for a year only what has its content's hash in its name."""
    return bool(HASHED_NAME.search(url))


def content_etag(path: str) -> str:
    with open(path, "rb") as file:
        return '"' + hashlib.sha256(file.read()).hexdigest()[:24] + '"'


def init_app(app: Flask) -> None:
    _manifest.clear()
    _manifest.update(load_manifest(app.static_folder))
