"""Load a corpus of Arabic news articles (files, folders, archives) into one DataFrame.

:func:`load_corpus` walks a file, a folder or an archive, detects each file's format
and encoding, parses it with :mod:`analysis.readers` and returns the *articles frame*:
one row per article, plus a load report that accounts for every file it met.
"""

from __future__ import annotations

import bz2
import calendar
import codecs
import datetime as dt
import email.utils
import gzip
import io
import json
import lzma
import os
import re
import stat
import sys
import tarfile
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import readers
from analysis.encoding import BinaryFileError, decode_bytes
from analysis.errors import CorpusFormatError, CorpusNotFoundError, EmptyCorpusError
from analysis.readers import Parsed, ReaderError
from analysis.tokens import count_words

__all__ = ["ARTICLE_COLUMNS", "FORMATS", "REPORT_COLUMNS", "load_corpus"]

#: values accepted by ``format=``
FORMATS = ("text", "trec", "json", "jsonl", "csv", "parquet")
#: columns a record can fill (directly, through ``columns=``, or from TREC tags)
METADATA_COLUMNS = ("article_id", "title", "text", "outlet", "section", "published", "url", "author", "abstract")
#: columns computed by the loader
FILE_COLUMNS = ("path", "format", "encoding", "n_chars", "n_words")
#: the articles frame's fixed columns, in order; extra record fields follow them
ARTICLE_COLUMNS = METADATA_COLUMNS + FILE_COLUMNS
#: columns of ``articles.attrs["load_report"]``
REPORT_COLUMNS = ("path", "status", "reason", "format", "encoding", "n_articles", "n_records_skipped")
#: with ``progress=None`` a bar appears once more inputs than this have been met
PROGRESS_THRESHOLD = 500

_EXTENSION_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".trec": "trec",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".tab": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
# TREC collections often ship without an extension or as .xml/.sgml: read them only if they start with <DOC>.
_TREC_IF_SNIFFED = {"", ".xml", ".sgml", ".sgm"}
_ARCHIVES = (
    (".tar.gz", "tar"),
    (".tgz", "tar"),
    (".tar.bz2", "tar"),
    (".tbz2", "tar"),
    (".tar.xz", "tar"),
    (".txz", "tar"),
    (".tar", "tar"),
    (".zip", "zip"),
)
_COMPRESSED: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.decompress,
    ".bz2": bz2.decompress,
    ".xz": lzma.decompress,
}
_RECORD_FORMATS = {"json", "jsonl", "csv", "parquet"}
_STRING_METADATA = ("article_id", "title", "outlet", "section", "url", "author", "abstract")
_NAT = np.iinfo(np.int64).min


class _Skip(Exception):
    """A file is not usable; the message is the report reason."""


def _classify(name: str) -> tuple[str, str]:
    """(kind, extension) of a file name: kind is 'tar', 'zip', 'compressed' or 'file'.

    A dot-file without extension (".DS_Store") reports its whole name as extension.
    """
    lower = name.lower()
    for suffix, kind in _ARCHIVES:
        if lower.endswith(suffix):
            return kind, suffix
    base = name.rsplit("/", 1)[-1]
    dot = base.rfind(".")
    ext = base[dot:] if dot > 0 else (base if dot == 0 else "")
    if ext.lower() in _COMPRESSED:
        return "compressed", ext.lower()
    return "file", ext


def _zip_file(info: zipfile.ZipInfo) -> bool:
    """Whether a zip entry is a file to read: directories and symlinks are not articles."""
    return not (info.is_dir() or stat.S_ISLNK(info.external_attr >> 16))


def _strip_ext(rel: str, ext: str) -> str:
    base = rel.rsplit("/", 1)[-1]
    if ext and ext != base and rel.lower().endswith(ext.lower()):
        return rel[: -len(ext)]
    return rel


def _member_name(name: str) -> str:
    while name.startswith("./"):
        name = name[2:]
    return name.lstrip("/")


