"""Web archives (``.warc``, ``.warc.gz``): every news page a crawl saved, read as a saved page.

`warcio <https://pypi.org/project/warcio/>`_ walks the records.  An HTTP 200 response (or
a ``resource`` record) of type HTML is read by :func:`~analysis.corpus.readers.html.read_html`,
which finds the article's paragraphs, title and outlet; the URL is the record's
``WARC-Target-URI`` and the date its ``WARC-Date`` (the capture time) unless the page
states when it was published.  Every other response (an image, a style sheet, a 404, a
redirect) is a skipped record with its reason; requests, ``warcinfo`` and ``metadata``
records are not pages and are only counted.  A WARC cut short or damaged loads the
pages before the damage and says where it stopped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import IO, Any

from analysis.corpus.columns import domain_of
from analysis.corpus.encoding import BinaryFileError, decode_bytes
from analysis.corpus.limits import Refused
from analysis.corpus.readers.base import Parsed, ReaderError
from analysis.corpus.readers.html import is_html, read_html

__all__ = ["HTML_TYPES", "WholeGzip", "read_warc"]

#: media types read as pages (a record without a Content-Type is read when it starts like HTML)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: record types that hold a page; the others (request, warcinfo, metadata, revisit, conversion) are not pages
_PAGE_RECORDS = ("response", "resource")


class WholeGzip(ReaderError):
    """The WARC is gzipped as one stream, not one gzip member per record: decompress it whole and read it again."""


def _decode(body: bytes, content_type: str) -> tuple[str, str]:
    """A page's text and encoding: the charset its Content-Type names, else detected as for files."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            try:
                return decode_bytes(body, encoding=value.strip().strip("\"'"))
            except (LookupError, UnicodeDecodeError, BinaryFileError):
                break  # a wrong or unknown charset: detect instead
    return decode_bytes(body)


def _page(record: Any, number: int, read_body: Callable[[IO[bytes]], bytes]) -> tuple[dict | str, str | None]:
    """The article of one response or resource record, or why it is not one; and the page's encoding."""
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI") or "(no WARC-Target-URI)"
    where = f"record {number} ({uri})"
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return f"{where}: not an HTTP response (no status line)", None
        status = http.get_statuscode()
        if status != "200":
            line = " ".join(http.statusline.split()) or status
            moved = http.get_header("Location")
            to = f" to {moved}" if moved and str(status).startswith("3") else ""
            return f"{where}: HTTP {line}{to}, not a page to read", None
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return f"{where}: {mime}, not an HTML page", None
    body = read_body(record.content_stream())
    if not body.strip():
        return f"{where}: empty page", None
    try:
        text, encoding = _decode(body, content_type)
    except BinaryFileError as exc:
        return f"{where}: {exc}", None
    if not mime and not is_html(text):
        return f"{where}: no Content-Type and not an HTML page", None
    try:
        article = read_html(text).records[0]
    except ReaderError as exc:
        return f"{where}: {exc}", None
    date = headers.get_header("WARC-Date")
    article["url"] = uri if uri != "(no WARC-Target-URI)" else article.get("url")
    article.setdefault("outlet", domain_of(article["url"]))
    article["crawled"] = date
    return article, encoding


