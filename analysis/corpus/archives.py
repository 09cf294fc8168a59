"""Archives and compressed files, streamed in memory and never extracted: zip, tar (plain, gz, bz2, xz), gz/bz2/xz.

:func:`read_archive` walks an archive's members one by one and yields what the loader
does with each: a :class:`Member` to read, a :class:`Refusal` (a link, a device, an
encrypted member, one over a limit) or, last, an :class:`ArchiveProblem` (damage, a
limit that stopped the archive, no files at all).  Every byte read goes through
:class:`~analysis.corpus.limits.Limits`, so an archive bomb is refused before it fills
the memory.

>>> unsafe_note("../../etc/passwd") is not None, unsafe_note("news/خبر.txt")
(True, None)
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import re
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

from analysis.corpus.limits import RATIO_GRACE, ZIP_READ_CHUNK, Budget, Counting, Limits, Refused, Since
from analysis.corpus.problems import Skip, file_type, printable

__all__ = [
    "COMPRESSED",
    "MAX_ARCHIVE_DEPTH",
    "ArchiveProblem",
    "Member",
    "Refusal",
    "archive_sizes",
    "decompress",
    "read_archive",
]

#: archives inside archives are opened this many levels deep (a zip in a tar.gz is one level)
MAX_ARCHIVE_DEPTH = 3

#: single compressed files by extension: a reader over the compressed stream, decompressed in chunks within the limits
COMPRESSED: dict[str, Callable[[IO[bytes]], IO[bytes]]] = {
    ".gz": lambda fileobj: gzip.GzipFile(fileobj=fileobj, mode="rb"),
    ".bz2": lambda fileobj: bz2.BZ2File(fileobj, "rb"),
    ".xz": lambda fileobj: lzma.LZMAFile(fileobj, "rb"),
}


class Member(NamedTuple):
    """A member to read: its report path (``archive::name``), its name inside, its bytes, a note for its row."""

    display: str
    rel: str
    data: bytes
    note: str | None


class Refusal(NamedTuple):
    """A member recorded but not read: its report path and why."""

    display: str
    reason: str


class ArchiveProblem(NamedTuple):
    """The archive's own report row (the last event): why it stopped or what is wrong with it.

    When a limit stopped it at a member, ``member`` is that member's report path and
    ``member_reason`` the limit's message, for the member's own row.
    """

    reason: str
    member: str | None = None
    member_reason: str | None = None


Event = Member | Refusal | ArchiveProblem


def decompress(ext: str, data: bytes, budget: Budget, limits: Limits) -> bytes:
    """A .gz/.bz2/.xz file's content, decompressed as a stream within the limits."""
    counting = Counting(io.BytesIO(data))
    try:
        with COMPRESSED[ext](counting) as stream:
            return limits.read(stream, None, budget, counting)
    except Refused:
        raise
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as exc:
        raise Skip(
            f"cannot decompress this {ext} file: corrupt or truncated ({type(exc).__name__}: {exc}); "
            "re-download or re-compress it"
        ) from None


class _Position:
    """How far the walk through an archive got: files met, and the member being read (for the stop reason)."""

    __slots__ = ("current", "n_files")

    def __init__(self) -> None:
        self.n_files = 0
        self.current: str | None = None


def read_archive(
    display: str, kind: str, fileobj: IO[bytes], budget: Budget, limits: Limits, start: int = 0, stop: int | None = None
) -> Iterator[Event]:
    """What to do with every file inside a zip or tar archive, read in memory (never extracted to disk).

    ``start``/``stop`` read only the members numbered ``start`` to ``stop - 1`` (a part of the
    archive); an archive's own problems are reported by the part that reads to its end.
    Every member but a folder is an event: links, devices and members over the limits
    (``max_bytes``, ``max_ratio``) are refusals.  Damage, a limit that stops the archive,
    or an archive without files end it with an :class:`ArchiveProblem`.
    """
    at = _Position()
    members = _zip_events if kind == "zip" else _tar_events
    try:
        yield from members(display, fileobj, budget, limits, start, stop, at)
    except Refused as exc:  # a limit was reached: the member gets the reason, the archive says it stopped
        where = f" at {at.current.rsplit('::', 1)[-1]}" if at.current else ""
        yield ArchiveProblem(
            f"stopped reading this {kind} archive{where} (a limit was reached, see that member's row); "
            "the members after it are not read",
            at.current,
            str(exc),
        )
        return
    except Exception as exc:  # a corrupt archive is one report row, the members read so far stay
        member = at.current.rsplit("::", 1)[-1] if at.current else None
        yield ArchiveProblem(archive_damage(kind, at.n_files, exc, member))
        return
    if at.n_files == 0 and start == 0:
        yield ArchiveProblem("archive holds no files")