def _clean(value: Any) -> str | None:
    """A metadata value as a trimmed string; empty, None and NaN become None."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and value != value:
        return None
    return str(value).strip() or None


# --------------------------------------------------------------------------- dates

_RFC2822_RE = re.compile(r"\s*(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s")
_MIN_NS = pd.Timestamp.min.tz_localize("UTC")
_MAX_NS = pd.Timestamp.max.tz_localize("UTC")


def _rfc2822_ns(value: str) -> int | None:
    """Nanoseconds since the epoch (UTC) of an RFC 2822 date ("Sun, 15 Jul 2018 21:56:56 +0400")."""
    parts = email.utils.parsedate_tz(value)
    if parts is None:
        return None
    try:
        dt.datetime(*parts[:6])  # rejects 31 Feb and the like, which timegm would roll over
    except ValueError:
        return None
    if not 1678 <= parts[0] <= 2261:
        return None
    seconds = calendar.timegm((*parts[:6], 0, 0, 0)) - (parts[9] or 0)  # no zone given: UTC
    return seconds * 1_000_000_000


def _series_ns(parsed: pd.Series) -> np.ndarray:
    parsed = parsed.where((parsed >= _MIN_NS) & (parsed <= _MAX_NS))
    return parsed.dt.tz_convert(None).dt.as_unit("ns").to_numpy().view(np.int64)


def _pandas_ns(values: list[Any]) -> np.ndarray:
    """Parse what is not RFC 2822 with pandas: ISO 8601 first (fast), then any format it knows."""
    out = np.full(len(values), _NAT, dtype=np.int64)
    strings = [i for i, v in enumerate(values) if isinstance(v, str)]
    numbers = [i for i, v in enumerate(values) if isinstance(v, (int, float, np.number)) and not isinstance(v, bool)]
    others = sorted(set(range(len(values))) - set(strings) - set(numbers))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if strings:
            s = pd.Series([values[i] for i in strings], dtype=object)
            parsed = pd.to_datetime(s, utc=True, errors="coerce", format="ISO8601")
            retry = parsed.isna().to_numpy()
            if retry.any():
                parsed[retry] = _to_datetime_each(s[retry]).array
            out[strings] = _series_ns(parsed)
        if numbers:
            # Numbers are Unix time: seconds, or milliseconds when too large for seconds.
            n = pd.Series([float(values[i]) for i in numbers])
            n = n.where(n.abs() < 1e11, n / 1000)
            out[numbers] = _series_ns(pd.to_datetime(n, unit="s", utc=True, errors="coerce"))
        if others:
            out[others] = _series_ns(_to_datetime_each(pd.Series([values[i] for i in others], dtype=object)))
    return out


def _to_datetime_each(values: pd.Series) -> pd.Series:
    """Any format pandas can guess (NaT for the rest); value by value if odd objects make pandas raise."""
    try:
        return pd.to_datetime(values, utc=True, errors="coerce", format="mixed")
    except (ValueError, TypeError, OverflowError):
        pass
    parsed = []
    for value in values:
        try:
            parsed.append(pd.to_datetime(value, utc=True, format="mixed"))
        except (ValueError, TypeError, OverflowError):
            parsed.append(pd.NaT)
    return pd.to_datetime(pd.Series(parsed, index=values.index, dtype=object), utc=True, errors="coerce")


def _parse_published(values: list[Any]) -> tuple[np.ndarray, list[int]]:
    """UTC nanoseconds for each value (NaT for missing), and the indices of values that did not parse."""
    out = np.full(len(values), _NAT, dtype=np.int64)
    rest: list[int] = []
    for i, value in enumerate(values):
        if value is None or (isinstance(value, float) and value != value):
            continue
        if isinstance(value, str):
            if not value.strip():
                continue
            if _RFC2822_RE.match(value):
                ns = _rfc2822_ns(value)
                if ns is not None:
                    out[i] = ns
                    continue
        rest.append(i)
    failed: list[int] = []
    if rest:
        parsed = _pandas_ns([values[i] for i in rest])
        out[rest] = parsed
        failed = [i for i, ns in zip(rest, parsed.tolist(), strict=True) if ns == _NAT]
    return out, failed


# --------------------------------------------------------------------------- progress


class _Progress:
    """A tqdm bar over input files, opened lazily once there are many (or at once if forced)."""

    def __init__(self, mode: bool | None):
        self.mode = mode
        self.total: int | None = None
        self.count = 0
        self.bar = None

    def step(self) -> None:
        self.count += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.mode is True or (self.mode is None and self.count > PROGRESS_THRESHOLD):
            from tqdm.auto import tqdm

            self.bar = tqdm(
                total=self.total,
                initial=self.count,
                unit=" files",
                desc="load_corpus",
                file=sys.stderr,
                mininterval=0.5,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# --------------------------------------------------------------------------- loader


class _StringColumn:
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


class _Entry:
    """One load-report row in the making."""

    __slots__ = ("path", "status", "notes", "format", "encoding", "n_articles", "n_records_skipped")

    def __init__(self, path: str):
        self.path = path
        self.status = "skipped"
        self.notes: list[str] = []
        self.format: str | None = None
        self.encoding: str | None = None
        self.n_articles = 0
        self.n_records_skipped = 0


def _examples(items: list[str], limit: int = 3) -> str:
    shown = "; ".join(items[:limit])
    return shown + (f"; ... ({len(items) - limit} more)" if len(items) > limit else "")


class _Loader:
    def __init__(self, fmt: str | None, columns: dict[str, str], encoding: str | None, progress: bool | None):
        self.fmt = fmt
        self.columns = columns
        self.encoding = encoding
        self.progress = _Progress(progress)
        self.cols: dict[str, _StringColumn] = {
            name: _StringColumn() for name in METADATA_COLUMNS + FILE_COLUMNS[:3] if name != "published"
        }
        self.published: list[Any] = []
        self.extras: dict[str, tuple[list[int], list[Any]]] = {}
        self.entries: list[_Entry] = []
        self.row_entry: list[int] = []
        self.seen: dict[str, int] = {}
        # Set by load_inputs: ids already made unique over the whole corpus (row -> id), and the ids as read.
        self.renames: dict[int, str] | None = None
        self.raw_ids: list[str] = []

    # ---- walking

    def _entry(self, path: str) -> _Entry:
        entry = _Entry(path)
        self.entries.append(entry)
        return entry

    def add_unreadable(self, display: str, exc: OSError) -> None:
        """A folder that could not be listed (its files are unknown, so it gets one row)."""
        self._fail(self._entry(display), f"cannot read folder: {type(exc).__name__}: {exc.strerror or exc}")

    def add_path(self, display: str, rel: str, path: Path, start: int = 0, stop: int | None = None) -> None:
        """A file on disk: archives are streamed (files ``start`` to ``stop`` only), other files read whole."""
        kind, _ = _classify(rel)
        if kind in ("tar", "zip"):
            try:
                fh = open(path, "rb")
            except OSError as exc:
                self.progress.step()
                self._fail(self._entry(display), f"cannot read: {type(exc).__name__}: {exc}", kind)
                return
            with fh:
                self.add_archive(display, kind, fh, start, stop)
            return
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                raise _Skip("not a regular file")
            data = path.read_bytes()
        except (OSError, _Skip) as exc:
            self.progress.step()
            reason = str(exc) if isinstance(exc, _Skip) else f"cannot read: {type(exc).__name__}: {exc}"
            self._fail(self._entry(display), reason)
            return
        self.add_bytes(display, rel, data)

    def add_archive(self, display: str, kind: str, fileobj: IO[bytes], start: int = 0, stop: int | None = None) -> None:
        """Every file inside a zip or tar archive, read in memory (never extracted to disk).

        ``start``/``stop`` read only the files numbered ``start`` to ``stop - 1`` (a part of the
        archive); an archive's own problems are reported by the part that reads to its end.
        """
        n_files = 0
        try:
            if kind == "zip":
                with zipfile.ZipFile(fileobj) as zf:
                    for info in zf.infolist():
                        if not _zip_file(info):
                            continue
                        n_files += 1
                        if n_files <= start:
                            continue
                        if stop is not None and n_files > stop:
                            return
                        member = f"{display}::{info.filename}"
                        try:
                            data = zf.read(info)
                        except Exception as exc:  # a bad member (CRC, encryption) must not stop the others
                            self.progress.step()
                            self._fail(self._entry(member), f"cannot read archive member: {type(exc).__name__}: {exc}")
                            continue
                        self.add_bytes(member, _member_name(info.filename), data)
            else:
                # Stream mode: one pass over a possibly compressed tar, no seeking, no temporary files.
                with tarfile.open(fileobj=fileobj, mode="r|*") as tf:
                    for info in tf:
                        if not info.isfile():
                            continue
                        n_files += 1
                        if n_files <= start:
                            continue
                        handle = tf.extractfile(info)
                        data = handle.read() if handle is not None else b""
                        self.add_bytes(f"{display}::{info.name}", _member_name(info.name), data)
                        if n_files == stop:
                            return
        except Exception as exc:  # a corrupt archive is one report row, the members read so far stay
            after = f" after {n_files} file(s)" if n_files else ""
            self._fail(self._entry(display), f"cannot read {kind} archive{after}: {type(exc).__name__}: {exc}", kind)
            return
        if n_files == 0:
            self._fail(self._entry(display), "archive holds no files", kind)

    def add_bytes(self, display: str, rel: str, data: bytes) -> None:
        """One input file's bytes; whatever goes wrong becomes its report row."""
        kind, ext = _classify(rel)
        if kind in ("tar", "zip"):
            self.add_archive(display, kind, io.BytesIO(data))
            return
        self.progress.step()
        entry = self._entry(display)
        try:
            self._read(entry, rel, data, kind, ext)
        except _Skip as exc:
            self._fail(entry, str(exc))
        except ReaderError as exc:
            self._fail(entry, str(exc))
        except BinaryFileError:
            self._fail(entry, "binary file")
        except UnicodeDecodeError as exc:
            self._fail(entry, f"cannot decode as {exc.encoding}: {exc.reason} at byte {exc.start}")
        except Exception as exc:  # never crash in the middle of a corpus
            self._fail(entry, f"{type(exc).__name__}: {exc}")

    def _fail(self, entry: _Entry, reason: str, fmt: str | None = None) -> None:
        entry.status = "skipped"
        entry.notes.insert(0, reason)
        if fmt is not None:
            entry.format = fmt

    # ---- one file

    def _read(self, entry: _Entry, rel: str, data: bytes, kind: str, ext: str) -> None:
        if kind == "compressed":
            if not data:
                raise _Skip("empty file")
            data = _COMPRESSED[ext](data)
            rel = rel[: -len(ext)]
            kind, ext = _classify(rel)
            if kind in ("tar", "zip", "compressed"):
                raise _Skip(f"unsupported file type: {ext} inside a compressed file")
        if not data:
            raise _Skip("empty file")

        fmt = self.fmt or _EXTENSION_FORMATS.get(ext.lower())
        if fmt is None and ext.lower() in _TREC_IF_SNIFFED:
            fmt = "sniff"
        if fmt is None:
            raise _Skip(f"unsupported file type: {ext}")
        id_base = _strip_ext(rel, ext)

        if fmt == "parquet":
            entry.format = fmt
            parsed = readers.read_parquet(data)
            del data
        else:
            text, entry.encoding = decode_bytes(data, encoding=self.encoding)
            del data  # keep only the text of this file
            if fmt == "sniff":
                if not readers.is_trec(text):
                    raise _Skip(f"unsupported file type: {ext or '(no extension)'} (not a <DOC> file)")
                fmt = "trec"
            elif fmt == "text" and self.fmt is None and readers.is_trec(text):
                fmt = "trec"
            entry.format = fmt
            if fmt == "text":
                parsed = Parsed([readers.read_text_article(text)], [1], [])
            elif fmt == "trec":
                parsed = readers.read_trec(text)
            elif fmt == "json":
                try:
                    parsed = readers.read_json(text)
                except ReaderError as exc:
                    # JSON Lines saved as .json: fall back when the first line is a whole object.
                    if "Extra data" not in str(exc) or not _first_line_is_object(text):
                        raise
                    parsed = readers.read_jsonl(text)
                    entry.format = fmt = "jsonl"
            elif fmt == "jsonl":
                parsed = readers.read_jsonl(text)
            else:
                tab = ext.lower() in (".tsv", ".tab")
                parsed = readers.read_csv(text, delimiter="\t" if tab else None)
            del text
        self._commit(entry, parsed, fmt, id_base, entry.path)

    def _plan(self, records: list[dict[str, Any]]) -> dict[str, str]:
        """Record field -> frame column, for one file of JSON/CSV/Parquet records."""
        names = list(dict.fromkeys(k for record in records for k in record))
        plan: dict[str, str] = {}
        taken: set[str] = set()
        for name in names:  # the user's columns= mapping first
            if name in self.columns:
                plan[name] = self.columns[name]
                taken.add(plan[name])
        for exact in (True, False):  # then our own names, exactly, then ignoring case
            for name in names:
                target = name if exact else str(name).strip().lower()
                if name not in plan and target in METADATA_COLUMNS and target not in taken:
                    plan[name] = target
                    taken.add(target)
        for name in names:  # the rest are extra columns, renamed only if they clash with ours
            if name not in plan:
                plan[name] = _extra_name(str(name))
        if "text" not in taken:
            fields = ", ".join(map(str, names)) or "none"
            raise ReaderError(
                f"no text field (fields: {fields}); map one with columns=, e.g. columns={{'content': 'text'}}"
            )
        return plan

    def _commit(self, entry: _Entry, parsed: Parsed, fmt: str, id_base: str, display: str) -> None:
        """Append one file's records as articles (all or nothing) and note what was skipped or renamed."""
        records = parsed.records
        from_records = fmt in _RECORD_FORMATS
        plan = self._plan(records) if from_records and records else None
        skipped = list(parsed.skipped)
        # Everything that can fail (str() of odd values ...) happens before anything is appended.
        rows: list[tuple[str, str, Any, list[str | None], list[tuple[str, Any]]]] = []
        n_empty = 0
        n_empty_kept = 0
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
                    n_empty += 1
                    continue
                if "\r" in text:
                    text = text.replace("\r\n", "\n").replace("\r", "\n")
            elif not text:
                text = ""
                n_empty_kept += 1
            if fmt == "text" or (fmt == "trec" and len(records) == 1):
                default_id = id_base
            else:
                default_id = f"{id_base}#{number}"
            article_id = _clean(record.get("article_id")) or default_id
            metadata = [_clean(record.get(name)) for name in _STRING_METADATA[1:]]
            extras = [(_extra_name(k), v) for k, v in record.items() if k not in METADATA_COLUMNS]
            rows.append((article_id, text, record.get("published"), metadata, extras))

        renamed: list[str] = []
        entry_index = len(self.entries) - 1 if self.entries[-1] is entry else self.entries.index(entry)
        cols = self.cols
        metadata_lists = [cols[name] for name in _STRING_METADATA[1:]]
        for article_id, text, published, metadata, extras in rows:
            unique = self._unique_id(article_id)
            if unique != article_id:
                renamed.append(f"duplicate article_id {article_id!r} renamed to {unique!r}")
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

        entry.n_articles = len(rows)
        entry.n_records_skipped = len(skipped) + n_empty
        entry.status = "loaded" if rows else "skipped"
        if skipped:
            entry.notes.append(f"{len(skipped)} record(s) skipped: {_examples(skipped)}")
        if n_empty:
            entry.notes.append(f"{n_empty} record(s) with empty or missing text skipped (not articles)")
        if n_empty_kept and fmt == "trec":
            entry.notes.append(f"{n_empty_kept} <DOC> with empty <TEXT> kept")
        if renamed:
            entry.notes.append(_examples(renamed))
        if not rows and not entry.notes:
            entry.notes.append("no records")

    def _unique_id(self, article_id: str) -> str:
        """The id itself if new, else the first free ``id~2``, ``id~3`` ... (deterministic)."""
        if self.renames is not None:
            self.raw_ids.append(article_id)
            return self.renames.get(len(self.raw_ids) - 1, article_id)
        count = self.seen.get(article_id)
        if count is None:
            self.seen[article_id] = 1
            return article_id
        while True:
            count += 1
            candidate = f"{article_id}~{count}"
            if candidate not in self.seen:
                break
        self.seen[article_id] = count
        self.seen[candidate] = 1
        return candidate

    # ---- results

    def report(self) -> LoadReport:
        e = self.entries
        return LoadReport(
            {
                "path": pd.array([x.path for x in e], dtype="str"),
                "status": pd.array([x.status for x in e], dtype="str"),
                "reason": pd.array(["; ".join(x.notes) if x.notes else None for x in e], dtype="str"),
                "format": pd.array([x.format for x in e], dtype="str"),
                "encoding": pd.array([x.encoding for x in e], dtype="str"),
                "n_articles": np.array([x.n_articles for x in e], dtype=np.int64),
                "n_records_skipped": np.array([x.n_records_skipped for x in e], dtype=np.int64),
            }
        )

    def frame(self, source: str) -> pd.DataFrame:
        cols = self.cols
        n = len(self.published)
        if n == 0:
            report = self.report()
            raise EmptyCorpusError(_empty_message(source, self.entries), report=report)

        raw_published, self.published = self.published, []
        published, failed = _parse_published(raw_published)
        by_entry: dict[int, list[str]] = {}
        for i in failed:
            by_entry.setdefault(self.row_entry[i], []).append(repr(raw_published[i]))
        for index, values in by_entry.items():
            note = f"{len(values)} unparseable published value(s) set to NaT: {_examples(values)}"
            self.entries[index].notes.append(note)
        del raw_published

        data: dict[str, Any] = {}
        text = cols["text"].finish()
        for name in ARTICLE_COLUMNS:
            if name == "published":
                data[name] = pd.Series(published.view("M8[ns]")).dt.tz_localize("UTC").array
            elif name == "n_chars":
                data[name] = pc.utf8_length(text).to_numpy().astype(np.int64)  # code points, as len()
            elif name == "n_words":
                data[name] = np.asarray(count_words(text), dtype=np.int64)
            else:
                data[name] = pd.array(text if name == "text" else cols[name].finish(), dtype="str")  # zero-copy
        for name, (rows, values) in self.extras.items():
            column = [None] * n
            for row, value in zip(rows, values, strict=True):
                column[row] = value
            data[name] = pd.Series(column)
        self.extras.clear()

        articles = pd.DataFrame(data)
        articles.attrs["load_report"] = self.report()
        return articles