def read_warc(
    stream: IO[bytes], size: int, read_body: Callable[[IO[bytes]], bytes] = lambda s: s.read()
) -> tuple[Parsed, list[str]]:
    """The articles of a WARC (plain or gzipped, ``size`` bytes), and the encodings of their pages.

    ``read_body`` reads one record's content (the loader's reads it within ``max_bytes``
    and ``max_ratio``; if it raises, reading stops there and says why).  Record numbers
    count every record from 1, the ``warcinfo`` first.

    >>> import io
    >>> from warcio.warcwriter import WARCWriter
    >>> from warcio.statusandheaders import StatusAndHeaders
    >>> buffer = io.BytesIO()
    >>> writer = WARCWriter(buffer, gzip=False)
    >>> page = "<html><body><article><h1>عاجل</h1><p>أسرت قوات المعارضة 400 عنصر.</p></article></body></html>"
    >>> for uri, status, body in [("https://www.aa.com.tr/ar/1", "200 OK", page.encode()),
    ...                           ("https://www.aa.com.tr/ar/2", "404 Not Found", b"<html></html>")]:
    ...     http = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    ...     writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
    ...                         http_headers=http, warc_headers_dict={"WARC-Date": "2019-02-01T09:00:00Z"}))
    >>> parsed, encodings = read_warc(io.BytesIO(buffer.getvalue()), len(buffer.getvalue()))
    >>> [(r["title"], r["text"], r["outlet"], r["published"]) for r in parsed.records], parsed.skipped
    ([('عاجل', 'أسرت قوات المعارضة 400 عنصر.', 'aa.com.tr', '2019-02-01T09:00:00Z')], \
['record 2 (https://www.aa.com.tr/ar/2): HTTP 404 Not Found, not a page to read'])
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise ReaderError("reading WARC files needs the warcio package: pip install -r requirements.txt") from None

    records: list[dict[str, Any]] = []
    numbers: list[int] = []
    skipped: list[str] = []
    encodings: list[str] = []
    passed: Counter[str] = Counter()
    n_capture_dates = 0
    number = 0
    at = 1  # the record being read: where damage is reported
    iterator = ArchiveIterator(stream)
    walk = iter(iterator)
    try:
        while (record := next(walk, None)) is not None:
            number = at
            declared = (record.rec_headers.get_header("Content-Length") or "").strip()
            if record.length is None or not record.rec_type or not declared.isdigit():
                raise ArchiveLoadFailed("a record without WARC-Type or Content-Length (its header is cut off?)")
            article: dict | str | None = None
            if record.rec_type in _PAGE_RECORDS:
                try:
                    article, encoding = _page(record, number, read_body)
                except Refused as exc:  # a limit reached (max_bytes, max_ratio): stop, keep what was read
                    skipped.append(f"record {number}: {exc}; reading stopped there, the records after it are not read")
                    break
            else:
                passed[record.rec_type] += 1
            # warcio ends a record cut short without a word: its block must be read to its Content-Length.
            if _cut_short(record):
                raise ArchiveLoadFailed(f"the record ends before its Content-Length ({record.length:,} bytes)")
            at = number + 1
            if article is None:
                continue
            if isinstance(article, str):
                skipped.append(article)
                continue
            if not article.get("published"):
                article["published"] = article["crawled"]
                n_capture_dates += 1
            records.append(article)
            numbers.append(number)
            if encoding not in encodings:
                encodings.append(encoding)
        else:
            end = iterator.offset
            if end < size and _rest_is_data(stream, end):
                raise ArchiveLoadFailed(f"{size - end:,} bytes after the last whole record")
    except MemoryError:
        raise
    except ArchiveLoadFailed as exc:
        if "non-chunked gzip" in str(exc):
            raise WholeGzip("gzipped as one stream, not one gzip member per record") from None
        _damage(skipped, at, exc)
    except Exception as exc:  # warcio's ArchiveLoadFailed, zlib.error, an AttributeError on a cut header ...
        _damage(skipped, at, exc)
    notes = []
    if n_capture_dates:
        notes.append(
            f"{n_capture_dates} page(s) state no publication date: published is their capture time (WARC-Date)"
        )
    if passed:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(passed.items()))
        notes.append(f"records that are not pages, passed over: {kinds}")
    return Parsed(records, numbers, skipped, notes), encodings


def _damage(skipped: list[str], at: int, exc: Exception) -> None:
    """Note where the WARC is damaged; damage in its first record means it is no WARC at all."""
    detail = " ".join(str(exc).split())
    if at == 1:
        raise ReaderError(f"not a readable WARC file: {type(exc).__name__}: {detail}") from None
    skipped.append(
        f"record {at}: the WARC is cut off or corrupt here ({type(exc).__name__}: {detail}); the records "
        "before it are read, the rest cannot be: re-download or re-create the file"
    )


def _cut_short(record: Any) -> bool:
    """Whether a record's block ends before its Content-Length (the rest of the block is read and dropped)."""
    block = record.raw_stream
    while block.read(1 << 16):
        pass
    return getattr(block, "limit", 0) > 0


def _rest_is_data(stream: IO[bytes], end: int) -> bool:
    """Whether anything but blank padding follows the last record (a record cut off, or garbage)."""
    try:
        stream.seek(end)
        return bool(stream.read(1 << 16).strip(b"\r\n\t \x00"))
    except (OSError, ValueError):
        return True
