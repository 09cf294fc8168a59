"""Decode the bytes of a corpus file whose encoding nobody wrote down.

Arabic news archives come as UTF-8 (with or without a BOM), UTF-16 from Windows
tools, and the old single-byte code pages Windows-1256 (``cp1256``) and ISO 8859-6.
:func:`decode_bytes` tries them in order of how much evidence the bytes carry:

1. a byte-order mark (UTF-8, UTF-32, UTF-16);
2. NUL bytes: UTF-16/UTF-32 without BOM when the NULs fall in the right lanes,
   otherwise the file is binary;
3. many C0 control bytes: binary;
4. strict UTF-8 (random single-byte text is practically never valid UTF-8);
5. ``cp1256`` or ``iso8859-6``, whichever reads as more Arabic letters and fewer
   Latin accented letters or C1 controls.

Damaged text is recovered where the damage is small and says so (``notes=``): a file
cut in the middle of a UTF-8 or UTF-16 character loses only that partial character,
a few stray NUL bytes are dropped, and a UTF-8 text with a few invalid bytes keeps
them as U+FFFD instead of being misread as a code page.  Binary data is refused with
a :class:`BinaryFileError` that names what it looks like ("a PNG image", "gzip data").

>>> decode_bytes("قال المتحدث\\r\\n".encode("cp1256"))
('قال المتحدث\\n', 'cp1256')
>>> decode_bytes("\\ufeffعربي ودولي".encode("utf-8"))
('عربي ودولي', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = ["BinaryFileError", "decode_bytes", "describe_binary", "normalize_newlines"]


class BinaryFileError(ValueError):
    """The bytes are not text in any encoding we try (NUL bytes, control characters).

    The message says what the bytes look like, e.g. "binary file (a PNG image), not text".
    Internal to the corpus loader, like the readers' ``ReaderError``: ``load_corpus``
    catches it and writes the message as the reason of that file's load-report row, so
    only code calling :func:`decode_bytes` directly sees it.
    """


# Signatures of the binary files that end up in corpus folders: what they are and what to do.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document: extract its text first"),
    (b"\x1f\x8b", "gzip-compressed data: name it .gz to have it decompressed"),
    (b"BZh", "bzip2-compressed data: name it .bz2 to have it decompressed"),
    (b"\xfd7zXZ\x00", "xz-compressed data: name it .xz to have it decompressed"),
    (b"PK\x03\x04", "a zip archive (or an Office document): name it .zip to have its files read"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive, which is not supported: extract it first"),
    (b"Rar!\x1a\x07", "a RAR archive, which is not supported: extract it first"),
    (b"PAR1", "a Parquet file: name it .parquet"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document: save it as text first"),
    (b"RIFF", "audio, video or a WebP image"),
    (b"OggS", "Ogg audio or video"),
    (b"ID3", "MP3 audio"),
    (b"\x1aE\xdf\xa3", "a Matroska or WebM video"),
)


def describe_binary(data: bytes) -> str:
    """One line saying what binary bytes look like, for a load report.

    >>> describe_binary(b"\\x1f\\x8b\\x08\\x00" + bytes(12))
    'binary file (gzip-compressed data: name it .gz to have it decompressed), not text'
    >>> describe_binary(bytes([7, 200, 3, 1]))
    'binary file, not text'
    """
    head = bytes(data[:16])
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"binary file ({what}), not text"
    if bytes(data[257:262]) == b"ustar":
        return "binary file (a tar archive: name it .tar to have its files read), not text"
    if not data.strip(b"\x00"):
        return "binary file (only NUL bytes: a file that was never written?), not text"
    return "binary file, not text"


_BOMS = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control bytes that never occur in text files (tab, LF, VT, FF, CR do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r") + b"\x7f"
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
#: more than this share of control characters means binary
_MAX_CONTROL_SHARE = 0.01


def _is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" or "\u0671" <= ch <= "\u06d3"


def _byte_classes(codec: str) -> tuple[bytes, bytes, bytes]:
    """Deletion tables for ``bytes.translate`` that keep, for a single-byte codec, only the
    bytes it cannot decode, only its Arabic letters, only its suspicious characters."""
    undefined, arabic, suspicious = [], [], []
    for b in range(256):
        try:
            ch = bytes([b]).decode(codec)
        except UnicodeDecodeError:
            undefined.append(b)
            continue
        if _is_arabic_letter(ch):
            arabic.append(b)
        # Latin accented letters and C1 controls inside an Arabic text betray the wrong code page.
        elif b >= 0x80 and (ch.isalpha() or "\x80" <= ch <= "\x9f"):
            suspicious.append(b)
    return (
        bytes(b for b in range(256) if b not in undefined),
        bytes(b for b in range(256) if b not in arabic),
        bytes(b for b in range(256) if b not in suspicious),
    )


_SINGLE_BYTE_CANDIDATES = {codec: _byte_classes(codec) for codec in ("cp1256", "iso8859-6")}


def normalize_newlines(text: str) -> str:
    r"""Turn CRLF and lone CR into LF.

    >>> normalize_newlines("سطر\r\nسطر\rسطر")
    'سطر\nسطر\nسطر'
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _looks_like_text(text: str, *, unassigned: bool = True) -> bool:
    """True when a decoded text has (almost) no control (and, if asked, unassigned or private-use) characters."""
    if not text:
        return True
    n_bad = len(_CONTROL_CHARS_RE.findall(text))
    if not unassigned:
        return n_bad <= _MAX_CONTROL_SHARE * len(text)
    sample = text[:20000]
    n_bad_sample = sum(1 for ch in sample if unicodedata.category(ch) in ("Cn", "Co", "Cs"))
    return n_bad <= _MAX_CONTROL_SHARE * len(text) and n_bad_sample <= _MAX_CONTROL_SHARE * len(sample)