class LoadReport(pd.DataFrame):
    """The load report: an ordinary DataFrame, except that it compares and copies as a whole.

    pandas carries ``attrs`` through every operation by deep copy and, in ``pd.concat``,
    compares the inputs' ``attrs`` with ``==``.  With a bare DataFrame there,
    concatenating two loaded corpora raised "the truth value of a DataFrame is
    ambiguous" and every column access copied the whole report.  So ``==`` answers one
    bool (:meth:`DataFrame.equals`) and a deep copy is the same, read-only, report.
    Anything derived from it (a filter, a column) is a plain DataFrame or Series.
    """

    @property
    def _constructor(self):
        return pd.DataFrame

    def __eq__(self, other) -> bool:  # type: ignore[override]
        return isinstance(other, pd.DataFrame) and self.equals(other)

    def __ne__(self, other) -> bool:  # type: ignore[override]
        return not self.__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def __deepcopy__(self, memo=None) -> LoadReport:
        return self


def _first_line_is_object(text: str) -> bool:
    start = re.match(r"\s*", text).end()
    end = text.find("\n", start)
    try:
        return isinstance(json.loads(text[start : end if end >= 0 else len(text)]), dict)
    except ValueError:
        return False


def _extra_name(name: str) -> str:
    # An extra field must not overwrite a computed column ("path", "format" ...).
    return f"record_{name}" if name in FILE_COLUMNS else name


