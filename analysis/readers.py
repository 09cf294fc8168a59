"""Parsers for the file formats a news corpus comes in: decoded text (or bytes) in, records out.

Each reader is a pure function.  It returns a :class:`Parsed` (record dicts, their
1-based numbers in the file, and one message per record it had to skip) or raises
:class:`ReaderError` with a message fit for a load report when the whole file is
unusable.  Plain-text and TREC readers already name fields like the articles frame
(``title``, ``text``, ``outlet`` ...); JSON, CSV and Parquet records keep the
file's own field names, which :func:`analysis.corpus.load_corpus` maps afterwards.

>>> read_trec("<DOC><DOCNO>AL-1</DOCNO><TITLE>عاجل &amp; مهم</TITLE><TEXT>\\nنص الخبر\\n</TEXT></DOC>").records
[{'article_id': 'AL-1', 'title': 'عاجل & مهم', 'text': 'نص الخبر'}]
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from typing import Any, NamedTuple

__all__ = [
    "Parsed",
    "ReaderError",
    "TREC_FIELDS",
    "is_trec",
    "read_csv",
    "read_json",
    "read_jsonl",
    "read_parquet",
    "read_text_article",
    "read_trec",
    "strip_blank_lines",
    "unescape_entities",
]


class ReaderError(ValueError):
    """A file cannot be read as the format asked for; the message says why."""


class Parsed(NamedTuple):
    """What a reader found in one file."""

    #: one dict per record, field name -> value
    records: list[dict[str, Any]]
    #: the 1-based position of each record in the file (for default article ids)
    numbers: list[int]
    #: one message per record that could not be read ("line 7: invalid JSON ...")
    skipped: list[str]


# --------------------------------------------------------------------------- helpers

_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}
_ENTITY_RE = re.compile("|".join(_ENTITIES))


def unescape_entities(value: str) -> str:
    """Replace the five XML entities, leaving bare ``&`` (common in scraped news) alone.

    >>> unescape_entities("Dolce&Gabbana &amp; &quot;فالنتينو&quot;")
    'Dolce&Gabbana & "فالنتينو"'
    """
    if "&" not in value:
        return value
    return _ENTITY_RE.sub(lambda m: _ENTITIES[m.group()], value)


def strip_blank_lines(text: str) -> str:
    """Drop leading and trailing blank lines, keeping the indentation and trailing spaces of text lines.

    >>> strip_blank_lines("\\n \\nأسرت قوات المعارضة\\nجنوب شرقي إدلب.\\n\\n")
    'أسرت قوات المعارضة\\nجنوب شرقي إدلب.'
    """
    stripped = text.lstrip()
    if len(stripped) != len(text):
        cut = text.rfind("\n", 0, len(text) - len(stripped))
        if cut >= 0:
            text = text[cut + 1 :]
    stripped = text.rstrip()
    if len(stripped) != len(text):
        cut = text.find("\n", len(stripped))
        if cut >= 0:
            text = text[:cut]
    return text


# --------------------------------------------------------------------------- TREC

#: TREC/CLEF tag -> articles-frame column; other tags are kept under their lower-cased name.
TREC_FIELDS = {
    "DOCNO": "article_id",
    "URL": "url",
    "SRC": "outlet",
    "CAT": "section",
    "TITLE": "title",
    "TIME": "published",
    "AUTHOR": "author",
    "ABSTRACT": "abstract",
    "TEXT": "text",
}
_TREC_START_RE = re.compile(r"[\s\ufeff]*<DOC>")
_TAG_RE = re.compile(r"<([A-Za-z][A-Za-z0-9_.-]*)>")


def is_trec(text: str) -> bool:
    """True when the first non-blank characters are ``<DOC>``.

    >>> is_trec("\\n<DOC>\\n<DOCNO>BBC-sport-1</DOCNO>"), is_trec("عنوان الخبر")
    (True, False)
    """
    return _TREC_START_RE.match(text) is not None


def _parse_doc(text: str, start: int, end: int, number: int) -> dict[str, Any]:
    record: dict[str, Any] = {}
    pos = start
    while True:
        m = _TAG_RE.search(text, pos, end)
        if m is None:
            return record
        tag = m.group(1)
        close = f"</{tag}>"
        stop = text.find(close, m.end(), end)
        if stop < 0:
            docno = record.get("article_id")
            raise ReaderError(f"truncated <DOC>: no {close} (in <DOC> {docno or f'#{number}'})")
        value = text[m.end() : stop]
        pos = stop + len(close)
        name = TREC_FIELDS.get(tag.upper(), tag.lower())
        value = unescape_entities(value)
        # The body keeps its inner layout; metadata is one trimmed line, empty -> missing.
        value = strip_blank_lines(value) if name == "text" else (value.strip() or None)
        if value is None:
            record.setdefault(name, None)
        elif record.get(name) is not None:
            record[name] = f"{record[name]}\n{value}"  # a repeated tag (e.g. two <TEXT>): keep both
        else:
            record[name] = value


def read_trec(text: str) -> Parsed:
    """Parse TREC/CLEF ``<DOC>`` elements with regular expressions (the files are not XML).

    Every tag inside a ``<DOC>`` becomes a field: the ones in :data:`TREC_FIELDS` under
    our column names, others under their lower-cased tag.  Empty fields are None,
    except ``text`` which is always a string.  A ``<DOC>`` without ``</DOC>`` or a field
    without its closing tag raises :class:`ReaderError`.

    >>> doc = "<DOC>\\n<SRC>BBC</SRC>\\n<AUTHOR></AUTHOR>\\n<TEXT>\\nقال المتحدث\\n</TEXT>\\n</DOC>"
    >>> read_trec(doc).records
    [{'outlet': 'BBC', 'author': None, 'text': 'قال المتحدث'}]
    >>> try:
    ...     read_trec("<DOC><DOCNO>CNN-1</DOCNO><TEXT>نص مقطوع")
    ... except ReaderError as exc:
    ...     print(exc)
    truncated <DOC>: no </TEXT> (in <DOC> CNN-1)
    """
    records: list[dict[str, Any]] = []
    pos = text.find("<DOC>")
    if pos < 0:
        raise ReaderError("no <DOC> element found")
    while pos >= 0:
        number = len(records) + 1
        start = pos + len("<DOC>")
        end = text.find("</DOC>", start)
        following = text.find("<DOC>", start)
        if end < 0 or 0 <= following < end:
            # Parse up to where the next DOC starts to name the field left open, if any.
            _parse_doc(text, start, following if following >= 0 else len(text), number)
            raise ReaderError(f"truncated <DOC>: no </DOC> (in <DOC> #{number})")
        record = _parse_doc(text, start, end, number)
        record.setdefault("text", "")
        records.append(record)
        pos = text.find("<DOC>", end)
    return Parsed(records, list(range(1, len(records) + 1)), [])


# --------------------------------------------------------------------------- plain text

_SECTION_MAX_WORDS = 5
# Sentence punctuation, quotes and digits: a line with any of them is prose, not a section name.
_NOT_SECTION_RE = re.compile(r"[.،:؟?!؛;\"«»()\[\]0-9\u0660-\u0669\u06f0-\u06f9]")
#: a first line longer than this is a paragraph, not a title
TITLE_MAX_CHARS = 300


def _lines(text: str, pos: int):
    """Yield (start, end) of each line from ``pos`` on, without splitting the whole text."""
    n = len(text)
    while pos < n:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        yield pos, end
        pos = end + 1


def _is_section_line(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _SECTION_MAX_WORDS and _NOT_SECTION_RE.search(line) is None


def read_text_article(text: str) -> dict[str, Any]:
    """Split a plain-text article into title, optional section line and body.

    Layout: the title on the first non-empty line; then optionally a short section
    line (at most five words, no sentence punctuation or digits) followed by a blank
    line; then the body, kept exactly (only leading and trailing blank lines go).
    A file with a single non-empty line, or a first line too long for a title, is
    all body.

    >>> read_text_article("المعارضة تأسر عناصر داعش\\n\\nعربي ودولي\\n\\n\\nأسرت قوات المعارضة.\\nوأضاف.\\n")
    {'title': 'المعارضة تأسر عناصر داعش', 'section': 'عربي ودولي', 'text': 'أسرت قوات المعارضة.\\nوأضاف.'}
    """
    lines = _lines(text, 0)
    nonblank = ((s, e) for s, e in lines if not text[s:e].isspace() and s != e)
    first = next(nonblank, None)
    if first is None:
        raise ReaderError("blank file (only whitespace)")
    second = next(nonblank, None)
    title = text[first[0] : first[1]].strip()
    if second is None or len(title) > TITLE_MAX_CHARS:
        return {"title": None, "section": None, "text": strip_blank_lines(text)}

    section = None
    body_start = second[0]
    candidate = text[second[0] : second[1]]
    if _is_section_line(candidate):
        after = next(_lines(text, second[1] + 1), None)
        if after is not None and text[after[0] : after[1]].strip() == "":
            third = next(nonblank, None)
            if third is not None:
                section = candidate.strip()
                body_start = third[0]
    return {"title": title, "section": section, "text": strip_blank_lines(text[body_start:])}


# --------------------------------------------------------------------------- JSON


def _objects(items: list[Any], label: str) -> Parsed:
    records, numbers, skipped = [], [], []
    for number, item in enumerate(items, 1):
        if isinstance(item, dict):
            records.append(item)
            numbers.append(number)
        else:
            skipped.append(f"{label} {number} is a JSON {type(item).__name__}, not an object")
    return Parsed(records, numbers, skipped)


def read_json(text: str) -> Parsed:
    """Records of a JSON file: an array of objects (or a single object).

    >>> parsed = read_json('[{"content": "نص الخبر", "source": "الجزيرة"}, 3]')
    >>> parsed.records, parsed.numbers, parsed.skipped
    ([{'content': 'نص الخبر', 'source': 'الجزيرة'}], [1], ['record 2 is a JSON int, not an object'])
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReaderError(f"invalid JSON: {exc}") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ReaderError(f"JSON top level is a {type(data).__name__}, not an array of objects")
    return _objects(data, "record")