#: a UTF-8 text may keep this share of invalid bytes (as U+FFFD) among its non-ASCII bytes
_MAX_INVALID_UTF8_SHARE = 0.005


def _decode_cut(data: bytes, codec: str, notes: list[str]) -> str:
    """Decode strictly; a file cut inside its last character loses only that character (noted)."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.reason not in ("unexpected end of data", "truncated data") or len(data) - exc.start > 3:
            raise
        text = data[: exc.start].decode(codec)  # raises again if more than the end is wrong
        notes.append(
            f"the file ends inside a character (cut short?): its last {len(data) - exc.start} byte(s) dropped"
        )
        return text


def _decode_wide_without_bom(data: bytes, notes: list[str]) -> tuple[str, str] | None:
    """UTF-16/UTF-32 without a BOM: NUL bytes sit in the high byte of ASCII characters."""
    candidates = []
    if data.count(0) >= len(data) * 0.4:
        candidates += ["utf-32-le", "utf-32-be"]
    even, odd = data[0::2].count(0), data[1::2].count(0)
    # Arabic letters are U+06xx (no NUL byte); spaces and digits put a NUL in one lane only.
    if odd > 4 * even:
        candidates.append("utf-16-le")
    elif even > 4 * odd:
        candidates.append("utf-16-be")
    for codec in candidates:
        attempt: list[str] = []
        try:
            text = _decode_cut(data, codec, attempt)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            notes += attempt
            return text, codec
    return None


def _mostly_utf8(data: bytes, error: UnicodeDecodeError, notes: list[str]) -> str | None:
    """UTF-8 with a few damaged bytes (not a code page): the text, the bad bytes as U+FFFD."""
    n_high = len(data.translate(None, bytes(range(128))))
    text = data.decode("utf-8", errors="replace")
    n_bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if n_bad > _MAX_INVALID_UTF8_SHARE * n_high:
        return None
    notes.append(
        f"{n_bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD (the first at byte {error.start}: "
        f"{error.reason}); the file is damaged there"
    )
    return text


def _detect(data: bytes, notes: list[str]) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            attempt: list[str] = []
            try:
                if codec == "utf-8-sig":  # decode after the BOM, so that error offsets are the file's
                    text = _decode_cut(data[len(bom) :], "utf-8", attempt)
                else:
                    text = _decode_cut(data, codec, attempt)
            except UnicodeDecodeError:
                break  # a stray BOM-looking prefix: detect as if there were none
            if codec != "utf-8-sig" and not _looks_like_text(text):
                raise BinaryFileError(describe_binary(data))
            notes += attempt
            return text, codec

    if 0 in data:
        found = _decode_wide_without_bom(data, notes)
        if found is not None:
            return found
        n_nul = data.count(0)
        if n_nul > _MAX_CONTROL_SHARE * len(data):
            raise BinaryFileError(describe_binary(data))
        data = data.replace(b"\x00", b"")
        notes.append(f"{n_nul} stray NUL byte(s) removed")

    n_control = len(data.translate(None, _NOT_CONTROL_BYTES))
    if n_control > 2 and n_control > _MAX_CONTROL_SHARE * len(data):
        raise BinaryFileError(describe_binary(data))

    try:
        return _decode_cut(data, "utf-8", notes), "utf-8"
    except UnicodeDecodeError as exc:
        text = _mostly_utf8(data, exc, notes)
        if text is not None:
            return (text[1:], "utf-8-sig") if text.startswith("\ufeff") else (text, "utf-8")

    best: tuple[int, str] | None = None
    for codec, (not_undefined, not_arabic, not_suspicious) in _SINGLE_BYTE_CANDIDATES.items():
        if data.translate(None, not_undefined):
            continue
        score = len(data.translate(None, not_arabic)) - 3 * len(data.translate(None, not_suspicious))
        if best is None or score > best[0]:  # ties keep cp1256, listed first
            best = (score, codec)
    assert best is not None  # cp1256 decodes every byte
    return data.decode(best[1]), best[1]


def decode_bytes(
    data: bytes, *, encoding: str | None = None, newlines: bool = True, notes: list[str] | None = None
) -> tuple[str, str]:
    """Decode a file's bytes; return ``(text, encoding_name)``.

    With ``encoding=None`` the encoding is detected (see the module docstring) and
    named ``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"`` / ``"utf-32"`` (with a BOM),
    ``"utf-16-le"`` / ``"utf-16-be"`` (without), ``"cp1256"`` or ``"iso8859-6"``.
    A given ``encoding`` is used strictly for every byte; a :class:`UnicodeDecodeError`
    (or :class:`LookupError` for an unknown name) propagates.  A leading BOM is never
    part of the text.  CRLF and lone CR become LF unless ``newlines=False``.  Pass a
    list as ``notes`` to learn what was repaired while detecting (a character cut at
    the end, stray NUL bytes, a few invalid UTF-8 bytes).

    Raises :class:`BinaryFileError` for bytes that are not text (NUL bytes that are
    not UTF-16/32, control characters); its message says what the bytes look like.

    >>> decode_bytes("عربي ودولي".encode("utf-16"))
    ('عربي ودولي', 'utf-16')
    >>> decode_bytes("أسرت قوات المعارضة".encode("iso8859-6"))
    ('أسرت قوات المعارضة', 'iso8859-6')
    >>> decode_bytes("داعش".encode("cp1256"), encoding="windows-1256")
    ('داعش', 'cp1256')
    >>> notes = []
    >>> decode_bytes("قال المتحدث".encode("utf-8")[:-1], notes=notes), notes
    (('قال المتحد', 'utf-8'), ['the file ends inside a character (cut short?): its last 1 byte(s) dropped'])
    """
    if notes is None:
        notes = []
    if encoding is not None:
        name = codecs.lookup(encoding).name
        text = data.decode(name)
        if text.startswith("\ufeff"):
            text = text[1:]
        if not _looks_like_text(text, unassigned=False):
            raise BinaryFileError(describe_binary(data))
    elif not data:
        text, name = "", "utf-8"
    else:
        text, name = _detect(data, notes)
    if newlines:
        text = normalize_newlines(text)
    return text, name