def _zip_events(
    display: str, fileobj: IO[bytes], budget: Budget, limits: Limits, start: int, stop: int | None, at: _Position
) -> Iterator[Event]:
    # What zipfile really reads is counted: a member's header may lie about its sizes.
    counting = Counting(fileobj)
    with zipfile.ZipFile(counting) as zf:
        for info in zf.infolist():
            if not is_zip_file(info):
                continue
            at.n_files += 1
            if at.n_files <= start:
                continue
            if stop is not None and at.n_files > stop:
                return
            name = zip_name(info)
            at.current = member = f"{display}::{printable(name)}"
            refusal = zip_refusal(zf, info, budget, limits)
            if refusal is not None:
                yield Refusal(member, refusal)
                continue
            try:
                with zf.open(info) as handle:
                    data = limits.read(handle, info.file_size, budget, Since(counting), step=ZIP_READ_CHUNK)
            except Refused:
                raise
            except Exception as exc:  # a bad member (CRC, method) must not stop the others
                yield Refusal(
                    member,
                    f"cannot read archive member: {type(exc).__name__}: {exc}; the archive is damaged "
                    "there (the other members are read)",
                )
                continue
            yield Member(member, member_name(name), data, unsafe_note(name))
            at.current = None


def _tar_events(
    display: str, fileobj: IO[bytes], budget: Budget, limits: Limits, start: int, stop: int | None, at: _Position
) -> Iterator[Event]:
    # Stream mode: one pass over a possibly compressed tar, no seeking, no temporary files.
    counting = Counting(fileobj)
    with tarfile.open(fileobj=counting, mode="r|*") as tf:
        for info in tf:
            if not is_tar_member(info):
                continue
            at.n_files += 1
            if at.n_files <= start:
                continue
            at.current = member = f"{display}::{printable(info.name)}"
            refusal = tar_refusal(info)
            if refusal is not None:
                yield Refusal(member, refusal)
            else:
                # Skipping a member in a stream decompresses it all the same: too big stops the archive.
                if limits.max_bytes is not None and budget.used + info.size > limits.max_bytes:
                    raise Refused(limits.total_message(budget, info.size))
                handle = tf.extractfile(info)
                data = limits.read(handle, info.size, budget, counting, info.offset_data)
                yield Member(member, member_name(info.name), data, unsafe_note(info.name))
            at.current = None
            if at.n_files == stop:
                return


def archive_sizes(path: Path, kind: str) -> list[int]:
    """The size of each file inside an archive, without reading them (a compressed tar is streamed through once).

    Stops at any damage: the part of the corpus that reads the archive to its end reports it.
    """
    sizes: list[int] = []
    try:
        with open(path, "rb") as fh:
            if kind == "zip":
                with zipfile.ZipFile(fh) as zf:
                    sizes = [info.file_size for info in zf.infolist() if is_zip_file(info)]
            else:
                with tarfile.open(fileobj=fh, mode="r|*") as tf:
                    sizes.extend(info.size for info in tf if is_tar_member(info))
    except Exception:
        pass
    return sizes


def zip_refusal(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget, limits: Limits) -> str | None:
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
        return f"special member ({file_type(mode)}): not read, nothing extracted"
    if info.flag_bits & 0x1:
        return "encrypted member: cannot be read without its password (decrypt the archive first)"
    # One member over a limit is passed over (a zip reads members at will); the archive's total stops it.
    if limits.max_bytes is not None and info.file_size > limits.max_bytes:
        return limits.member_too_big(info.file_size)
    ratio = info.file_size / max(info.compress_size, 1)
    if limits.max_ratio is not None and info.file_size > RATIO_GRACE and ratio > limits.max_ratio:
        return limits.bomb_message(info.file_size, info.compress_size, "its header says it decompresses to")
    if limits.max_bytes is not None and budget.used + info.file_size > limits.max_bytes:
        raise Refused(limits.total_message(budget, info.file_size))
    return None


def is_zip_file(info: zipfile.ZipInfo) -> bool:
    """Whether a zip entry gets a report row: every entry but a folder (links and devices are recorded, not read)."""
    return not info.is_dir()


def is_tar_member(info: tarfile.TarInfo) -> bool:
    """Whether a tar member gets a report row: every member but a folder."""
    return not info.isdir()


def member_name(name: str) -> str:
    """A member's name as a relative path (no leading ``./`` or ``/``): its article id and format come from it."""
    while name.startswith("./"):
        name = name[2:]
    return name.lstrip("/")


def zip_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name; UTF-8 names written without the UTF-8 flag (zipfile reads them as cp437) repaired."""
    name = info.filename
    if info.flag_bits & 0x800 or name.isascii():
        return name
    try:
        return name.encode("cp437").decode("utf-8")
    except UnicodeError:
        return name


def unsafe_note(name: str) -> str | None:
    """A note for a member whose name would write outside a folder if extracted (we never extract)."""
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or ".." in parts:
        return "unsafe member name (an absolute path or '..'): read in memory only, nothing is ever extracted"
    return None


def tar_refusal(info: tarfile.TarInfo) -> str | None:
    """Why a tar member is not read (links, devices ...), or None for a regular file."""
    if info.issym():
        return f"symbolic link member (→ {printable(info.linkname)}): not followed, nothing extracted"
    if info.islnk():
        return f"hard link member (→ {printable(info.linkname)}): not followed, nothing extracted"
    if info.ischr() or info.isblk():
        return "device member: not read, nothing extracted"
    if info.isfifo():
        return "FIFO member: not read, nothing extracted"
    if not info.isfile():
        return f"special member (tar type {info.type!r}): not read, nothing extracted"
    return None


def archive_damage(kind: str, n_files: int, exc: Exception, member: str | None = None) -> str:
    """The reason of a damaged archive's row: where the damage is and what was read before it."""
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
