"""The limits on what one input may decompress to: ``max_bytes``, ``max_ratio`` (archive bombs).

A file, or an archive with everything it holds (nested archives included), shares one
:class:`Budget` of bytes.  :meth:`Limits.read` reads a stream in chunks and raises
:class:`Refused` the moment the budget or the expansion ratio is passed, before the
memory fills.

>>> human_size(900), human_size(64 * 2**20), human_size(2 * 2**30)
('900 bytes', '64.0 MiB', '2.0 GiB')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_RATIO", "RATIO_GRACE", "Budget", "Counting", "Limits", "Refused", "Since"]

#: the most bytes ``load_corpus`` reads for one input: a file, or all that one archive or compressed
#: file decompresses to (nested archives included); ``max_bytes=`` changes it
DEFAULT_MAX_BYTES = 4 * 2**30
#: the most a compressed stream may expand (decompressed / compressed bytes) once past
#: :data:`RATIO_GRACE` bytes; text expands 3 to 10 times, archive bombs 1,000 times; ``max_ratio=``
DEFAULT_MAX_RATIO = 100
#: decompressed bytes read before the ratio is judged (small files may compress very well)
RATIO_GRACE = 64 * 2**20
READ_CHUNK = 16 * 2**20
# zipfile reads as many compressed bytes as the output asked for: small reads keep the count honest.
ZIP_READ_CHUNK = 2**20


class Refused(Exception):
    """A limit (``max_bytes``, ``max_ratio``) was reached; the message says which and how to lift it.

    Caught inside the loader: the message becomes a load-report reason, never an error raised to users.
    """


def human_size(n: float) -> str:
    """A byte count for people: 900 bytes, 64.0 MiB, 2.0 GiB."""
    if n < 1024:
        return f"{int(n)} bytes"
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        n /= 1024
        if n < 1024 or unit == "TiB":
            break
    return f"{n:.1f} {unit}"


class Budget:
    """Bytes read so far for one input handed to the loader: a file, or an archive with all it holds."""

    __slots__ = ("label", "used")

    def __init__(self, label: str):
        self.label = label
        self.used = 0


class Counting:
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


class Since:
    """The bytes a :class:`Counting` has read since a moment (a zip member's own compressed bytes)."""

    def __init__(self, counting: Counting):
        self.counting = counting
        self.start = counting.count

    @property
    def count(self) -> int:
        return self.counting.count - self.start


@dataclass(frozen=True)
class Limits:
    """``max_bytes`` and ``max_ratio`` of one load (None: no limit), and the reasons that quote them."""

    max_bytes: int | None = DEFAULT_MAX_BYTES
    max_ratio: float | None = DEFAULT_MAX_RATIO

    def read(
        self,
        stream: IO[bytes],
        size: int | None,
        budget: Budget,
        source: Any = None,
        base: int = 0,
        step: int = READ_CHUNK,
    ) -> bytes:
        """``stream`` to its end (at most ``size`` bytes), in chunks, refused beyond ``max_bytes`` or ``max_ratio``.

        ``source`` counts the compressed bytes consumed so far and ``base`` the bytes
        decompressed from it before this stream: their ratio betrays an archive bomb
        long before it fills the memory.
        """
        max_bytes, max_ratio = self.max_bytes, self.max_ratio
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
            if max_bytes is not None:
                if budget.used > max_bytes:
                    raise Refused(self.total_message(budget, 0))
                if n > max_bytes:
                    raise Refused(self.member_too_big(n, "more than"))
            out = base + n
            if source is not None and max_ratio is not None and out > RATIO_GRACE:
                if out > max_ratio * max(source.count, 1):
                    raise Refused(self.bomb_message(out, source.count, "reading stopped once it had decompressed to"))
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def file_too_big(self, size: int) -> str:
        """The reason a file on disk larger than ``max_bytes`` is not read."""
        return (
            f"refused: the file is {human_size(size)}, more than max_bytes={self.max_bytes} "
            f"({human_size(self.max_bytes or 0)}) that load_corpus holds in memory for one file; split it, "
            "or pass a larger max_bytes= if the memory is there"
        )

    def member_too_big(self, size: int, how: str = "") -> str:
        """The reason one decompressed file larger than ``max_bytes`` is not read."""
        return (
            f"refused: {how + ' ' if how else ''}{human_size(size)} decompressed, more than "
            f"max_bytes={self.max_bytes} ({human_size(self.max_bytes or 0)}) for one file (too big to hold in "
            "memory, or an archive bomb); if you trust it, pass a larger max_bytes= to load_corpus"
        )

    def total_message(self, budget: Budget, more: int) -> str:
        """The reason an input stops once all it decompresses to would pass ``max_bytes``."""
        return (
            f"refused: {budget.label} would decompress to more than max_bytes={self.max_bytes} "
            f"({human_size(self.max_bytes or 0)}) in all ({human_size(budget.used + more)} so far, an archive bomb?); "
            "if you trust it, pass a larger max_bytes= to load_corpus"
        )

    def bomb_message(self, out: int, compressed: int, how: str) -> str:
        """The reason a stream expanding more than ``max_ratio`` times is refused as an archive bomb."""
        return (
            f"refused as an archive bomb: {how} {human_size(out)} from {human_size(compressed)} compressed "
            f"({out / max(compressed, 1):,.0f} times, more than max_ratio={self.max_ratio:g}); "
            "if you trust it, pass max_ratio=None (or a larger max_ratio=) to load_corpus"
        )
