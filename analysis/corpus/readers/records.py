"""Files of records: JSON (an array of objects), JSON Lines, CSV/TSV, Parquet and Arrow.

Records keep the file's own field names; :mod:`analysis.corpus.build` maps them onto
the articles frame's columns.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from typing import Any

from analysis.corpus.readers.base import Parsed, ReaderError, merge_pieces

__all__ = ["iter_arrow", "iter_jsonl", "read_csv", "read_json", "read_jsonl", "read_parquet", "unique_names"]

# --------------------------------------------------------------------------- JSON

# JSON escapes can spell lone UTF-16 surrogates ("\ud800"), which no UTF-8 text (nor Arrow) can hold.
_SURROGATE_ESCAPE_RE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _fix_surrogates(value: Any, counter: list[int]) -> Any:
    """``value`` with every lone surrogate in its strings (keys too) replaced by U+FFFD."""
    if isinstance(value, str):
        n = len(_SURROGATE_RE.findall(value))
        if n:
            counter[0] += n
            return _SURROGATE_RE.sub("\ufffd", value)
        return value
    if isinstance(value, list):
        return [_fix_surrogates(item, counter) for item in value]
    if isinstance(value, dict):
        return {_fix_surrogates(k, counter): _fix_surrogates(v, counter) for k, v in value.items()}
    return value


def _objects(items: list[Any], label: str) -> Parsed:
    records, numbers, skipped = [], [], []
    for number, item in enumerate(items, 1):
        if isinstance(item, dict):
            records.append(item)
            numbers.append(number)
        else:
            skipped.append(f"{label} {number} is a JSON {_json_type(item)}, not an object")
    return Parsed(records, numbers, skipped)


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def read_json(text: str) -> Parsed:
    """Records of a JSON file: an array of objects (or a single object).

    A lone surrogate escape ("\\\\ud800", which no UTF-8 text can hold) becomes U+FFFD,
    counted in ``notes``; invalid JSON raises :class:`ReaderError` naming the line and
    column.

    >>> parsed = read_json('[{"content": "نص الخبر", "source": "الجزيرة"}, 3]')
    >>> parsed.records, parsed.numbers, parsed.skipped
    ([{'content': 'نص الخبر', 'source': 'الجزيرة'}], [1], ['record 2 is a JSON number, not an object'])
    >>> try:
    ...     read_json('[{"text": "خبر"},\\n]')
    ... except ReaderError as exc:
    ...     print(exc)
    invalid JSON at line 2, column 1: Expecting value (a trailing comma, or a cut-off file?)
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = " (a trailing comma, or a cut-off file?)" if exc.msg.startswith("Expecting") else ""
        raise ReaderError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{hint}") from None
    except RecursionError:
        raise ReaderError("invalid JSON: arrays or objects nested too deeply to read") from None
    single = isinstance(data, dict)  # one object: one article per file, as news-please saves them
    if single:
        data = [data]
    if not isinstance(data, list):
        raise ReaderError(f"JSON top level is a {_json_type(data)}, not an array of objects (nor one object)")
    if _SURROGATE_ESCAPE_RE.search(text):
        data = _fix_surrogates(data, counter := [0])
        return _objects(data, "record")._replace(notes=_surrogate_note(counter[0]), single=single)
    return _objects(data, "record")._replace(single=single)


def _surrogate_note(n: int) -> list[str]:
    return [f"{n} lone surrogate escape(s) such as \\ud800 replaced with U+FFFD (not text)"] if n else []


def iter_jsonl(text: str, *, chunk_chars: int = 1 << 23) -> Iterator[Parsed]:
    """:func:`read_jsonl` in pieces of whole lines, about ``chunk_chars`` characters each.

    >>> [p.numbers for p in iter_jsonl('{"text": "أ"}\\n{"text": "ب"}\\n', chunk_chars=5)]
    [[1], [2]]
    """
    records: list[dict[str, Any]] = []
    numbers: list[int] = []
    skipped: list[str] = []
    notes: list[str] = []
    number = 0
    lineno = 0
    pos, n = 0, len(text)
    piece_end = chunk_chars
    while pos < n:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        line = text[pos:end]
        lineno += 1
        pos = end + 1
        if line.strip():
            number += 1
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                skipped.append(f"line {lineno}: invalid JSON ({exc})")
            except RecursionError:
                skipped.append(f"line {lineno}: invalid JSON (nested too deeply)")
            else:
                if _SURROGATE_ESCAPE_RE.search(line):
                    item = _fix_surrogates(item, counter := [0])
                    notes += [f"line {lineno}: {note}" for note in _surrogate_note(counter[0])]
                if isinstance(item, dict):
                    records.append(item)
                    numbers.append(number)
                else:
                    skipped.append(f"line {lineno}: a JSON {_json_type(item)}, not an object")
        if pos >= piece_end:
            yield Parsed(records, numbers, skipped, notes)
            records, numbers, skipped, notes = [], [], [], []
            piece_end = pos + chunk_chars
    if records or skipped or notes:
        yield Parsed(records, numbers, skipped, notes)


def read_jsonl(text: str) -> Parsed:
    """Records of a JSON Lines file; an invalid line is skipped and named, the others load.

    >>> parsed = read_jsonl('{"text": "خبر أول"}\\n\\n{"text": "خبر\\n{"text": "خبر ثالث"}')
    >>> parsed.records, parsed.numbers
    ([{'text': 'خبر أول'}, {'text': 'خبر ثالث'}], [1, 3])
    >>> parsed.skipped
    ['line 3: invalid JSON (Unterminated string starting at: line 1 column 10 (char 9))']
    """
    return merge_pieces(iter_jsonl(text, chunk_chars=len(text) + 1))