def _empty_message(source: str, entries: list[_Entry]) -> str:
    if not entries:
        return f"no article could be loaded from {source}: it holds no files"
    reasons = Counter((e.notes[0] if e.notes else "no articles")[:100] for e in entries)
    summary = "; ".join(f"{reason} ({count})" for reason, count in reasons.most_common(5))
    more = f"; and {len(reasons) - 5} other reason(s)" if len(reasons) > 5 else ""
    return (
        f"no article could be loaded from {source}: {len(entries)} file(s) skipped - {summary}{more} "
        "(see the .report attribute)"
    )


def _check_options(
    fmt: Any, columns: Any, encoding: Any, progress: Any
) -> tuple[str | None, dict[str, str], str | None]:
    if fmt is not None:
        if not isinstance(fmt, str) or fmt.lower() not in FORMATS:
            raise CorpusFormatError(f"format={fmt!r} is not one of {', '.join(FORMATS)} (or None to detect)")
        fmt = fmt.lower()
    if columns is None:
        columns = {}
    if not isinstance(columns, Mapping):
        raise CorpusFormatError(
            f"columns= must be a mapping of your field names to ours, e.g. {{'content': 'text'}}, not {columns!r}"
        )
    targets: dict[str, str] = {}
    for theirs, ours in columns.items():
        if not isinstance(theirs, str) or not isinstance(ours, str):
            raise CorpusFormatError(f"columns= keys and values must be strings: {theirs!r}: {ours!r}")
        if ours not in METADATA_COLUMNS:
            raise CorpusFormatError(
                f"columns= maps {theirs!r} to {ours!r}, which is not one of {', '.join(METADATA_COLUMNS)}"
            )
        if ours in targets:
            raise CorpusFormatError(f"columns= maps both {targets[ours]!r} and {theirs!r} to {ours!r}")
        targets[ours] = theirs
    if encoding is not None:
        try:
            known = codecs.lookup(encoding)
        except (LookupError, TypeError) as exc:
            raise CorpusFormatError(f"encoding={encoding!r} is not an encoding Python knows: {exc}") from None
        if not getattr(known, "_is_text_encoding", True):  # e.g. "base64", "rot13"
            raise CorpusFormatError(f"encoding={encoding!r} is not a text encoding")
    if progress is not None and not isinstance(progress, bool):
        raise CorpusFormatError(f"progress= must be True, False or None, not {progress!r}")
    return fmt, dict(columns), encoding


