"""Uploads are judged by their content: PDF, DOCX and ODT pass; anything dressed up as one does not."""

import pytest

from engage.consultations.files import detect_kind, safe_filename
from tests.integration import consultation_helpers as h


@pytest.mark.parametrize(("data", "kind"), [(h.pdf(), "pdf"), (h.docx(), "docx"), (h.odt(), "odt")])
def test_real_documents_are_recognised_by_their_bytes(data, kind):
    assert detect_kind(data) == kind


@pytest.mark.parametrize(
    "data",
    [
        b"<html><script>alert(1)</script></html>",
        b"\x89PNG\r\n\x1a\n" + b"\0" * 20,
        b"MZ\x90\x00 an executable",
        b"PK\x03\x04 but not really a zip",
        h.plain_zip(),
        h.odt("application/vnd.oasis.opendocument.spreadsheet"),
        b"",
    ],
    ids=["html", "png", "exe", "broken-zip", "zip-without-manifest", "ods-not-odt", "empty"],
)
def test_anything_else_is_refused_whatever_it_is_called(data):
    assert detect_kind(data) is None


def test_download_names_are_plain_and_end_in_the_detected_kind():
    assert safe_filename('Easy "read" <draft>.exe', "pdf") == "Easy-read-draft.pdf"
    assert safe_filename("../../etc/passwd", "odt") == "passwd.odt"
    assert safe_filename("", "docx") == "document.docx"