def read_jsonl(text: str) -> Parsed:
    """Records of a JSON Lines file; an invalid line is skipped and named, the others load.

    >>> parsed = read_jsonl('{"text": "خبر أول"}\\n\\n{"text": "خبر\\n{"text": "خبر ثالث"}')
    >>> parsed.records, parsed.numbers
    ([{'text': 'خبر أول'}, {'text': 'خبر ثالث'}], [1, 3])
    >>> parsed.skipped
    ['line 3: invalid JSON (Unterminated string starting at: line 1 column 10 (char 9))']
    """
    records, numbers, skipped = [], [], []
    number = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        number += 1
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            skipped.append(f"line {lineno}: invalid JSON ({exc})")
            continue
        if isinstance(item, dict):
            records.append(item)
            numbers.append(number)
        else:
            skipped.append(f"line {lineno}: a JSON {type(item).__name__}, not an object")
    return Parsed(records, numbers, skipped)


# --------------------------------------------------------------------------- CSV

_DELIMITERS = ",\t;|"


def _sniff_delimiter(text: str) -> str:
    header = text[: text.find("\n")] if "\n" in text else text
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _unique_names(header: list[str]) -> list[str]:
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
    padded with None (spreadsheets drop trailing empty cells).

    >>> read_csv("id,content\\nr1,\\"قال، ثم مضى\\"\\nr2,\\n").records
    [{'id': 'r1', 'content': 'قال، ثم مضى'}, {'id': 'r2', 'content': None}]
    """
    # News bodies exceed the csv module's default 128 KiB field limit.
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2**31 - 1)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or _sniff_delimiter(text))
    records, numbers, skipped = [], [], []
    try:
        header = next(reader, None)
        if header is None:
            raise ReaderError("empty CSV: no header row")
        names = _unique_names(header)
        number = 0
        for row in reader:
            if not row:
                continue
            number += 1
            if len(row) > len(names):
                skipped.append(f"row {number} (line {reader.line_num}): {len(row)} cells, header has {len(names)}")
                continue
            records.append({name: (cell if cell != "" else None) for name, cell in zip(names, row, strict=False)})
            numbers.append(number)
    except csv.Error as exc:
        raise ReaderError(f"invalid CSV at line {reader.line_num}: {exc}") from None
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
