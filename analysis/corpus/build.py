"""Building the articles frame from parsed records: row by row while reading, the frame at the end.

:class:`ArticleRows` takes each file's pieces of records (all of a piece or nothing),
maps record fields onto the frame's columns (:func:`~analysis.corpus.schemas.plan_fields`), gives each article
a unique id and keeps the strings in Arrow batches; :meth:`ArticleRows.frame` parses
the published dates and counts characters and words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.corpus.columns import (
    ARTICLE_COLUMNS,
    FILE_COLUMNS,
    METADATA_COLUMNS,
    RECORD_FORMATS,
    STRING_METADATA,
    clean_value,
    domain_of,
    extra_name,
)
from analysis.corpus.dates import parse_published
from analysis.corpus.ids import UniqueIds
from analysis.corpus.readers import Parsed
from analysis.corpus.report import FileTally, ReportEntry, examples
from analysis.corpus.schemas import LANGUAGE_FIELDS, is_arabic_language, plan_fields, plan_note, text_hint
from analysis.text.tokens import count_words

__all__ = ["ArticleRows", "plan_fields"]  # plan_fields lives in analysis.corpus.schemas

#: texts are counted in batches of about this many UTF-8 bytes (tokenising all at once costs ~2x the text)
_COUNT_BATCH_BYTES = 16 * 2**20
#: one article before it is appended: id, text, published as read, the other string metadata, extra fields
_Row = tuple[str, str, Any, list[str | None], list[tuple[str, Any]]]


class StringColumn:
    """Strings appended one by one and moved to Arrow in batches.

    Converting a str to Arrow makes CPython cache a UTF-8 copy inside the str object;
    converting the whole corpus at the end would briefly hold it three times over.
    """

    BATCH = 4096

    def __init__(self) -> None:
        self.pending: list[str | None] = []
        self.chunks: list[pa.Array] = []

    def append(self, value: str | None) -> None:
        self.pending.append(value)
        if len(self.pending) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self.chunks.append(pa.array(self.pending, type=pa.large_string()))
            self.pending = []

    def finish(self) -> pa.Array:
        """All values as one Arrow array (one chunk, so readers can use it without copying)."""
        self._flush()
        chunks, self.chunks = self.chunks, []
        if not chunks:
            return pa.array([], type=pa.large_string())
        return chunks[0] if len(chunks) == 1 else pa.concat_arrays(chunks)



def _record_rows(
    parsed: Parsed, fmt: str, id_base: str, single: bool, tally: FileTally, columns: dict[str, str]
) -> list[_Row]:
    """The articles of one piece, ready to append; everything that can fail (str() of odd values ...) happens here."""
    records = parsed.records
    from_records = fmt in RECORD_FORMATS
    plan = None
    if from_records and records:
        first = tally.plan is None
        plan = tally.plan = plan_fields(records, columns, tally.plan)
        if first:
            tally.mapping = plan_note(plan, columns, dict.fromkeys(k for r in records for k in r))
    tally.add_skipped(parsed.skipped)
    tally.repairs.extend(parsed.notes)
    rows: list[_Row] = []
    for record, number in zip(records, parsed.numbers, strict=True):
        if plan is not None:
            record = {plan[k]: v for k, v in record.items()}
        text = record.get("text")
        if from_records:
            if isinstance(text, float) and text != text:
                text = None
            if text is not None and not isinstance(text, str):
                text = str(text)
            if text is None or not text.strip():
                tally.n_empty += 1
                if tally.text_hint is None:
                    tally.text_hint = text_hint(records, plan or {}) or ""
                continue
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            language = next((record[f] for f in LANGUAGE_FIELDS if f in record), None)
            if is_arabic_language(language) is False:  # not silently mixed into Arabic counts
                tally.other_language[language.strip()] += 1
                continue
            outlet = clean_value(record.get("outlet"))
            if outlet is None:
                record["outlet"] = domain_of(record.get("url"))
            elif outlet.startswith("www.") and " " not in outlet:  # a domain: www.aa.com.tr is aa.com.tr
                record["outlet"] = outlet[4:]
        elif not text:
            text = ""
            tally.n_empty_kept += 1
        default_id = id_base if single else f"{id_base}#{number}"
        article_id = clean_value(record.get("article_id")) or default_id
        metadata = [clean_value(record.get(name)) for name in STRING_METADATA[1:]]
        extras = [(extra_name(k), v) for k, v in record.items() if k not in METADATA_COLUMNS]
        rows.append((article_id, text, record.get("published"), metadata, extras))
    return rows


class ArticleRows:
    """The articles read so far, column by column, and the load-report row each came from."""

    def __init__(self, columns: dict[str, str], ids: UniqueIds):
        #: the ``columns=`` mapping (record field -> ours)
        self.columns = columns
        self.ids = ids
        self.cols: dict[str, StringColumn] = {
            name: StringColumn() for name in METADATA_COLUMNS + FILE_COLUMNS[:3] if name != "published"
        }
        self.published: list[Any] = []
        #: extra record fields: name -> (row numbers, values)
        self.extras: dict[str, tuple[list[int], list[Any]]] = {}
        #: the report row (index in the entries) of each article
        self.row_entry: list[int] = []

    def add_file(self, entry: ReportEntry, entry_index: int, pieces: Iterable[Parsed], fmt: str, id_base: str) -> None:
        """Append one file's records as articles, piece by piece, and note what was skipped, renamed or repaired.

        Each piece is appended whole or not at all; a file that is read in one piece (all
        but TREC and JSON Lines files over a few megabytes) is all or nothing.
        """
        it = iter(pieces)
        first = next(it, None)
        second = next(it, None) if first is not None else None
        single = fmt in ("text", "html") or (
            fmt in ("trec", "json")
            and second is None
            and first is not None
            and (first.single or (fmt == "trec" and len(first.records) == 1))
        )
        tally = FileTally()

        def add(piece: Parsed) -> None:
            self._append(entry, entry_index, _record_rows(piece, fmt, id_base, single, tally, self.columns), fmt, tally)

        for piece in (first, second):
            if piece is not None:
                add(piece)
        first = second = None
        for piece in it:
            add(piece)
        tally.close(entry, fmt)

    def _append(self, entry: ReportEntry, entry_index: int, rows: list[_Row], fmt: str, tally: FileTally) -> None:
        cols = self.cols
        metadata_lists = [cols[name] for name in STRING_METADATA[1:]]
        display = entry.path
        for article_id, text, published, metadata, extras in rows:
            unique = self.ids.unique(article_id)
            if unique != article_id:
                tally.add_renamed(article_id, unique)
            row = len(self.row_entry)
            self.row_entry.append(entry_index)
            cols["article_id"].append(unique)
            cols["text"].append(text)
            self.published.append(published)
            for values, value in zip(metadata_lists, metadata, strict=True):
                values.append(value)
            cols["path"].append(display)
            cols["format"].append(fmt)
            cols["encoding"].append(entry.encoding)
            for name, value in extras:
                row_numbers, values = self.extras.setdefault(name, ([], []))
                row_numbers.append(row)
                values.append(value)
        entry.n_articles += len(rows)

    def frame(self, entries: list[ReportEntry]) -> pd.DataFrame:
        """The articles frame (without its report); unparseable dates are noted on their files' ``entries``."""
        cols = self.cols
        n = len(self.published)
        raw_published, self.published = self.published, []
        published, failed = parse_published(raw_published)
        by_entry: dict[int, list[str]] = {}
        for i in failed:
            by_entry.setdefault(self.row_entry[i], []).append(_shorten(repr(raw_published[i])))
        for index, values in by_entry.items():
            note = f"{len(values)} unparseable published value(s) set to NaT: {examples(values)}"
            entries[index].notes.append(note)
        del raw_published

        data: dict[str, Any] = {}
        text = cols["text"].finish()
        for name in ARTICLE_COLUMNS:
            if name == "published":
                data[name] = pd.Series(published.view("M8[ns]")).dt.tz_localize("UTC").array
            elif name == "n_chars":
                data[name] = pc.utf8_length(text).to_numpy().astype(np.int64)  # code points, as len()
            elif name == "n_words":
                data[name] = _count_words_in_batches(text)
            else:
                data[name] = pd.array(text if name == "text" else cols[name].finish(), dtype="str")  # zero-copy
        for name, (rows, values) in self.extras.items():
            column = [None] * n
            for row, value in zip(rows, values, strict=True):
                column[row] = value
            data[name] = pd.Series(column)
        self.extras.clear()
        return pd.DataFrame(data)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else f"{text[: limit - 5]}...{text[-2:]}"


def _count_words_in_batches(text: pa.Array) -> np.ndarray:
    """:func:`count_words` of each text, a batch of texts at a time, so a huge corpus needs little more memory."""
    ends = np.cumsum(pc.binary_length(text).to_numpy(zero_copy_only=False).astype(np.int64))
    cuts = np.searchsorted(ends, np.arange(_COUNT_BATCH_BYTES, ends[-1] if len(ends) else 0, _COUNT_BATCH_BYTES))
    bounds = sorted({0, len(text), *(int(c) + 1 for c in cuts)})
    counts = [
        np.asarray(count_words(text.slice(start, stop - start)), dtype=np.int64)
        for start, stop in zip(bounds[:-1], bounds[1:], strict=True)
    ]
    return np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)