def _list_files(root: Path) -> tuple[list[tuple[str, Path]], list[tuple[str, OSError]]]:
    """Every file under ``root`` (recursively) sorted by relative path for a stable order, and unreadable folders."""
    found = []
    errors: list[tuple[str, OSError]] = []

    def unreadable(exc: OSError) -> None:
        errors.append((Path(exc.filename).relative_to(root).as_posix() if exc.filename else ".", exc))

    for folder, _dirs, names in os.walk(root, onerror=unreadable):
        for name in names:
            path = Path(folder, name)
            found.append((path.relative_to(root).as_posix(), path))
    found.sort(key=lambda item: item[0])
    errors.sort(key=lambda item: item[0])
    return found, errors


def load_corpus(
    source: str | os.PathLike[str],
    *,
    format: str | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    progress: bool | None = None,
    engine: str = "pandas",
    scheduler: Any = None,
    partition_size: int | str | None = None,
) -> pd.DataFrame:
    """Load news articles from a file, a folder or an archive into the articles frame.

    ``source`` may be a plain-text article (title line, optional section line, body),
    a TREC/CLEF ``<DOC>`` file (as in the ANT corpus), JSON, JSON Lines, CSV/TSV or
    Parquet records, a folder of any mix of these (walked recursively in sorted
    order), or a ``.zip`` / ``.tar`` / ``.tar.gz`` archive of them, read in memory.
    Each file's format comes from its extension and content (``format=`` forces one
    of :data:`FORMATS`) and its encoding is detected (UTF-8 with or without BOM,
    UTF-16/32, cp1256, ISO 8859-6; ``encoding=`` forces one).  ``columns=`` maps
    record fields onto ours, e.g. ``{"content": "text", "source": "outlet"}``.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "خبر.txt").write_text(
    ...     "المعارضة تأسر عناصر داعش\\n\\nعربي ودولي\\n\\nأسرت قوات المعارضة 400 عنصر.\\n", encoding="cp1256"
    ... )
    >>> articles = load_corpus(folder)
    >>> articles.loc[0, ["article_id", "title", "section", "text", "encoding"]].tolist()
    ['خبر', 'المعارضة تأسر عناصر داعش', 'عربي ودولي', 'أسرت قوات المعارضة 400 عنصر.', 'cp1256']
    >>> articles["n_words"].tolist(), str(articles["published"].dtype)
    ([5], 'datetime64[ns, UTC]')
    >>> articles.attrs["load_report"][["status", "format", "n_articles"]].values.tolist()
    [['loaded', 'text', 1]]

    The ANT corpus, straight from its archive (about 4 s for 31,525 articles)::

        ant = load_corpus("antcorpus-multisource-v2.1.tar.gz")
        ant.loc[0, ["article_id", "outlet", "section"]].tolist()
        # ['AL-culture-1-20180218', 'alarabia', 'culture']
        load_corpus("news.jsonl", columns={"content": "text", "source": "outlet"})

    Returns one row per article with the columns :data:`ARTICLE_COLUMNS`:
    ``article_id`` (unique, stable: DOCNO, an ``article_id`` field, the file's path
    without extension, or ``path#record``; a repeated id becomes ``id~2``),
    ``title``, ``text`` (the body, never missing), ``outlet``, ``section``,
    ``published`` (``datetime64[ns, UTC]``), ``url``, ``author``, ``abstract``,
    ``path`` (``archive.tar.gz::member`` inside archives), ``format``, ``encoding``,
    ``n_chars`` and ``n_words`` (:func:`analysis.tokens.count_words`); extra record
    fields follow under their own names (``record_<name>`` if the name is one of the
    computed columns).  Text columns use pandas' ``str`` dtype; missing metadata is NA.

    ``articles.attrs["load_report"]`` has one row per file or archive member (and per
    unreadable archive): ``path, status ('loaded'|'skipped'), reason, format,
    encoding, n_articles, n_records_skipped``.  A progress bar goes to stderr when
    more than :data:`PROGRESS_THRESHOLD` files are read (``progress=`` forces it).

    Raises :class:`~analysis.errors.CorpusNotFoundError` for a missing path,
    :class:`~analysis.errors.EmptyCorpusError` (with ``.report``) when no article
    loads, :class:`~analysis.errors.CorpusFormatError` for bad options.

    ``engine="dask"`` returns the same rows as a lazy ``dask.dataframe.DataFrame`` in
    parts of about ``partition_size`` bytes of input, computed on ``scheduler`` (see
    :func:`analysis.dask_engine.load_corpus`; the report is ``analysis.dask_engine.load_report``).
    """
    if engine != "pandas" or scheduler is not None or partition_size is not None:
        from .dask_engine import load_corpus as load_on_dask  # dask is imported only here

        return load_on_dask(source, format=format, columns=columns, encoding=encoding, progress=progress,
                            engine=engine, scheduler=scheduler, partition_size=partition_size)
    fmt, mapping, encoding = _check_options(format, columns, encoding, progress)
    try:
        path = Path(os.fspath(source))
    except TypeError:
        raise CorpusFormatError(f"source must be a path (str or os.PathLike), not {type(source).__name__}") from None
    display = os.fspath(source)
    if not path.exists():
        raise CorpusNotFoundError(f"corpus path not found: {display}")

    loader = _Loader(fmt, mapping, encoding, progress)
    try:
        if path.is_dir():
            files, unreadable = _list_files(path)
            if not any(_classify(rel)[0] in ("tar", "zip") for rel, _ in files):
                loader.progress.total = len(files)
            for rel, exc in unreadable:
                loader.add_unreadable(os.path.join(display, rel), exc)
            for rel, file in files:
                loader.add_path(os.path.join(display, rel), rel, file)
        else:
            loader.add_path(display, path.name, path)
    finally:
        loader.progress.close()
    return loader.frame(display)


