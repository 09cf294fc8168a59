"""How the loader names what it cannot read: the Skip exception, file types, OS errors and unprintable paths.

Every input the loader meets gets a load-report row; these helpers write the reason of
a row that was not read, naming the problem and what to do about it.
"""

from __future__ import annotations

import errno
import stat

__all__ = ["Skip", "file_type", "os_reason", "printable"]


class Skip(Exception):
    """A file is not usable; the message is the report reason (caught inside the loader, never raised to users)."""


_FILE_TYPES = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
    stat.S_IFLNK: "a symbolic link",
}


def file_type(mode: int) -> str:
    """What a file that is not a regular file is, for a report reason: "a FIFO", "a socket" ..."""
    kind = stat.S_IFMT(mode)
    return _FILE_TYPES.get(kind, f"file type {kind:o}")


_OS_HINTS = {
    errno.EACCES: "check its permissions",
    errno.EPERM: "check its permissions",
    errno.ENAMETOOLONG: "shorten the path",
    errno.ELOOP: "fix the symbolic link",
    errno.EIO: "the disk may be failing",
}


def os_reason(exc: OSError) -> str:
    """A report reason for an OS error met while reading, with a hint of what to do."""
    hint = _OS_HINTS.get(exc.errno or 0)
    return f"cannot read: {type(exc).__name__}: {exc.strerror or exc}" + (f" ({hint})" if hint else "")


def printable(name: str) -> str:
    """A path fit for the report and for Arrow: bytes of a file name that are not UTF-8 shown as ``\\xNN``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        try:
            return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return name.encode("utf-8", "backslashreplace").decode("utf-8")
