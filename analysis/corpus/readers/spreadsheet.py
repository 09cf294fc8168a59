"""Spreadsheets (``.xlsx``, ``.xlsm``, ``.ods``): one article per row, the header row's cells as field names.

Read with python-calamine, chosen over openpyxl on purpose: one reader for XLSX *and*
ODS (openpyxl reads no ODS, and pandas' ODS reader, odfpy, is slow and memory-hungry);
read-only by design: it reads the values a spreadsheet program saved with each formula
and never evaluates one (no macros, no external links, no network); and its Rust parser
reads a large sheet several times faster than openpyxl, in less memory.

A workbook is a zip of XML: before calamine opens it, its members are decompressed
once, in chunks, within ``max_bytes`` and ``max_ratio`` (their sizes in the zip's
directory may lie), so a zip bomb saved as ``.xlsx`` is refused, not opened; the same
pass counts the formula cells in each sheet's XML.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from analysis.corpus.limits import RATIO_GRACE, Budget, Limits, Refused
from analysis.corpus.readers.base import Parsed, ReaderError
from analysis.corpus.readers.records import unique_names

__all__ = ["EXCEL_CELL_LIMIT", "read_spreadsheet"]

#: the most characters Excel and LibreOffice keep in a cell: a text saved by them may have been cut there
EXCEL_CELL_LIMIT = 32_767
_CHUNK = 1 << 20
_XLSX_FORMULA_RE = re.compile(rb'<c r="([A-Z]+[0-9]+)"[^>]*>\s*<f(?:\s[^>]*)?(?:/>|>([^<]*)</f>)')
_ODS_FORMULA_RE = re.compile(rb'table:formula="([^"]*)"')
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _scan(zf: zipfile.ZipFile, compressed: int, limits: Limits, budget: Budget) -> tuple[int, str | None]:
    """Decompress every member once, refusing the workbook past the limits, and count its formula cells on the
    way: how many, and the first one (``sheet1 B3 =CONCAT(A2,B2)``).  Only the sheets' XML is kept, one
    member at a time, for the count."""
    total, count, first = 0, 0, None
    for info in zf.infolist():
        name = info.filename
        sheet = name.startswith("xl/worksheets/") and name.endswith(".xml") or name == "content.xml"
        kept: list[bytes] = []
        with zf.open(info) as member:
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                if limits.max_bytes is not None and budget.used + total > limits.max_bytes:
                    raise Refused(limits.member_too_big(total, "more than"))
                if limits.max_ratio is not None and total > RATIO_GRACE and total > limits.max_ratio * compressed:
                    raise Refused(limits.bomb_message(total, compressed, "its XML decompresses to"))
                if sheet:
                    kept.append(chunk)
        if not sheet:
            continue
        xml = b"".join(kept)
        if name == "content.xml":
            found = list(_ODS_FORMULA_RE.finditer(xml))
            if found and first is None:
                first = found[0].group(1).decode("utf-8", "replace")[:60]
        else:
            found = list(_XLSX_FORMULA_RE.finditer(xml))
            if found and first is None:
                formula = found[0].group(2)
                shown = f" ={formula.decode('utf-8', 'replace')[:60]}" if formula else " (a shared formula)"
                first = f"{name.rsplit('/', 1)[-1][:-4]} {found[0].group(1).decode()}{shown}"
        count += len(found)
    budget.used += total
    return count, first


def _value(cell: Any) -> Any:
    """A cell as a record value: empty -> None, a whole float -> int (ids, years), dates kept.

    >>> _value(" "), _value(2018.0), _value(2.5), _value("الأناضول")
    (None, 2018, 2.5, 'الأناضول')
    """
    if isinstance(cell, str):
        return cell if cell.strip() else None
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, dt.time):  # a time of day alone is no date: keep it as written
        return cell.isoformat()
    return cell


def read_spreadsheet(data: bytes, kind: str, limits: Limits | None = None, budget: Budget | None = None) -> Parsed:
    """Records of an XLSX or ODS workbook (``kind``: "xlsx" or "ods"): every worksheet, one article per row.

    A sheet's first row with a value is its header (an empty header cell is
    ``column_N``, a repeated one ``name_2``); blank rows are passed over.  A workbook with
    several sheets of rows adds the field ``sheet``.  Formula cells are read as the values
    saved with the file (never evaluated) and counted in ``notes``; so are cells of
    :data:`EXCEL_CELL_LIMIT` characters or more.

    A sheet headed "العنوان | النص" with the row "عاجل | أسرت قوات المعارضة 400 عنصر." reads as
    ``{'العنوان': 'عاجل', 'النص': 'أسرت قوات المعارضة 400 عنصر.'}`` (record 1); the loader then maps
    both headers (:mod:`analysis.corpus.schemas`)::

        parsed = read_spreadsheet(Path("أخبار.xlsx").read_bytes(), "xlsx")
    """
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum
    except ImportError:
        raise ReaderError("reading spreadsheets needs python-calamine: pip install -r requirements.txt") from None

    limits = limits or Limits()
    budget = budget or Budget("workbook")
    label = "XLSX workbook" if kind == "xlsx" else "OpenDocument spreadsheet"
    if data.startswith(_OLE_MAGIC):
        raise ReaderError(
            f"not an {label}: an old binary Office file (.xls), or a workbook saved with a password; "
            "open it and save it as .xlsx without a password"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            n_formulas, first_formula = _scan(zf, len(data), limits, budget)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        # RuntimeError: an encrypted member; zlib.error is caught below with the rest
        raise ReaderError(f"not a readable {label}: {type(exc).__name__}: {exc} (a damaged or cut-off file?)") from None
    except Refused:
        raise
    except Exception as exc:
        raise ReaderError(f"not a readable {label}: {type(exc).__name__}: {exc}") from None
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [(meta.name, book.get_sheet_by_name(meta.name).to_python()) for meta in book.sheets_metadata
                  if meta.typ == SheetTypeEnum.WorkSheet]
    except Exception as exc:  # calamine's CalamineError, XmlError, ZipError, PasswordError ...
        raise ReaderError(f"cannot read this {label}: {type(exc).__name__}: {exc}") from None

    records: list[dict[str, Any]] = []
    n_long = 0
    by_sheet: list[tuple[str, list[dict[str, Any]]]] = []
    for name, rows in sheets:
        header: list[str] | None = None
        sheet_records: list[dict[str, Any]] = []
        for row in rows:
            values = [_value(cell) for cell in row]
            if all(v is None for v in values):
                continue
            n_long += sum(1 for v in values if isinstance(v, str) and len(v) >= EXCEL_CELL_LIMIT)
            if header is None:
                header = unique_names(["" if v is None else str(v) for v in values])
                continue
            sheet_records.append({field: v for field, v in zip(header, values, strict=False) if v is not None})
        if sheet_records:
            by_sheet.append((name, sheet_records))
    for name, sheet_records in by_sheet:
        if len(by_sheet) > 1:
            for record in sheet_records:
                record["sheet"] = name
        records += sheet_records
    notes = []
    if n_formulas:
        notes.append(
            f"{n_formulas} formula cell(s), e.g. {first_formula}: read as the values saved with the file, never "
            "evaluated (a formula saved without its value reads as empty)"
        )
    if n_long:
        notes.append(
            f"{n_long} cell(s) of {EXCEL_CELL_LIMIT:,} characters or more: Excel and LibreOffice keep no more in a "
            "cell, so a longer text saved by them was cut there; read as stored"
        )
    if not records and not any(rows for _, rows in sheets):
        raise ReaderError(f"empty {label}: no sheet holds a value")
    return Parsed(records, list(range(1, len(records) + 1)), [], notes)
