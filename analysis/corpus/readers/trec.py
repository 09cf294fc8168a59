"""TREC/CLEF ``<DOC>`` files (as in the ANT corpus), read with regular expressions: the files are not XML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from analysis.corpus.readers.base import Parsed, ReaderError, merge_pieces, strip_blank_lines, unescape_entities

__all__ = ["TREC_FIELDS", "is_trec", "iter_trec", "read_trec"]

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
    parsed = merge_pieces(iter_trec(text, chunk_chars=len(text) + 1))
    if not parsed.records:
        if len(parsed.skipped) == 1:
            raise ReaderError(parsed.skipped[0])
        raise ReaderError(f"no readable <DOC>: {len(parsed.skipped)} damaged, the first: {parsed.skipped[0]}")
    return parsed

