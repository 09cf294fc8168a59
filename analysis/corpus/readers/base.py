"""What every reader shares: the :class:`Parsed` result, :class:`ReaderError`, and text helpers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

__all__ = ["Parsed", "ReaderError", "merge_pieces", "strip_blank_lines", "unescape_entities"]


class ReaderError(ValueError):
    """A file cannot be read as the format asked for; the message says why.

    Internal to the corpus loader: :func:`analysis.corpus.load_corpus` catches it and
    writes the message as the reason of that file's load-report row (the other files
    still load), so it never reaches a caller of ``load_corpus``.  Only code calling a
    reader directly (``read_trec`` ...) sees it.
    """


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
    #: the file is one article (a JSON object, not an array): its id is the file's path, without ``#1``
    single: bool = False



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



def merge_pieces(pieces: Iterable[Parsed]) -> Parsed:
    """The pieces of one file (from ``iter_trec`` or ``iter_jsonl``) as one :class:`Parsed`."""
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

