"""Small pure pieces of feedback: normalising text, highlighting details, safe spreadsheet cells, the adapter."""

import csv
import io
import zipfile

import pytest

from engage.feedback import analysis, exports
from engage.feedback.service import content_hash, normalise_text
from engage.feedback.staff_views import highlight
from engage.spreadsheets import defuse


def test_case_spacing_and_line_endings_do_not_make_a_different_comment():
    assert normalise_text("  The BUS\r\nwas   late ") == "the bus was late"
    assert content_hash("The bus was late") == content_hash("the bus  was\nlate")
    assert content_hash("The bus was late") != content_hash("The bus was early")


def test_highlight_cuts_text_around_personal_details_in_order():
    text = "Call Sam on 07700 900123 today"
    spans = [{"kind": "phone", "start": 12, "end": 24}, {"kind": "name", "start": 5, "end": 8}]
    assert highlight(text, spans) == [
        ("Call ", None), ("Sam", "name"), (" on ", None), ("07700 900123", "phone"), (" today", None),
    ]  # fmt: skip


def test_highlight_ignores_overlapping_and_out_of_range_spans():
    assert highlight("abc", [{"kind": "x", "start": 0, "end": 2}, {"kind": "y", "start": 1, "end": 9}]) == [
        ("ab", "x"), ("c", "y"),
    ]  # fmt: skip
    assert highlight("abc", []) == [("abc", None)]


@pytest.mark.parametrize("value", ["=1+1", "+44", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_cells_a_spreadsheet_would_run_get_a_leading_quote(value):
    assert defuse(value) == "'" + value


def test_plain_text_and_numbers_are_left_alone():
    assert defuse("fine") == "fine"
    assert defuse(-0.5) == -0.5
    assert defuse("-2") == "-2"  # just a number: nothing to run


def test_csv_round_trips_with_the_columns_asked_for():
    content = exports.to_csv([{"id": 1, "redacted_text": "=cmd", "extra": "dropped"}], ("id", "redacted_text"))
    rows = list(csv.DictReader(io.StringIO(content)))
    assert rows == [{"id": "1", "redacted_text": "'=cmd"}]


def test_ods_is_an_opendocument_zip_with_text_cells():
    data = exports.to_ods([{"id": 7, "redacted_text": "<b>hi</b> & =1"}], ("id", "redacted_text"))
    archive = zipfile.ZipFile(io.BytesIO(data))
    content = archive.read("content.xml").decode("utf-8")
    assert "&lt;b&gt;hi&lt;/b&gt; &amp; =1" in content
    assert 'office:value-type="float"' in content and 'office:value="7"' in content


def test_the_adapter_returns_plain_data_from_the_real_engine():
    text = "We waited a year for the EHCP. Email me at jo@example.com"
    result = analysis.analyse_comment(text)
    assert set(result) == set(analysis.KEYS)
    assert result["language"] == "en"
    assert "[email]" in result["redacted_text"] and "jo@example.com" not in result["redacted_text"]
    assert {"kind": "email", "start": text.index("jo@"), "end": len(text)} in result["personal_details"]
    assert "personal-details" in result["flags"]
