"""What a file is: an archive, a compressed file or an article file, and which reader parses it.

A file's format comes from its extension (:data:`EXTENSION_FORMATS`), checked against
its first characters: a ``.txt`` that starts with ``<DOC>`` is TREC, one that starts
like a web page is HTML, and files without a known extension are read only when they
start with ``<DOC>`` or ``<html>``.  ``format=`` forces one format for every file.

Web archives, spreadsheets and Arrow shards are read from their bytes; a ``.warc.gz`` is
one file (warcio reads its gzip members one record at a time, so a damaged end keeps the
records before it).

>>> classify("ant/AL-culture-1.txt"), classify("corpus.tar.gz"), classify("news.jsonl.gz"), classify(".DS_Store")
(('file', '.txt'), ('tar', '.tar.gz'), ('compressed', '.gz'), ('file', '.DS_Store'))
>>> classify("crawl/الجزيرة-2019.warc.gz"), classify("data/data-00000-of-00002.arrow")
(('file', '.warc.gz'), ('file', '.arrow'))
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable

from analysis.corpus.archives import COMPRESSED, decompress
from analysis.corpus.datasets import empty_reason, metadata_reason
from analysis.corpus.encoding import decode_bytes
from analysis.corpus.limits import Budget, Counting
from analysis.corpus.options import LoadOptions
from analysis.corpus.problems import Skip, printable
from analysis.corpus.readers import (
    Parsed,
    ReaderError,
    is_html,
    is_trec,
    iter_arrow,
    iter_jsonl,
    iter_trec,
    read_csv,
    read_html,
    read_json,
    read_parquet,
    read_spreadsheet,
    read_text_article,
    read_warc,
)
from analysis.corpus.readers.warc import WholeGzip
from analysis.corpus.report import ReportEntry

__all__ = ["EXTENSION_FORMATS", "classify", "read_file"]

#: file extension -> format (a ``.txt`` may still turn out TREC or HTML)
EXTENSION_FORMATS = {
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
    ".warc": "warc",
    ".warc.gz": "warc",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".ods": "ods",
    ".arrow": "arrow",
    ".feather": "arrow",
}
#: formats read from the file's bytes (no text decoding)
BINARY_FORMATS = ("parquet", "arrow", "warc", "xlsx", "ods")
# TREC collections often ship without an extension or as .xml/.sgml: read them only if they start with <DOC>.
TREC_IF_SNIFFED = {"", ".xml", ".sgml", ".sgm"}
#: archive suffixes -> kind, compound suffixes first
ARCHIVES = (
    (".tar.gz", "tar"),
    (".tgz", "tar"),
    (".tar.bz2", "tar"),
    (".tbz2", "tar"),
    (".tar.xz", "tar"),
    (".txz", "tar"),
    (".tar", "tar"),
    (".zip", "zip"),
)


def classify(name: str) -> tuple[str, str]:
    """(kind, extension) of a file name: kind is 'tar', 'zip', 'compressed' or 'file'.

    A dot-file without extension (".DS_Store") reports its whole name as extension.
    """
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return "file", name[-8:]
    for suffix, kind in ARCHIVES:
        if lower.endswith(suffix):
            return kind, suffix
    base = name.rsplit("/", 1)[-1]
    dot = base.rfind(".")
    ext = base[dot:] if dot > 0 else (base if dot == 0 else "")
    if ext.lower() in COMPRESSED:
        return "compressed", ext.lower()
    return "file", ext


def strip_ext(rel: str, ext: str) -> str:
    """A relative path without its extension: the article id of a one-article file."""
    base = rel.rsplit("/", 1)[-1]
    if ext and ext != base and rel.lower().endswith(ext.lower()):
        return rel[: -len(ext)]
    return rel


def read_file(
    entry: ReportEntry, rel: str, box: list[bytes], kind: str, ext: str, budget: Budget, options: LoadOptions
) -> tuple[str, str, Iterable[Parsed]]:
    """One file's format, default article id and parsed pieces (lazy for TREC and JSON Lines).

    ``box`` holds the bytes and is emptied, so they are freed once decoded.  The file's
    format, encoding and repairs go on ``entry`` as they become known; a file that cannot
    be read raises :class:`Skip`, :class:`~analysis.corpus.limits.Refused`,
    :class:`ReaderError` or :class:`~analysis.corpus.encoding.BinaryFileError`.
    """
    data = box.pop()
    if kind == "compressed":
        if not data:
            raise Skip("empty file")
        data = decompress(ext, data, budget, options.limits)
        rel = rel[: -len(ext)]
        kind, ext = classify(rel)
        if kind in ("tar", "zip", "compressed"):
            raise Skip(f"unsupported file type: {ext} inside a compressed file (decompress it first)")
    if not data:
        raise Skip(empty_reason(rel))
    if options.fmt is None:
        reason = metadata_reason(rel, data)
        if reason is not None:
            raise Skip(reason)

    fmt = options.fmt or EXTENSION_FORMATS.get(ext.lower())
    if fmt is None and ext.lower() in TREC_IF_SNIFFED:
        fmt = "sniff"
    if fmt is None:
        raise Skip(f"unsupported file type: {ext}")
    id_base = printable(strip_ext(rel, ext))

    if fmt in BINARY_FORMATS:
        entry.format = fmt
        return fmt, id_base, _read_binary(entry, fmt, data, budget, options)
    text = _decode(entry, data, options.encoding)
    del data  # keep only the text of this file
    fmt = _settle_format(text, fmt, options.fmt, ext)
    entry.format = fmt
    fmt, pieces = _parse(text, fmt, ext)
    entry.format = fmt
    return fmt, id_base, pieces


def _read_binary(entry: ReportEntry, fmt: str, data: bytes, budget: Budget, options: LoadOptions) -> Iterable[Parsed]:
    """The pieces of a file read from its bytes: Parquet, Arrow, a WARC or a spreadsheet."""
    if fmt == "parquet":
        return [read_parquet(data)]
    if fmt == "arrow":
        return iter_arrow(data)  # a piece per record batch
    if fmt in ("xlsx", "ods"):
        return [read_spreadsheet(data, fmt, options.limits, budget)]
    # A WARC's pages are decompressed record by record, each within max_bytes and max_ratio.
    counting = Counting(io.BytesIO(data))
    try:
        parsed, encodings = read_warc(
            counting, len(data), lambda stream: options.limits.read(stream, None, budget, counting)
        )
    except WholeGzip as exc:  # a .warc.gz compressed whole (gzip file.warc): decompressed whole, within the limits
        data = decompress(".gz", data, budget, options.limits)
        parsed, encodings = read_warc(io.BytesIO(data), len(data))
        parsed.notes.append(f"{exc}: decompressed whole (warcio recompress makes a standard .warc.gz)")
    entry.encoding = ", ".join(encodings) or None
    return [parsed]


def _decode(entry: ReportEntry, data: bytes, encoding: str | None) -> str:
    """The file's text; its encoding and repairs noted on ``entry``."""
    repairs: list[str] = []
    try:
        text, entry.encoding = decode_bytes(data, encoding=encoding, notes=repairs)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Skip(
            f"cannot decode as {exc.encoding}: {exc.reason} at byte {exc.start} (line {line}); the file is "
            "not in the encoding= given: leave encoding=None to detect each file's encoding"
        ) from None
    entry.notes += repairs
    return text


