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

>>> decode_bytes("قال المتحدث\\r\\n".encode("cp1256"))
('قال المتحدث\\n', 'cp1256')
>>> decode_bytes("\\ufeffعربي ودولي".encode("utf-8"))
('عربي ودولي', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = ["BinaryFileError", "decode_bytes", "normalize_newlines"]


class BinaryFileError(ValueError):
    """The bytes are not text in any encoding we try (NUL bytes, control characters)."""


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


def _decode_wide_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16/UTF-32 without a BOM: NUL bytes sit in the high byte of ASCII characters."""
    candidates = []
    if len(data) % 4 == 0 and data.count(0) >= len(data) * 0.4:
        candidates += ["utf-32-le", "utf-32-be"]
    if len(data) % 2 == 0:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        # Arabic letters are U+06xx (no NUL byte); spaces and digits put a NUL in one lane only.
        if odd > 4 * even:
            candidates.append("utf-16-le")
        elif even > 4 * odd:
            candidates.append("utf-16-be")
    for codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, codec
    return None


def _detect(data: bytes) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                break  # a stray BOM-looking prefix: detect as if there were none
            if codec != "utf-8-sig" and not _looks_like_text(text):
                raise BinaryFileError("binary file")
            return text, codec

    if 0 in data:
        found = _decode_wide_without_bom(data)
        if found is None:
            raise BinaryFileError("binary file")
        return found

    n_control = len(data.translate(None, _NOT_CONTROL_BYTES))
    if n_control > 2 and n_control > _MAX_CONTROL_SHARE * len(data):
        raise BinaryFileError("binary file")

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    best: tuple[int, str] | None = None
    for codec, (not_undefined, not_arabic, not_suspicious) in _SINGLE_BYTE_CANDIDATES.items():
        if data.translate(None, not_undefined):
            continue
        score = len(data.translate(None, not_arabic)) - 3 * len(data.translate(None, not_suspicious))
        if best is None or score > best[0]:  # ties keep cp1256, listed first
            best = (score, codec)
    assert best is not None  # cp1256 decodes every byte
    return data.decode(best[1]), best[1]


def decode_bytes(data: bytes, *, encoding: str | None = None, newlines: bool = True) -> tuple[str, str]:
    """Decode a file's bytes; return ``(text, encoding_name)``.

    With ``encoding=None`` the encoding is detected (see the module docstring) and
    named ``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"`` / ``"utf-32"`` (with a BOM),
    ``"utf-16-le"`` / ``"utf-16-be"`` (without), ``"cp1256"`` or ``"iso8859-6"``.
    A given ``encoding`` is used strictly for every byte; a :class:`UnicodeDecodeError`
    (or :class:`LookupError` for an unknown name) propagates.  A leading BOM is never
    part of the text.  CRLF and lone CR become LF unless ``newlines=False``.

    Raises :class:`BinaryFileError` for bytes that are not text (NUL bytes that are
    not UTF-16/32, control characters).

    >>> decode_bytes("عربي ودولي".encode("utf-16"))
    ('عربي ودولي', 'utf-16')
    >>> decode_bytes("أسرت قوات المعارضة".encode("iso8859-6"))
    ('أسرت قوات المعارضة', 'iso8859-6')
    >>> decode_bytes("داعش".encode("cp1256"), encoding="windows-1256")
    ('داعش', 'cp1256')
    """
    if encoding is not None:
        name = codecs.lookup(encoding).name
        text = data.decode(name)
        if text.startswith("\ufeff"):
            text = text[1:]
        if not _looks_like_text(text, unassigned=False):
            raise BinaryFileError("binary file")
    elif not data:
        text, name = "", "utf-8"
    else:
        text, name = _detect(data)
    if newlines:
        text = normalize_newlines(text)
    return text, name
