"""Shared by the consultation tests: consultations at a chosen stage, and real document files."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timedelta

from engage.clock import utcnow
from engage.consultations import service
from engage.consultations.models import Audience, Consultation

DAY = timedelta(days=1)


def make(
    slug: str = "short-breaks",
    *,
    opens: timedelta = -DAY,
    closes: timedelta = 10 * DAY,
    publish: bool = True,
    audience: Audience = Audience.parents_carers,
    now: datetime | None = None,
    **values,
) -> Consultation:
    """A consultation whose dates sit `opens` and `closes` from now (negative: in the past)."""
    now = now or utcnow()
    consultation = service.create(
        slug=slug,
        title=values.pop("title", f"Consultation {slug}"),
        summary=values.pop("summary", "What we propose, in a sentence."),
        body=values.pop("body", "We propose **more** short breaks."),
        audience=audience,
        opens_at=now + opens,
        closes_at=now + closes,
        **values,
    )
    if publish:
        service.publish(consultation)
    return consultation


def pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        package.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("notes.txt", "not a document")
    return buffer.getvalue()