def _settle_format(text: str, fmt: str, forced: str | None, ext: str) -> str:
    """The format the extension said, unless the content says otherwise (only when no format= is forced)."""
    if fmt == "sniff":
        if is_trec(text):
            return "trec"
        if is_html(text):
            return "html"
        raise Skip(f"unsupported file type: {ext or '(no extension)'} (not a <DOC> file)")
    if fmt == "text" and forced is None:
        if is_trec(text):
            return "trec"
        if is_html(text):
            return "html"
    return fmt


def _parse(text: str, fmt: str, ext: str) -> tuple[str, Iterable[Parsed]]:
    """The reader's pieces, and the format read (a .json file holding JSON Lines is read as 'jsonl')."""
    if fmt == "text":
        return fmt, [Parsed([read_text_article(text)], [1], [])]
    if fmt == "trec":
        return fmt, iter_trec(text)  # in pieces: a huge file's records never all exist at once
    if fmt == "html":
        return fmt, [read_html(text)]
    if fmt == "json":
        try:
            return fmt, [read_json(text)]
        except ReaderError as exc:
            # JSON Lines saved as .json: fall back when the first line is a whole object.
            if "Extra data" not in str(exc) or not first_line_is_object(text):
                raise
            return "jsonl", iter_jsonl(text)
    if fmt == "jsonl":
        return fmt, iter_jsonl(text)
    tab = ext.lower() in (".tsv", ".tab")
    return fmt, [read_csv(text, delimiter="\t" if tab else None)]


def first_line_is_object(text: str) -> bool:
    """Whether the first line of a text is a whole JSON object (a JSON Lines file saved as .json)."""
    start = re.match(r"\s*", text).end()
    end = text.find("\n", start)
    try:
        return isinstance(json.loads(text[start : end if end >= 0 else len(text)]), dict)
    except ValueError:
        return False