# --------------------------------------------------------------------------- parts (the Dask engine)
# load_corpus(engine="dask") reads the corpus in parts with this same loader: list_inputs (eager, reads
# no article), load_inputs per part with scan=True (the ids as read), plan_ids (ids made unique in the
# global order), load_inputs per part again (the rows).  Concatenated, the parts equal load_corpus.


def list_inputs(source: str | os.PathLike[str]) -> tuple[str, list[tuple]]:
    """The inputs :func:`load_corpus` reads from ``source``, in its order, with their sizes in bytes.

    Items: ``("folder", display, error)`` (a folder that cannot be listed), ``("file", display,
    rel, path, size)`` and ``("archive", display, rel, path, sizes)`` with the size of each
    file inside (a compressed tar is streamed through once for this; no article is parsed).
    """
    try:
        path = Path(os.fspath(source))
    except TypeError:
        raise CorpusFormatError(f"source must be a path (str or os.PathLike), not {type(source).__name__}") from None
    display = os.fspath(source)
    if not path.exists():
        raise CorpusNotFoundError(f"corpus path not found: {display}")
    if not path.is_dir():
        return display, [_input(display, path.name, path)]
    files, unreadable = _list_files(path)
    items: list[tuple] = [("folder", os.path.join(display, rel), exc) for rel, exc in unreadable]
    items += [_input(os.path.join(display, rel), rel, file) for rel, file in files]
    return display, items


