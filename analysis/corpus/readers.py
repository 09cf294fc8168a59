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
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import Any, NamedTuple

__all__ = [
    "Parsed",
    "ReaderError",
    "TREC_FIELDS",
    "is_html",
    "is_trec",
    "iter_jsonl",
    "iter_trec",
    "read_csv",
    "read_html",
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
    #: what was repaired while reading, for the load report (records still loaded)
    notes: list[str] | tuple[str, ...] = ()


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


class _LineNumbers:
    """Line numbers of positions in a text, counted forward from the last position asked."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.line = 1

    def at(self, pos: int) -> int:
        if pos < self.pos:
            self.pos, self.line = 0, 1
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def _parse_doc(text: str, start: int, end: int, number: int, lines: _LineNumbers) -> dict[str, Any]:
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
            raise ReaderError(
                f"truncated <DOC>: no {close} (in <DOC> {docno or f'#{number}'}, line {lines.at(m.start())})"
            )
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


def iter_trec(text: str, *, chunk_chars: int = 1 << 23) -> Iterator[Parsed]:
    """:func:`read_trec` in pieces of whole ``<DOC>`` elements, about ``chunk_chars`` characters each.

    A huge file's records then never all exist at once.  Record numbers and line
    numbers count from the start of the file.  A damaged ``<DOC>`` (a field or the
    ``<DOC>`` itself not closed, or a ``<DOC>`` opened inside another) is skipped and
    named; the others are kept.  Raises :class:`ReaderError` when there is no ``<DOC>``.

    >>> pieces = list(iter_trec("<DOC><TEXT>أ</TEXT></DOC>\\n<DOC><TEXT>ب</TEXT>\\n<DOC><TEXT>ج</TEXT></DOC>"))
    >>> [(p.records, p.numbers) for p in pieces]
    [([{'text': 'أ'}, {'text': 'ج'}], [1, 3])]
    >>> pieces[0].skipped
    ['<DOC> #2 (line 2) is not closed before the next <DOC> (line 3): truncated or nested, skipped']
    """
    pos = text.find("<DOC>")
    if pos < 0:
        raise ReaderError("no <DOC> element found (a TREC file holds <DOC> ... </DOC> elements)")
    lines = _LineNumbers(text)
    number = 0
    records: list[dict[str, Any]] = []
    numbers: list[int] = []
    skipped: list[str] = []
    piece_end = pos + chunk_chars
    while pos >= 0:
        number += 1
        start = pos + len("<DOC>")
        end = text.find("</DOC>", start)
        following = text.find("<DOC>", start)
        if end < 0 or 0 <= following < end:
            where = f"<DOC> #{number} (line {lines.at(pos)})"
            try:  # name the field left open, if one is
                _parse_doc(text, start, following if following >= 0 else len(text), number, lines)
            except ReaderError as exc:
                skipped.append(str(exc))
            else:
                if following < 0:
                    skipped.append(f"{where} is truncated: no </DOC> before the end of the file")
                else:
                    skipped.append(
                        f"{where} is not closed before the next <DOC> (line {lines.at(following)}): "
                        "truncated or nested, skipped"
                    )
            pos = following
            continue
        try:
            record = _parse_doc(text, start, end, number, lines)
        except ReaderError as exc:
            skipped.append(str(exc))
        else:
            record.setdefault("text", "")
            records.append(record)
            numbers.append(number)
        pos = text.find("<DOC>", end)
        if pos >= piece_end:
            yield Parsed(records, numbers, skipped)
            records, numbers, skipped = [], [], []
            piece_end = pos + chunk_chars
    if records or skipped:
        yield Parsed(records, numbers, skipped)


def _merge(pieces: Iterable[Parsed]) -> Parsed:
    records: list[dict[str, Any]] = []
    numbers: list[int] = []
    skipped: list[str] = []
    notes: list[str] = []
    for piece in pieces:
        records += piece.records
        numbers += piece.numbers
        skipped += piece.skipped
        notes += piece.notes
    return Parsed(records, numbers, skipped, notes)


def read_trec(text: str) -> Parsed:
    """Parse TREC/CLEF ``<DOC>`` elements with regular expressions (the files are not XML).

    Every tag inside a ``<DOC>`` becomes a field: the ones in :data:`TREC_FIELDS` under
    our column names, others under their lower-cased tag.  Empty fields are None,
    except ``text`` which is always a string.  A damaged ``<DOC>`` is skipped and named
    in ``skipped`` (see :func:`iter_trec`); when no ``<DOC>`` is readable the file
    raises :class:`ReaderError`, saying what is wrong and on which line.

    >>> doc = "<DOC>\\n<SRC>BBC</SRC>\\n<AUTHOR></AUTHOR>\\n<TEXT>\\nقال المتحدث\\n</TEXT>\\n</DOC>"
    >>> read_trec(doc).records
    [{'outlet': 'BBC', 'author': None, 'text': 'قال المتحدث'}]
    >>> try:
    ...     read_trec("<DOC><DOCNO>CNN-1</DOCNO>\\n<TEXT>نص مقطوع</DOC>")
    ... except ReaderError as exc:
    ...     print(exc)
    truncated <DOC>: no </TEXT> (in <DOC> CNN-1, line 2)
    """
    parsed = _merge(iter_trec(text, chunk_chars=len(text) + 1))
    if not parsed.records:
        if len(parsed.skipped) == 1:
            raise ReaderError(parsed.skipped[0])
        raise ReaderError(f"no readable <DOC>: {len(parsed.skipped)} damaged, the first: {parsed.skipped[0]}")
    return parsed


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
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ReaderError(f"JSON top level is a {_json_type(data)}, not an array of objects (nor one object)")
    if _SURROGATE_ESCAPE_RE.search(text):
        data = _fix_surrogates(data, counter := [0])
        return _objects(data, "record")._replace(notes=_surrogate_note(counter[0]))
    return _objects(data, "record")


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
    return _merge(iter_jsonl(text, chunk_chars=len(text) + 1))


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
        names = _unique_names(header)
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


# --------------------------------------------------------------------------- HTML

#: elements whose text is never article text
_HTML_SKIP = frozenset(
    "script style noscript template svg math nav footer aside form button select option iframe "
    "object canvas dialog menu".split()
)
#: elements that end a run of text (a paragraph, a heading, a list item, a table cell ...)
_HTML_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre section article main header figure figcaption "
    "table tr td th dd dt hr address".split()
)
#: blocks kept as paragraphs when a page has them
_HTML_PARAGRAPHS = frozenset(("p", "blockquote", "h2", "h3", "h4", "pre"))
#: without paragraphs, a block of text needs this many words to count as article text
_PROSE_MIN_WORDS = 8
_HTML_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_HTML_META = {
    "og:title": "og_title",
    "og:site_name": "outlet",
    "og:url": "url",
    "og:description": "abstract",
    "description": "abstract",
    "article:published_time": "published",
    "datepublished": "published",
    "pubdate": "published",
    "author": "author",
    "article:author": "author",
    "article:section": "section",
}
_JSONLD_TYPES = ("NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting")
_HTML_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
_HTML_START_RE = re.compile(r"[\s\ufeff]*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def is_html(text: str) -> bool:
    """True when the text starts like an HTML page (``<!DOCTYPE html>`` or ``<html>``).

    >>> is_html("<!DOCTYPE html>\\n<html lang='ar'>"), is_html("<DOC>")
    (True, False)
    """
    return _HTML_START_RE.match(text) is not None


class _PageParser(HTMLParser):
    """Collects the text blocks of a page (with where they sit) and its metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.inside = {"article": 0, "main": 0, "head": 0, "header": 0, "h1": 0, "title": 0}
        self.block_tag = "body"
        self.parts: list[str] = []
        #: (text, tag, inside <article>, inside <main>, inside <header>)
        self.blocks: list[tuple[str, str, bool, bool, bool]] = []
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.h1: list[str] = []
        self.jsonld: list[str] = []
        self.in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            field = _HTML_META.get(key)
            if field and values.get("content", "").strip():
                self.meta.setdefault(field, values["content"].strip())
            return
        if tag == "link" and "canonical" in values.get("rel", "").lower() and values.get("href"):
            self.meta.setdefault("canonical", values["href"].strip())
            return
        if tag in _HTML_VOID:
            if tag in ("br", "hr"):
                self._flush()
            return
        if tag == "script" and "ld+json" in values.get("type", "").lower():
            self.in_jsonld = True
            self.jsonld.append("")
        if tag in _HTML_SKIP:
            self.skip += 1
            return
        if tag in self.inside:
            self.inside[tag] += 1
        if tag in _HTML_BLOCKS:
            self._flush()
            self.block_tag = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP:
            self.skip = max(0, self.skip - 1)
            self.in_jsonld = False
            return
        if tag in _HTML_BLOCKS:
            self._flush()
            self.block_tag = "div"
        if tag in self.inside:
            self.inside[tag] = max(0, self.inside[tag] - 1)

    def handle_data(self, data: str) -> None:
        if self.in_jsonld:
            self.jsonld[-1] += data
            return
        if self.skip:
            return
        if self.inside["title"]:
            self.title.append(data)
        elif self.inside["head"]:
            return
        if self.inside["h1"]:
            self.h1.append(data)
        self.parts.append(data)

    def _flush(self) -> None:
        # HTML collapses ASCII whitespace only: a no-break space stays.
        text = _HTML_SPACE_RE.sub(" ", "".join(self.parts)).strip(" ")
        self.parts = []
        if text and not self.inside["title"]:
            inside = self.inside
            self.blocks.append((text, self.block_tag, inside["article"] > 0, inside["main"] > 0, inside["header"] > 0))

    def close(self) -> None:
        super().close()
        self._flush()


def _jsonld_article(scripts: list[str]) -> dict[str, Any]:
    """The first NewsArticle-like object of a page's JSON-LD scripts, as our fields."""
    stack: list[Any] = []
    for script in scripts:
        try:
            stack.append(json.loads(script))
        except (ValueError, RecursionError):
            continue
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        if "@graph" in item:
            stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(k in _JSONLD_TYPES for k in kinds if isinstance(k, str)):
            continue

        def name(value: Any) -> str | None:
            if isinstance(value, list):
                names = [name(v) for v in value]
                return ", ".join(n for n in names if n) or None
            if isinstance(value, dict):
                value = value.get("name")
            return value.strip() or None if isinstance(value, str) else None

        return {
            "title": name(item.get("headline")),
            "text": name(item.get("articleBody")),
            "published": name(item.get("datePublished")),
            "author": name(item.get("author")),
            "outlet": name(item.get("publisher")),
            "url": name(item.get("url")),
            "abstract": name(item.get("description")),
        }
    return {}


def read_html(text: str) -> Parsed:
    """The article of a saved news page: title, body paragraphs and the page's metadata.

    The body is the ``<p>`` paragraphs (and ``<blockquote>``, ``<h2>``-``<h4>``) inside
    ``<article>``, else inside ``<main>``, else the whole page, without scripts, styles,
    navigation, footers, asides and forms; if the page has no paragraphs, its JSON-LD
    ``articleBody``, else its blocks of eight words or more (paragraphs set in
    ``<div>``).  The title is the first ``<h1>``, else the JSON-LD headline,
    ``og:title`` or ``<title>``; ``og:site_name``, ``article:published_time``, the
    canonical URL, ``author`` and ``description`` fill outlet, published, url, author
    and abstract.  A page with no article text raises :class:`ReaderError`.

    >>> page = '''<!DOCTYPE html><html lang="ar"><head><title>خبر - الموقع</title>
    ... <meta property="og:site_name" content="الجزيرة"><script>var x = "<p>لا</p>";</script></head>
    ... <body><nav><p>الرئيسية</p></nav><article><h1>المعارضة تأسر عناصر داعش</h1>
    ... <p>أسرت قوات المعارضة 400 عنصر.</p><p>وأضاف المتحدث &quot;دحر الغزاة&quot;.</p></article>
    ... <footer><p>جميع الحقوق محفوظة</p></footer></body></html>'''
    >>> read_html(page).records
    [{'title': 'المعارضة تأسر عناصر داعش', 'text': 'أسرت قوات المعارضة 400 عنصر.\\n\\nوأضاف المتحدث "دحر الغزاة".', \
'outlet': 'الجزيرة'}]
    """
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    blocks = parser.blocks
    for scope in (2, 3, None):  # inside <article>, inside <main>, anywhere
        chosen = [b for b in blocks if scope is None or b[scope]]
        paragraphs = [b[0] for b in chosen if b[1] in _HTML_PARAGRAPHS and not b[4]]
        if paragraphs:
            break
    jsonld = _jsonld_article(parser.jsonld)
    body = "\n\n".join(paragraphs) if paragraphs else jsonld.get("text")
    if not body:  # pages that set paragraphs in <div>s: the blocks that read as prose
        scoped = [b for b in blocks if b[2]] or [b for b in blocks if b[3]] or blocks
        prose = [b[0] for b in scoped if b[1] != "h1" and not b[4] and len(b[0].split()) >= _PROSE_MIN_WORDS]
        body = "\n\n".join(prose)
    if not body:
        raise ReaderError(
            "HTML page without article text: no paragraphs, no JSON-LD articleBody, no block of "
            f"{_PROSE_MIN_WORDS} words or more (save the article itself as text, or give its text in JSON or CSV)"
        )
    meta = parser.meta
    h1 = _HTML_SPACE_RE.sub(" ", "".join(parser.h1)).strip(" ")
    title = _HTML_SPACE_RE.sub(" ", "".join(parser.title)).strip(" ")
    record: dict[str, Any] = {
        "title": h1 or jsonld.get("title") or meta.get("og_title") or title or None,
        "text": body,
        "outlet": meta.get("outlet") or jsonld.get("outlet"),
        "section": meta.get("section"),
        "published": meta.get("published") or jsonld.get("published"),
        "url": meta.get("canonical") or meta.get("url") or jsonld.get("url"),
        "author": meta.get("author") or jsonld.get("author"),
        "abstract": meta.get("abstract") or jsonld.get("abstract"),
    }
    return Parsed([{k: v for k, v in record.items() if v is not None}], [1], [])


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
