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
import errno
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
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import engines
from analysis.corpus import readers
from analysis.corpus.encoding import BinaryFileError, decode_bytes
from analysis.corpus.readers import Parsed, ReaderError
from analysis.errors import CorpusFormatError, CorpusNotFoundError, EmptyCorpusError
from analysis.text.tokens import count_words

__all__ = ["ARTICLE_COLUMNS", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_RATIO", "FORMATS", "REPORT_COLUMNS", "load_corpus"]

#: values accepted by ``format=``
FORMATS = ("text", "trec", "json", "jsonl", "csv", "parquet", "html")
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
#: the most bytes ``load_corpus`` reads for one input: a file, or all that one archive or compressed
#: file decompresses to (nested archives included); ``max_bytes=`` changes it
DEFAULT_MAX_BYTES = 4 * 2**30
#: the most a compressed stream may expand (decompressed / compressed bytes) once past
#: :data:`RATIO_GRACE` bytes; text expands 3 to 10 times, archive bombs 1,000 times; ``max_ratio=``
DEFAULT_MAX_RATIO = 100
#: decompressed bytes read before the ratio is judged (small files may compress very well)
RATIO_GRACE = 64 * 2**20
#: archives inside archives are opened this many levels deep (a zip in a tar.gz is one level)
MAX_ARCHIVE_DEPTH = 3
_RATIO_GRACE = RATIO_GRACE
_READ_CHUNK = 16 * 2**20
# zipfile reads as many compressed bytes as the output asked for: small reads keep the count honest.
_ZIP_READ_CHUNK = 2**20

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
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
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
# Single compressed files: a reader over the compressed stream, decompressed in chunks within the limits.
_COMPRESSED: dict[str, Callable[[IO[bytes]], IO[bytes]]] = {
    ".gz": lambda fileobj: gzip.GzipFile(fileobj=fileobj, mode="rb"),
    ".bz2": lambda fileobj: bz2.BZ2File(fileobj, "rb"),
    ".xz": lambda fileobj: lzma.LZMAFile(fileobj, "rb"),
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
    """Whether a zip entry gets a report row: every entry but a folder (links and devices are recorded, not read)."""
    return not info.is_dir()


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
            n = pd.Series([_as_float(values[i]) for i in numbers])
            n = n.where(n.abs() < 1e11, n / 1000)
            out[numbers] = _series_ns(pd.to_datetime(n, unit="s", utc=True, errors="coerce"))
        if others:
            out[others] = _series_ns(_to_datetime_each(pd.Series([values[i] for i in others], dtype=object)))
    return out


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else f"{text[: limit - 5]}...{text[-2:]}"


def _as_float(value: Any) -> float:
    """A number as a float; one too large for a float (a JSON integer of 400 digits) is NaN, so NaT."""
    try:
        return float(value)
    except OverflowError:
        return float("nan")


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


# --------------------------------------------------------------------------- hostile inputs


class _Refused(Exception):
    """A limit (``max_bytes``, ``max_ratio``) was reached; the message says which and how to lift it."""


def _size(n: float) -> str:
    """A byte count for people: 900 bytes, 64.0 MiB, 2.0 GiB."""
    if n < 1024:
        return f"{int(n)} bytes"
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        n /= 1024
        if n < 1024 or unit == "TiB":
            break
    return f"{n:.1f} {unit}"


_FILE_TYPES = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
    stat.S_IFLNK: "a symbolic link",
}


def _file_type(mode: int) -> str:
    kind = stat.S_IFMT(mode)
    return _FILE_TYPES.get(kind, f"file type {kind:o}")


_OS_HINTS = {
    errno.EACCES: "check its permissions",
    errno.EPERM: "check its permissions",
    errno.ENAMETOOLONG: "shorten the path",
    errno.ELOOP: "fix the symbolic link",
    errno.EIO: "the disk may be failing",
}


def _os_reason(exc: OSError) -> str:
    hint = _OS_HINTS.get(exc.errno or 0)
    return f"cannot read: {type(exc).__name__}: {exc.strerror or exc}" + (f" ({hint})" if hint else "")


def _printable(name: str) -> str:
    """A path fit for the report and for Arrow: bytes of a file name that are not UTF-8 shown as ``\\xNN``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        try:
            return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _zip_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name; UTF-8 names written without the UTF-8 flag (zipfile reads them as cp437) repaired."""
    name = info.filename
    if info.flag_bits & 0x800 or name.isascii():
        return name
    try:
        return name.encode("cp437").decode("utf-8")
    except UnicodeError:
        return name


def _unsafe(name: str) -> str | None:
    """A note for a member whose name would write outside a folder if extracted (we never extract)."""
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or ".." in parts:
        return "unsafe member name (an absolute path or '..'): read in memory only, nothing is ever extracted"
    return None


def _tar_member(info: tarfile.TarInfo) -> bool:
    """Whether a tar member gets a report row: every member but a folder."""
    return not info.isdir()


def _tar_refusal(info: tarfile.TarInfo) -> str | None:
    """Why a tar member is not read (links, devices ...), or None for a regular file."""
    if info.issym():
        return f"symbolic link member (→ {_printable(info.linkname)}): not followed, nothing extracted"
    if info.islnk():
        return f"hard link member (→ {_printable(info.linkname)}): not followed, nothing extracted"
    if info.ischr() or info.isblk():
        return "device member: not read, nothing extracted"
    if info.isfifo():
        return "FIFO member: not read, nothing extracted"
    if not info.isfile():
        return f"special member (tar type {info.type!r}): not read, nothing extracted"
    return None


def _archive_damage(kind: str, n_files: int, exc: Exception, member: str | None = None) -> str:
    detail = f"{type(exc).__name__}: {exc}"
    if member is not None:
        return (
            f"cannot read {kind} archive at {member} (file {n_files}): it is corrupt or truncated there ({detail}); "
            "the files before it are read; re-download or re-create the archive"
        )
    if n_files:
        return (
            f"cannot read {kind} archive after {n_files} file(s): it is corrupt or truncated there ({detail}); "
            "the files before the damage are read; re-download or re-create the archive"
        )
    return (
        f"cannot read {kind} archive: it is corrupt, truncated or not a {kind} archive ({detail}); "
        "re-download or re-create it"
    )


def _link_reason(path: str, real_root: str) -> str:
    """Why a symbolic link inside a corpus folder is not followed, saying where it points."""
    try:
        target = _printable(os.readlink(path))
    except OSError:
        target = "?"
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return f"dangling symbolic link (→ {target}): its target does not exist"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"symbolic link loop (→ {target}): it never reaches a file; not followed"
        return f"symbolic link (→ {target}) that cannot be followed: {exc.strerror or exc}"
    real = os.path.realpath(path)
    root = real_root.rstrip(os.sep) + os.sep
    inside = real == real_root or real.startswith(root)
    if stat.S_ISDIR(mode):
        here = os.path.realpath(os.path.dirname(path))
        if here == real or here.startswith(real.rstrip(os.sep) + os.sep):
            return f"symbolic link to a folder that contains it (→ {target}): a loop, not followed"
        if inside:
            return (
                f"symbolic link to a folder of the corpus (→ {target}): not followed, "
                "its files are read under their own paths"
            )
        return (
            f"symbolic link to a folder outside the corpus (→ {target}): not followed; "
            "load that folder itself, or copy it in"
        )
    if inside:
        return f"symbolic link to a file of the corpus (→ {target}): not read twice, it is read under its own path"
    what = "file" if stat.S_ISREG(mode) else _file_type(mode)[2:]
    return (
        f"symbolic link to a {what} outside the corpus (→ {target}): not followed; "
        "copy the file in (cp -L) or load it directly"
    )


_EXAMPLES = 3


class _FileState:
    """What the pieces of one file add up to: its field plan, skipped records, renames and repairs."""

    __slots__ = ("plan", "skipped", "n_skipped", "n_empty", "n_empty_kept", "renamed", "n_renamed", "repairs")

    def __init__(self) -> None:
        self.plan: dict[str, str] | None = None
        self.skipped: list[str] = []
        self.n_skipped = 0
        self.n_empty = 0
        self.n_empty_kept = 0
        self.renamed: list[str] = []
        self.n_renamed = 0
        self.repairs: list[str] = []

    def add_skipped(self, messages: list[str]) -> None:
        self.n_skipped += len(messages)
        room = _EXAMPLES - len(self.skipped)
        if room > 0:
            self.skipped.extend(messages[:room])


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


def _examples(items: list[str], limit: int = 3, total: int | None = None) -> str:
    total = len(items) if total is None else total
    shown = "; ".join(items[:limit])
    return shown + (f"; ... ({total - limit} more)" if total > limit else "")


class _Budget:
    """Bytes read so far for one input handed to the loader: a file, or an archive with all it holds."""

    __slots__ = ("label", "used")

    def __init__(self, label: str):
        self.label = label
        self.used = 0


class _Counting:
    """A read-only file object that counts the bytes read through it (the compressed side of a stream)."""

    def __init__(self, fileobj: IO[bytes]):
        self.fileobj = fileobj
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.fileobj.read(size)
        self.count += len(data)
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.fileobj.seek(offset, whence)

    def tell(self) -> int:
        return self.fileobj.tell()

    def seekable(self) -> bool:
        return self.fileobj.seekable()


class _Since:
    """The bytes a :class:`_Counting` has read since a moment (a zip member's own compressed bytes)."""

    def __init__(self, counting: _Counting):
        self.counting = counting
        self.start = counting.count

    @property
    def count(self) -> int:
        return self.counting.count - self.start


class _Loader:
    def __init__(
        self,
        fmt: str | None,
        columns: dict[str, str],
        encoding: str | None,
        progress: bool | None,
        *,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
        max_ratio: float | None = DEFAULT_MAX_RATIO,
    ):
        self.fmt = fmt
        self.columns = columns
        self.encoding = encoding
        self.max_bytes = max_bytes
        self.max_ratio = max_ratio
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

    def _skip_row(self, display: str, reason: str, fmt: str | None = None) -> None:
        """A report row for something met but not read (a link, a refused member ...)."""
        self.progress.step()
        self._fail(self._entry(display), reason, fmt)

    def add_unreadable(self, display: str, exc: Exception) -> None:
        """A folder that could not be listed (its files are unknown, so it gets one row), or a link not followed."""
        if isinstance(exc, OSError):
            reason = (
                f"cannot read folder: {type(exc).__name__}: {exc.strerror or exc}; "
                "the files in it are unknown (check its permissions)"
            )
        else:
            reason = str(exc)
        self._fail(self._entry(display), reason)

    def add_path(self, display: str, rel: str, path: Path, start: int = 0, stop: int | None = None) -> None:
        """A file on disk: archives are streamed (files ``start`` to ``stop`` only), other files read whole."""
        kind, _ = _classify(rel)
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise _Skip(f"not a regular file ({_file_type(info.st_mode)}): not read")
            if info.st_size == 0:
                raise _Skip("empty file")
            if self.max_bytes is not None and info.st_size > self.max_bytes and kind in ("file", "compressed"):
                raise _Skip(
                    f"refused: the file is {_size(info.st_size)}, more than max_bytes={self.max_bytes} "
                    f"({_size(self.max_bytes)}) that load_corpus holds in memory for one file; split it, "
                    "or pass a larger max_bytes= if the memory is there"
                )
            if kind in ("tar", "zip"):
                fh = open(path, "rb")
            else:
                data = path.read_bytes()
        except (OSError, _Skip) as exc:
            reason = str(exc) if isinstance(exc, _Skip) else _os_reason(exc)
            self._skip_row(display, reason, kind if kind in ("tar", "zip") else None)
            return
        budget = _Budget(display)
        if kind in ("tar", "zip"):
            with fh:
                self.add_archive(display, kind, fh, start, stop, budget=budget)
            return
        box = [data]  # add_bytes takes the bytes out: this frame must not keep a huge file alive
        del data
        self.add_bytes(display, rel, box, budget=budget)

    def add_archive(
        self,
        display: str,
        kind: str,
        fileobj: IO[bytes],
        start: int = 0,
        stop: int | None = None,
        *,
        budget: _Budget | None = None,
        depth: int = 0,
    ) -> None:
        """Every file inside a zip or tar archive, read in memory (never extracted to disk).

        ``start``/``stop`` read only the members numbered ``start`` to ``stop - 1`` (a part of the
        archive); an archive's own problems are reported by the part that reads to its end.
        Every member but a folder gets a report row: links, devices and members over the
        limits (``max_bytes``, ``max_ratio``) are recorded, not read.  ``depth`` counts the
        archives around this one.
        """
        if budget is None:
            budget = _Budget(display)
        n_files = 0
        current = None
        try:
            if kind == "zip":
                # What zipfile really reads is counted: a member's header may lie about its sizes.
                counting = _Counting(fileobj)
                with zipfile.ZipFile(counting) as zf:
                    for info in zf.infolist():
                        if not _zip_file(info):
                            continue
                        n_files += 1
                        if n_files <= start:
                            continue
                        if stop is not None and n_files > stop:
                            return
                        name = _zip_name(info)
                        current = member = f"{display}::{_printable(name)}"
                        refusal = self._zip_refusal(zf, info, budget)
                        if refusal is not None:
                            self._skip_row(member, refusal)
                            continue
                        try:
                            with zf.open(info) as handle:
                                data = self._read_limited(
                                    handle, info.file_size, budget, _Since(counting), step=_ZIP_READ_CHUNK
                                )
                        except _Refused:
                            raise
                        except Exception as exc:  # a bad member (CRC, method) must not stop the others
                            self._skip_row(
                                member,
                                f"cannot read archive member: {type(exc).__name__}: {exc}; the archive is damaged "
                                "there (the other members are read)",
                            )
                            continue
                        self.add_bytes(member, _member_name(name), data, budget=budget, depth=depth, note=_unsafe(name))
                        current = None
            else:
                # Stream mode: one pass over a possibly compressed tar, no seeking, no temporary files.
                counting = _Counting(fileobj)
                with tarfile.open(fileobj=counting, mode="r|*") as tf:
                    for info in tf:
                        if not _tar_member(info):
                            continue
                        n_files += 1
                        if n_files <= start:
                            continue
                        current = member = f"{display}::{_printable(info.name)}"
                        refusal = _tar_refusal(info)
                        if refusal is not None:
                            self._skip_row(member, refusal)
                        else:
                            # Skipping a member in a stream decompresses it all the same: too big stops the archive.
                            if self.max_bytes is not None and budget.used + info.size > self.max_bytes:
                                raise _Refused(self._total_message(budget, info.size))
                            handle = tf.extractfile(info)
                            data = self._read_limited(handle, info.size, budget, counting, info.offset_data)
                            rel = _member_name(info.name)
                            self.add_bytes(member, rel, data, budget=budget, depth=depth, note=_unsafe(info.name))
                        current = None
                        if n_files == stop:
                            return
        except _Refused as exc:  # a limit was reached: the member gets the reason, the archive says it stopped
            if current is not None and (not self.entries or self.entries[-1].path != current):
                self._skip_row(current, str(exc))
            where = f" at {current.rsplit('::', 1)[-1]}" if current else ""
            self._fail(
                self._entry(display),
                f"stopped reading this {kind} archive{where} (a limit was reached, see that member's row); "
                "the members after it are not read",
                kind,
            )
            return
        except Exception as exc:  # a corrupt archive is one report row, the members read so far stay
            at = current.rsplit("::", 1)[-1] if current else None
            self._fail(self._entry(display), _archive_damage(kind, n_files, exc, at), kind)
            return
        if n_files == 0 and start == 0:
            self._fail(self._entry(display), "archive holds no files", kind)

    def _zip_refusal(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> str | None:
        """Why a zip member is not read (a link, a device, encrypted, over a limit), or None."""
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            target = ""
            if info.file_size <= 4096:
                try:
                    target = f" (→ {zf.read(info).decode('utf-8', 'replace')})"
                except Exception:  # the link's target is only for the message
                    pass
            return f"symbolic link member{target}: not followed, nothing extracted"
        if stat.S_IFMT(mode) and not stat.S_ISREG(mode):
            return f"special member ({_file_type(mode)}): not read, nothing extracted"
        if info.flag_bits & 0x1:
            return "encrypted member: cannot be read without its password (decrypt the archive first)"
        # One member over a limit is passed over (a zip reads members at will); the archive's total stops it.
        if self.max_bytes is not None and info.file_size > self.max_bytes:
            return self._member_too_big(info.file_size)
        ratio = info.file_size / max(info.compress_size, 1)
        if self.max_ratio is not None and info.file_size > _RATIO_GRACE and ratio > self.max_ratio:
            return self._bomb_message(info.file_size, info.compress_size, "its header says it decompresses to")
        if self.max_bytes is not None and budget.used + info.file_size > self.max_bytes:
            raise _Refused(self._total_message(budget, info.file_size))
        return None

    def _read_limited(
        self,
        stream: IO[bytes],
        size: int | None,
        budget: _Budget,
        source: Any = None,
        base: int = 0,
        step: int = _READ_CHUNK,
    ) -> bytes:
        """``stream`` to its end (at most ``size`` bytes), in chunks, refused beyond ``max_bytes`` or ``max_ratio``.

        ``source`` counts the compressed bytes consumed so far and ``base`` the bytes
        decompressed from it before this stream: their ratio betrays an archive bomb
        long before it fills the memory.
        """
        parts: list[bytes] = []
        n = 0
        while True:
            want = step if size is None else min(step, size - n)
            if want <= 0:
                break
            chunk = stream.read(want)
            if not chunk:
                break
            n += len(chunk)
            budget.used += len(chunk)
            parts.append(chunk)
            if self.max_bytes is not None:
                if budget.used > self.max_bytes:
                    raise _Refused(self._total_message(budget, 0))
                if n > self.max_bytes:
                    raise _Refused(self._member_too_big(n, "more than"))
            out = base + n
            if source is not None and self.max_ratio is not None and out > _RATIO_GRACE:
                if out > self.max_ratio * max(source.count, 1):
                    raise _Refused(self._bomb_message(out, source.count, "reading stopped once it had decompressed to"))
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def _member_too_big(self, size: int, how: str = "") -> str:
        return (
            f"refused: {how + ' ' if how else ''}{_size(size)} decompressed, more than max_bytes={self.max_bytes} "
            f"({_size(self.max_bytes or 0)}) for one file (too big to hold in memory, or an archive bomb); "
            "if you trust it, pass a larger max_bytes= to load_corpus"
        )

    def _total_message(self, budget: _Budget, more: int) -> str:
        return (
            f"refused: {budget.label} would decompress to more than max_bytes={self.max_bytes} "
            f"({_size(self.max_bytes or 0)}) in all ({_size(budget.used + more)} so far, an archive bomb?); "
            "if you trust it, pass a larger max_bytes= to load_corpus"
        )

    def _bomb_message(self, out: int, compressed: int, how: str) -> str:
        return (
            f"refused as an archive bomb: {how} {_size(out)} from {_size(compressed)} compressed "
            f"({out / max(compressed, 1):,.0f} times, more than max_ratio={self.max_ratio:g}); "
            "if you trust it, pass max_ratio=None (or a larger max_ratio=) to load_corpus"
        )

    def add_bytes(
        self,
        display: str,
        rel: str,
        data: bytes | list[bytes],
        *,
        budget: _Budget | None = None,
        depth: int = 0,
        note: str | None = None,
    ) -> None:
        """One input file's bytes; whatever goes wrong becomes its report row.

        ``data`` may come in a one-item list, which the reader empties: then the bytes
        are freed as soon as they are decoded, not when this call returns.
        """
        if budget is None:
            budget = _Budget(display)
        box = data if isinstance(data, list) else [data]
        del data
        kind, ext = _classify(rel)
        if kind in ("tar", "zip"):
            data = box.pop()
            if not data:
                self._skip_row(display, "empty file", kind)
            elif depth >= MAX_ARCHIVE_DEPTH:
                self._skip_row(
                    display,
                    f"archive inside {depth + 1} nested archives: not opened (MAX_ARCHIVE_DEPTH is "
                    f"{MAX_ARCHIVE_DEPTH}; deep nesting is how archive bombs multiply); extract the outer "
                    "archive and load this one",
                    kind,
                )
            else:
                self.add_archive(display, kind, io.BytesIO(data), budget=budget, depth=depth + 1)
            return
        self.progress.step()
        entry = self._entry(display)
        if note:
            entry.notes.append(note)
        try:
            self._read(entry, rel, box, kind, ext, budget)
        except (_Skip, _Refused, ReaderError, BinaryFileError) as exc:
            self._fail(entry, str(exc))
        except MemoryError:
            self._fail(entry, "out of memory while reading this file: split it, or lower max_bytes= to refuse such")
        except Exception as exc:  # never crash in the middle of a corpus
            self._fail(entry, f"{type(exc).__name__}: {exc}")

    def _fail(self, entry: _Entry, reason: str, fmt: str | None = None) -> None:
        entry.status = "skipped"
        entry.notes.insert(0, reason)
        if fmt is not None:
            entry.format = fmt

    # ---- one file

    def _decompress(self, entry: _Entry, ext: str, data: bytes, budget: _Budget) -> bytes:
        """A .gz/.bz2/.xz file's content, decompressed as a stream within the limits."""
        counting = _Counting(io.BytesIO(data))
        try:
            with _COMPRESSED[ext](counting) as stream:
                return self._read_limited(stream, None, budget, counting)
        except _Refused:
            raise
        except (OSError, EOFError, lzma.LZMAError, zlib.error) as exc:
            raise _Skip(
                f"cannot decompress this {ext} file: corrupt or truncated ({type(exc).__name__}: {exc}); "
                "re-download or re-compress it"
            ) from None

    def _read(
        self, entry: _Entry, rel: str, box: list[bytes], kind: str, ext: str, budget: _Budget | None = None
    ) -> None:
        data = box.pop()
        if kind == "compressed":
            if not data:
                raise _Skip("empty file")
            data = self._decompress(entry, ext, data, budget or _Budget(entry.path))
            rel = rel[: -len(ext)]
            kind, ext = _classify(rel)
            if kind in ("tar", "zip", "compressed"):
                raise _Skip(f"unsupported file type: {ext} inside a compressed file (decompress it first)")
        if not data:
            raise _Skip("empty file")

        fmt = self.fmt or _EXTENSION_FORMATS.get(ext.lower())
        if fmt is None and ext.lower() in _TREC_IF_SNIFFED:
            fmt = "sniff"
        if fmt is None:
            raise _Skip(f"unsupported file type: {ext}")
        id_base = _printable(_strip_ext(rel, ext))

        pieces: Iterable[Parsed]
        if fmt == "parquet":
            entry.format = fmt
            pieces = [readers.read_parquet(data)]
            del data
        else:
            repairs: list[str] = []
            try:
                text, entry.encoding = decode_bytes(data, encoding=self.encoding, notes=repairs)
            except UnicodeDecodeError as exc:
                line = data.count(b"\n", 0, exc.start) + 1
                raise _Skip(
                    f"cannot decode as {exc.encoding}: {exc.reason} at byte {exc.start} (line {line}); the file is "
                    "not in the encoding= given: leave encoding=None to detect each file's encoding"
                ) from None
            entry.notes += repairs
            del data  # keep only the text of this file
            if fmt == "sniff":
                if readers.is_trec(text):
                    fmt = "trec"
                elif readers.is_html(text):
                    fmt = "html"
                else:
                    raise _Skip(f"unsupported file type: {ext or '(no extension)'} (not a <DOC> file)")
            elif fmt == "text" and self.fmt is None:
                if readers.is_trec(text):
                    fmt = "trec"
                elif readers.is_html(text):
                    fmt = "html"
            entry.format = fmt
            if fmt == "text":
                pieces = [Parsed([readers.read_text_article(text)], [1], [])]
            elif fmt == "trec":
                pieces = readers.iter_trec(text)  # in pieces: a huge file's records never all exist at once
            elif fmt == "html":
                pieces = [readers.read_html(text)]
            elif fmt == "json":
                try:
                    pieces = [readers.read_json(text)]
                except ReaderError as exc:
                    # JSON Lines saved as .json: fall back when the first line is a whole object.
                    if "Extra data" not in str(exc) or not _first_line_is_object(text):
                        raise
                    pieces = readers.iter_jsonl(text)
                    entry.format = fmt = "jsonl"
            elif fmt == "jsonl":
                pieces = readers.iter_jsonl(text)
            else:
                tab = ext.lower() in (".tsv", ".tab")
                pieces = [readers.read_csv(text, delimiter="\t" if tab else None)]
            del text  # the pieces hold what they need
        self._commit(entry, pieces, fmt, id_base, entry.path)

    def _plan(self, records: list[dict[str, Any]], plan: dict[str, str] | None = None) -> dict[str, str]:
        """Record field -> frame column, for one file of JSON/CSV/Parquet records.

        With ``plan`` (from the file's first piece), only the fields it has not met are added.
        """
        first = plan is None
        plan = {} if plan is None else plan
        names = [k for k in dict.fromkeys(k for record in records for k in record) if k not in plan]
        taken: set[str] = {v for v in plan.values() if v in METADATA_COLUMNS}
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
        if first and "text" not in taken:
            fields = ", ".join(map(str, names)) or "none"
            raise ReaderError(
                f"no text field (fields: {fields}); map one with columns=, e.g. columns={{'content': 'text'}}"
            )
        return plan

    def _commit(self, entry: _Entry, pieces: Iterable[Parsed], fmt: str, id_base: str, display: str) -> None:
        """Append one file's records as articles, piece by piece, and note what was skipped, renamed or repaired.

        Each piece is appended whole or not at all; a file that is read in one piece (all
        but TREC and JSON Lines files over a few megabytes) is all or nothing.
        """
        it = iter(pieces)
        first = next(it, None)
        second = next(it, None) if first is not None else None
        single = fmt in ("text", "html") or (
            fmt == "trec" and second is None and first is not None and len(first.records) == 1
        )
        state = _FileState()
        for piece in (first, second):
            if piece is not None:
                self._append(entry, piece, fmt, id_base, display, single, state)
        first = second = None
        for piece in it:
            self._append(entry, piece, fmt, id_base, display, single, state)

        skipped = state.skipped
        entry.n_records_skipped = state.n_skipped + state.n_empty
        entry.status = "loaded" if entry.n_articles else "skipped"
        if not entry.n_articles and state.n_skipped and not state.n_empty:
            # Nothing loaded because every record was damaged: the damage is the reason.
            if state.n_skipped == 1:
                entry.notes.insert(0, skipped[0])
            else:
                examples = _examples(skipped, total=state.n_skipped)
                entry.notes.insert(0, f"no readable record: {state.n_skipped} damaged: {examples}")
        elif state.n_skipped:
            entry.notes.append(f"{state.n_skipped} record(s) skipped: {_examples(skipped, total=state.n_skipped)}")
        if state.n_empty:
            entry.notes.append(f"{state.n_empty} record(s) with empty or missing text skipped (not articles)")
        if state.n_empty_kept and fmt == "trec":
            entry.notes.append(f"{state.n_empty_kept} <DOC> with empty <TEXT> kept")
        if state.renamed:
            entry.notes.append(_examples(state.renamed, total=state.n_renamed))
        entry.notes.extend(state.repairs)
        if not entry.n_articles and not entry.notes:
            entry.notes.append("no records")

    def _append(
        self, entry: _Entry, parsed: Parsed, fmt: str, id_base: str, display: str, single: bool, state: _FileState
    ) -> None:
        """Append one piece of a file's records (all or nothing)."""
        records = parsed.records
        from_records = fmt in _RECORD_FORMATS
        plan = None
        if from_records and records:
            plan = state.plan = self._plan(records, state.plan)
        state.add_skipped(parsed.skipped)
        state.repairs.extend(parsed.notes)
        # Everything that can fail (str() of odd values ...) happens before anything is appended.
        rows: list[tuple[str, str, Any, list[str | None], list[tuple[str, Any]]]] = []
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
                    state.n_empty += 1
                    continue
                if "\r" in text:
                    text = text.replace("\r\n", "\n").replace("\r", "\n")
            elif not text:
                text = ""
                state.n_empty_kept += 1
            default_id = id_base if single else f"{id_base}#{number}"
            article_id = _clean(record.get("article_id")) or default_id
            metadata = [_clean(record.get(name)) for name in _STRING_METADATA[1:]]
            extras = [(_extra_name(k), v) for k, v in record.items() if k not in METADATA_COLUMNS]
            rows.append((article_id, text, record.get("published"), metadata, extras))

        entry_index = len(self.entries) - 1 if self.entries[-1] is entry else self.entries.index(entry)
        cols = self.cols
        metadata_lists = [cols[name] for name in _STRING_METADATA[1:]]
        for article_id, text, published, metadata, extras in rows:
            unique = self._unique_id(article_id)
            if unique != article_id:
                state.n_renamed += 1
                if len(state.renamed) < _EXAMPLES:
                    state.renamed.append(f"duplicate article_id {article_id!r} renamed to {unique!r}")
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
            by_entry.setdefault(self.row_entry[i], []).append(_shorten(repr(raw_published[i])))
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
                data[name] = _count_words_in_batches(text)
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


#: texts are counted in batches of about this many UTF-8 bytes (tokenising all at once costs ~2x the text)
_COUNT_BATCH_BYTES = 16 * 2**20


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
        return f"no article could be loaded from {source}: it holds no files (put articles in it, or check the path)"
    if len(entries) <= 3:  # few files: each with its whole reason
        rows = "; ".join(f"{e.path}: {e.notes[0] if e.notes else 'no articles'}" for e in entries)
        return f"no article could be loaded from {source}: {len(entries)} file(s) skipped - {rows}"
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


def _check_limits(max_bytes: Any, max_ratio: Any) -> tuple[int | None, float | None]:
    if max_bytes is not None and (
        not isinstance(max_bytes, (int, np.integer)) or isinstance(max_bytes, bool) or max_bytes < 1
    ):
        raise CorpusFormatError(
            f"max_bytes= must be a positive whole number of bytes (or None for no limit), not {max_bytes!r}"
        )
    if max_ratio is not None and (
        not isinstance(max_ratio, (int, float, np.number)) or isinstance(max_ratio, bool) or not max_ratio >= 1
    ):
        raise CorpusFormatError(f"max_ratio= must be a number of at least 1 (or None for no limit), not {max_ratio!r}")
    return (None if max_bytes is None else int(max_bytes)), (None if max_ratio is None else float(max_ratio))


def _source_path(source: Any) -> tuple[Path, str]:
    """The corpus path and how to show it; a path that cannot be a corpus raises a documented error."""
    try:
        path = Path(os.fspath(source))
    except TypeError:
        raise CorpusFormatError(f"source must be a path (str or os.PathLike), not {type(source).__name__}") from None
    display = _printable(os.fspath(source))
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", display):
        raise CorpusNotFoundError(
            f"corpus path not found: {display} is a URL; load_corpus reads local files and folders only "
            "(it never uses the network): download it first"
        )
    try:
        os.stat(path)
    except ValueError:
        raise CorpusFormatError(f"corpus path {display!r} contains a NUL character: it cannot be a path") from None
    except (FileNotFoundError, NotADirectoryError):
        if os.path.islink(path):
            target = _printable(os.readlink(path))
            raise CorpusNotFoundError(
                f"corpus path {display} is a symbolic link to {target}, which does not exist; fix the link"
            ) from None
        raise CorpusNotFoundError(
            f"corpus path not found: {display} (relative paths start from {_printable(os.getcwd())})"
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise CorpusNotFoundError(
                f"corpus path {display} is a symbolic link loop: it never reaches a file or folder; fix the link"
            ) from None
        if exc.errno == errno.ENAMETOOLONG:
            raise CorpusNotFoundError(f"corpus path {display[:80]}... is too long for the system") from None
        # Permission denied and the like: the load report says so, and EmptyCorpusError names it.
    return path, display


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def _list_files(root: Path) -> tuple[list[tuple[str, Path]], list[tuple[str, Exception]]]:
    """Every file under ``root`` sorted by relative path for a stable order, and what could not be walked.

    Symbolic links inside the folder are never followed: each is one problem, a
    ``_Skip`` saying where it points and why (a loop, outside the corpus, a second path
    to a corpus file, dangling).  Folders that cannot be listed are problems as their
    ``OSError``.  FIFOs, sockets and devices are listed as files: reading refuses them.
    The walk keeps its own stack, so depth costs no recursion.
    """
    found: list[tuple[str, Path]] = []
    problems: list[tuple[str, Exception]] = []
    real_root = os.path.realpath(root)
    stack = [("", os.fspath(root))]
    while stack:
        rel_dir, folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            problems.append((rel_dir or ".", exc))
            continue
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            try:
                if entry.is_symlink():
                    problems.append((rel, _Skip(_link_reason(entry.path, real_root))))
                elif entry.is_dir(follow_symlinks=False):
                    stack.append((rel, entry.path))
                else:
                    found.append((rel, Path(entry.path)))
            except OSError as exc:
                problems.append((rel, _Skip(_os_reason(exc))))
    found.sort(key=lambda item: item[0])
    problems.sort(key=lambda item: item[0])
    return found, problems


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
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_ratio: float | None = DEFAULT_MAX_RATIO,
) -> pd.DataFrame:
    """Load news articles from a file, a folder or an archive into the articles frame.

    ``source`` may be a plain-text article (title line, optional section line, body),
    a TREC/CLEF ``<DOC>`` file (as in the ANT corpus), JSON, JSON Lines, CSV/TSV or
    Parquet records, a saved news page (``.html``: its article paragraphs, see
    :func:`analysis.readers.read_html`), a folder of any mix of these (walked
    recursively in sorted order), or a ``.zip`` / ``.tar`` / ``.tar.gz`` / ``.tar.bz2`` /
    ``.tar.xz`` archive of them, read in memory; ``.gz`` / ``.bz2`` / ``.xz`` files are
    decompressed.
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

    ``articles.attrs["load_report"]`` has one row per input met: a file, an archive
    member (but folders), a symbolic link not followed, a folder that cannot be listed,
    and an archive that is corrupt or was stopped at a limit: ``path, status
    ('loaded'|'skipped'), reason, format, encoding, n_articles, n_records_skipped``;
    ``reason`` also notes repairs and records skipped in loaded files.  A progress bar
    goes to stderr when more than :data:`PROGRESS_THRESHOLD` files are read
    (``progress=`` forces it).

    What it refuses, and how it says so (each refusal is a report row whose reason
    says what, where and what to do; the other files still load):

    * damaged files: binary data (named: "a PNG image", "gzip data"), empty files,
      undecodable text; a file cut inside its last character, stray NUL bytes and a
      few invalid UTF-8 bytes are repaired and noted; a damaged ``<DOC>``, JSON line
      or CSV row is skipped and named with its line, the rest of the file loads;
    * symbolic links inside a folder are never followed (loops, links out of the
      corpus, second paths to a corpus file, dangling links): one row each, saying
      where the link points; FIFOs, sockets and devices are not opened;
    * archives are never extracted: members are read in memory; absolute or ``..``
      names are noted, links and devices recorded, not read; archives nest at most
      :data:`MAX_ARCHIVE_DEPTH` deep;
    * ``max_bytes`` (default :data:`DEFAULT_MAX_BYTES`, 4 GiB): no file, and nothing
      one archive or compressed file decompresses to, may exceed it (``None``: no
      limit); ``max_ratio`` (default :data:`DEFAULT_MAX_RATIO`): a stream that expands
      more than this many times past :data:`RATIO_GRACE` bytes is an archive bomb and
      refused at once, without filling the memory (``None``: no limit);
    * a corrupt archive is one row naming it and the damage; the members before the
      damage load.

    Raises (all :class:`~analysis.errors.AnalysisError`):
    :class:`~analysis.errors.CorpusNotFoundError` for a missing path, a dangling link
    or a link loop; :class:`~analysis.errors.EmptyCorpusError` (with ``.report``) when
    no article loads, its message naming the files and why (an unreadable path, a
    refused or corrupt archive ...); :class:`~analysis.errors.CorpusFormatError` for bad
    options (``format``, ``columns``, ``encoding``, ``progress``, ``max_bytes``,
    ``max_ratio``) or a source that is not a path.

    ``engine="dask"`` returns the same rows as a lazy ``dask.dataframe.DataFrame`` in
    parts of about ``partition_size`` bytes of input, computed on ``scheduler`` (see
    :func:`analysis.dask_engine.load_corpus`; the report is ``analysis.dask_engine.load_report``).
    """
    if engine != "pandas" or scheduler is not None or partition_size is not None:
        if engine not in engines.ENGINES:
            raise CorpusFormatError(f"engine={engine!r} is not one of {', '.join(map(repr, engines.ENGINES))}")
        if engine == "pandas":
            raise CorpusFormatError("scheduler= and partition_size= apply to engine='dask' only")
        return engines.loader(engine)(source, format=format, columns=columns, encoding=encoding, progress=progress,
                            engine=engine, scheduler=scheduler, partition_size=partition_size, max_bytes=max_bytes,
                            max_ratio=max_ratio)
    fmt, mapping, encoding = _check_options(format, columns, encoding, progress)
    limits = _check_limits(max_bytes, max_ratio)
    path, display = _source_path(source)

    loader = _Loader(fmt, mapping, encoding, progress, max_bytes=limits[0], max_ratio=limits[1])
    try:
        if _is_dir(path):
            files, unreadable = _list_files(path)
            if not any(_classify(rel)[0] in ("tar", "zip") for rel, _ in files):
                loader.progress.total = len(files)
            for rel, exc in unreadable:
                loader.add_unreadable(os.path.join(display, _printable(rel)), exc)
            for rel, file in files:
                loader.add_path(os.path.join(display, _printable(rel)), rel, file)
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
    path, display = _source_path(source)
    if not _is_dir(path):
        return display, [_input(display, path.name, path)]
    files, unreadable = _list_files(path)
    items: list[tuple] = [("folder", os.path.join(display, _printable(rel)), exc) for rel, exc in unreadable]
    items += [_input(os.path.join(display, _printable(rel)), rel, file) for rel, file in files]
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
                        sizes.extend(info.size for info in tf if _tar_member(info))
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
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_ratio: float | None = DEFAULT_MAX_RATIO,
) -> tuple[pd.DataFrame | None, LoadReport, list[str], list[_Entry]]:
    """Load a run of :func:`list_inputs` items as :func:`load_corpus` loads them within the whole.

    An archive may come as ``("members", display, rel, path, start, stop)``: its files
    ``start`` to ``stop - 1`` (``stop=None``: to the end, reporting the archive's damage).
    ``renames`` (row -> id, from :func:`plan_ids`) replaces the in-part renaming of repeated
    ids; ``offset`` is the part's first row number in the corpus.  Returns the articles
    (None when no row loaded, or with ``scan=True``, which only reads), the load report,
    the ids as read and the report entries.  Other options as :func:`load_corpus`.
    """
    fmt, mapping, encoding = _check_options(format, columns, encoding, False)
    max_bytes, max_ratio = _check_limits(max_bytes, max_ratio)
    loader = _Loader(fmt, mapping, encoding, False, max_bytes=max_bytes, max_ratio=max_ratio)
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