def _input(display: str, rel: str, path: Path) -> tuple:
    kind, _ = _classify(rel)
    if kind in ("tar", "zip"):
        sizes: list[int] = []
        try:  # stops at any damage: the part that reads the archive to its end reports it
            with open(path, "rb") as fh:
                if kind == "zip":
                    with zipfile.ZipFile(fh) as zf:
                        sizes = [info.file_size for info in zf.infolist() if _zip_file(info)]
                else:
                    with tarfile.open(fileobj=fh, mode="r|*") as tf:
                        sizes.extend(info.size for info in tf if info.isfile())
        except Exception:
            pass
        return ("archive", display, rel, path, sizes)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return ("file", display, rel, path, size)


def load_inputs(
    items: list[tuple],
    *,
    format: str | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    renames: dict[int, str] | None = None,
    offset: int = 0,
    scan: bool = False,
) -> tuple[pd.DataFrame | None, LoadReport, list[str], list[_Entry]]:
    """Load a run of :func:`list_inputs` items as :func:`load_corpus` loads them within the whole.

    An archive may come as ``("members", display, rel, path, start, stop)``: its files
    ``start`` to ``stop - 1`` (``stop=None``: to the end, reporting the archive's damage).
    ``renames`` (row -> id, from :func:`plan_ids`) replaces the in-part renaming of repeated
    ids; ``offset`` is the part's first row number in the corpus.  Returns the articles
    (None when no row loaded, or with ``scan=True``, which only reads), the load report,
    the ids as read and the report entries.
    """
    fmt, mapping, encoding = _check_options(format, columns, encoding, False)
    loader = _Loader(fmt, mapping, encoding, False)
    loader.renames = {} if renames is None else renames
    for item in items:
        if item[0] == "folder":
            loader.add_unreadable(item[1], item[2])
        elif item[0] == "members":
            loader.add_path(item[1], item[2], item[3], item[4], item[5])
        else:
            loader.add_path(item[1], item[2], item[3])
    articles = None
    if loader.row_entry and not scan:
        articles = loader.frame(items[0][1])
        articles.index = pd.RangeIndex(offset, offset + len(articles))
        articles.attrs.clear()
    return articles, loader.report(), loader.raw_ids, loader.entries


