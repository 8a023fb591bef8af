"""What an uploaded file really is, judged by its content (never its name or the browser's content type).

PDF starts with ``%PDF-``. DOCX and ODT are zip packages: an ODT's first entry is ``mimetype`` holding the
OpenDocument text type; a DOCX has ``[Content_Types].xml`` declaring a WordprocessingML main document. Only
those two small entries are read, so a zip bomb is never expanded.
"""

from __future__ import annotations

import io
import re
import zipfile

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
_ODT_MIMETYPE = CONTENT_TYPES["odt"].encode()
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#: [Content_Types].xml is a few kilobytes; more is not a real one
_MAX_MANIFEST = 256 * 1024


def detect_kind(data: bytes) -> str | None:
    """ "pdf", "docx" or "odt" when the bytes are one, else None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return _zip_kind(package)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return None


def _zip_kind(package: zipfile.ZipFile) -> str | None:
    entries = package.infolist()
    if entries and entries[0].filename == "mimetype" and entries[0].file_size < 100:
        return "odt" if package.read(entries[0]).strip() == _ODT_MIMETYPE else None
    names = {entry.filename: entry for entry in entries}
    manifest = names.get("[Content_Types].xml")
    if manifest is None or manifest.file_size > _MAX_MANIFEST or "word/document.xml" not in names:
        return None
    return "docx" if _DOCX_MAIN in package.read(manifest) else None


def safe_filename(name: str, kind: str) -> str:
    """A plain ASCII name ending in the detected kind, for Content-Disposition."""
    base = re.split(r"[/\\]", name)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:80] or "document"
    return f"{stem}.{kind}"
