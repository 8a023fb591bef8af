"""Spreadsheet files for every export (CSV and OpenDocument), with one rule that stops a cell running as a formula."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
#: What a spreadsheet would read as the start of a formula (CSV/formula injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def defuse(value):
    """Text a spreadsheet would run gets a leading quote; numbers (and text that is just a number) stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def csv_text(rows: Iterable[Sequence]) -> str:
    """Rows (the first usually the header) as CSV text, every cell defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([defuse(value) for value in row] for row in rows)
    return buffer.getvalue()


def ods_bytes(sheets: Iterable[tuple[str, Iterable[Sequence]]]) -> bytes:
    """An OpenDocument spreadsheet with one sheet per (name, rows); numbers are numbers, everything else text."""
    document = OpenDocumentSpreadsheet()
    for name, rows in sheets:
        table = Table(name=name)
        for values in rows:
            row = TableRow()
            for value in values:
                row.addElement(_cell(value))
            table.addElement(row)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _cell(value) -> TableCell:
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell = TableCell(valuetype="float", value=value)
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text="" if value is None else str(value)))
    return cell