def plan_ids(source: str, scans: list[tuple[list[str], list[_Entry]]]) -> list[tuple[int, dict[int, str]]]:
    """Each part's first row number and renamed ids (row -> id), from every part's ids as read.

    Repeated ids become ``id~2`` ... in the corpus order, as :func:`load_corpus` names them.
    Raises :class:`EmptyCorpusError` when no part holds an article.
    """
    names = _Loader(None, {}, None, False)
    plan: list[tuple[int, dict[int, str]]] = []
    offset = 0
    for ids, _ in scans:
        renames = {}
        for row, article_id in enumerate(ids):
            unique = names._unique_id(article_id)
            if unique != article_id:
                renames[row] = unique
        plan.append((offset, renames))
        offset += len(ids)
    if offset == 0:
        names.entries = [entry for _, entries in scans for entry in entries]
        raise EmptyCorpusError(_empty_message(source, names.entries), report=names.report())
    return plan


def empty_articles() -> pd.DataFrame:
    """An articles frame without rows: the columns and dtypes of :func:`load_corpus` (without extras)."""
    data: dict[str, Any] = {name: pd.array([], dtype="str") for name in ARTICLE_COLUMNS}
    data["published"] = pd.array([], dtype="datetime64[ns, UTC]")
    data["n_chars"] = np.array([], dtype=np.int64)
    data["n_words"] = np.array([], dtype=np.int64)
    return pd.DataFrame(data)