# --------------------------------------------------------------------------- CSV

_DELIMITERS = ",\t;|"


def _sniff_delimiter(text: str) -> str:
    header = text[: text.find("\n")] if "\n" in text else text
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def unique_names(header: list[str]) -> list[str]:
    """Header cells as field names: an empty one is ``column_N``, a repeated one ``name_2``.

    >>> unique_names(["العنوان", "", "النص", "النص"])
    ['العنوان', 'column_2', 'النص', 'النص_2']
    """
    names: list[str] = []
    for i, raw in enumerate(header, 1):
        name = raw.strip() or f"column_{i}"
        base, k = name, 1
        while name in names:
            k += 1
            name = f"{base}_{k}"
        names.append(name)
    return names


def read_csv(text: str, *, delimiter: str | None = None) -> Parsed:
    """Records of a CSV/TSV file with a header row; empty cells are None.

    The delimiter is guessed from the header (``,`` tab ``;`` ``|``) unless given.  A
    row with more cells than the header is skipped and named; a shorter row is
    padded with None (spreadsheets drop trailing empty cells).  A quote opened and
    never closed swallows the rest of the file into one cell: that last row is
    skipped and named with the line where the quote opened.

    >>> read_csv("id,content\\nr1,\\"قال، ثم مضى\\"\\nr2,\\n").records
    [{'id': 'r1', 'content': 'قال، ثم مضى'}, {'id': 'r2', 'content': None}]
    >>> read_csv('id,content\\nr1,"نص\\nr2,نص ثان\\n').skipped
    ['row 1 (line 2): a quote opened on this line is never closed, so lines 2-3 ran into one cell']
    """
    # News bodies exceed the csv module's default 128 KiB field limit.
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2**31 - 1)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or _sniff_delimiter(text))
    records, numbers, skipped = [], [], []
    try:
        header = next(reader, None)
        if header is None:
            raise ReaderError("empty CSV: no header row")
        names = unique_names(header)
        number = 0
        first_line = reader.line_num + 1
        for row in reader:
            if not row:
                first_line = reader.line_num + 1
                continue
            number += 1
            if len(row) > len(names):
                skipped.append(f"row {number} (line {first_line}): {len(row)} cells, header has {len(names)}")
            else:
                records.append({name: (cell if cell != "" else None) for name, cell in zip(names, row, strict=False)})
                numbers.append(number)
            last_first, first_line = first_line, reader.line_num + 1
    except csv.Error as exc:
        raise ReaderError(f"invalid CSV at line {reader.line_num}: {exc}") from None
    if number and reader.line_num > last_first and text.count('"') % 2 and text.rstrip("\n")[-1:] != '"':
        # An odd number of quotes and a last row running over several lines: a quote never closed.
        if numbers and numbers[-1] == number:
            records.pop()
            numbers.pop()
        elif skipped:
            skipped.pop()
        skipped.append(
            f"row {number} (line {last_first}): a quote opened on this line is never closed, "
            f"so lines {last_first}-{reader.line_num} ran into one cell"
        )
    return Parsed(records, numbers, skipped)



# --------------------------------------------------------------------------- Parquet


def read_parquet(data: bytes) -> Parsed:
    """Records of a Parquet file (bytes), one dict per row, values as Python objects."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        raise ReaderError(f"invalid Parquet: {exc}") from None
    records = table.to_pylist()
    return Parsed(records, list(range(1, len(records) + 1)), [])


# --------------------------------------------------------------------------- Arrow


def iter_arrow(data: bytes) -> Iterator[Parsed]:
    """Records of an Arrow IPC file, one piece per record batch, numbered from 1 across batches.

    A Hugging Face ``save_to_disk`` shard (``data-00000-of-00001.arrow``) is an Arrow
    *stream*; Feather v2 and ``pyarrow.ipc.new_file`` write the Arrow *file* format: both
    are read.  A batch that cannot be read stops the file there, named in ``skipped``; the
    batches before it load.  No Arrow at all raises :class:`ReaderError`.

    >>> import pyarrow as pa
    >>> sink = pa.BufferOutputStream()
    >>> with pa.ipc.new_stream(sink, pa.schema([("text", pa.string())])) as writer:
    ...     writer.write_batch(pa.record_batch([["قال المتحدث", "أسرت قوات المعارضة"]], names=["text"]))
    >>> [(p.records, p.numbers) for p in iter_arrow(sink.getvalue().to_pybytes())]
    [([{'text': 'قال المتحدث'}, {'text': 'أسرت قوات المعارضة'}], [1, 2])]
    """
    import pyarrow as pa

    source = pa.BufferReader(data)
    try:
        reader = pa.ipc.open_stream(source)
        batches: Iterator[Any] = iter(reader)
    except (pa.ArrowException, OSError):
        try:
            file_reader = pa.ipc.open_file(pa.BufferReader(data))
        except (pa.ArrowException, OSError) as exc:
            raise ReaderError(f"invalid Arrow (neither an Arrow stream nor an Arrow file): {exc}") from None
        batches = (file_reader.get_batch(i) for i in range(file_reader.num_record_batches))
    number = 0
    n_batch = 0
    while True:
        n_batch += 1
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError, ValueError) as exc:
            yield Parsed([], [], [f"record batch {n_batch} (after row {number}): cannot be read ({exc}); the file "
                                  "is damaged or cut off there, the rows after it are not read"])
            return
        if batch is None:
            return
        records = batch.to_pylist()
        numbers = list(range(number + 1, number + len(records) + 1))
        number += len(records)
        yield Parsed(records, numbers, [])

