"""The options of :func:`~analysis.corpus.load_corpus`, checked before anything is read, and the source path.

A bad option raises :class:`~analysis.errors.CorpusFormatError` naming it and what it
accepts; a path that cannot be a corpus raises
:class:`~analysis.errors.CorpusNotFoundError` (or ``CorpusFormatError``).
"""

from __future__ import annotations

import codecs
import errno
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from analysis.corpus.columns import FORMATS, METADATA_COLUMNS
from analysis.corpus.limits import Limits
from analysis.corpus.problems import printable
from analysis.errors import CorpusFormatError, CorpusNotFoundError

__all__ = ["LoadOptions", "check_limits", "check_options", "load_options", "source_path"]


@dataclass(frozen=True)
class LoadOptions:
    """How every file of one load is read: a forced format, the ``columns=`` mapping, a forced encoding, limits."""

    fmt: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    limits: Limits = Limits()


def load_options(
    fmt: Any, columns: Any, encoding: Any, progress: Any, max_bytes: Any, max_ratio: Any
) -> LoadOptions:
    """The checked options of one load (``progress`` is checked, not kept)."""
    fmt, mapping, encoding = check_options(fmt, columns, encoding, progress)
    return LoadOptions(fmt, mapping, encoding, check_limits(max_bytes, max_ratio))


def check_options(
    fmt: Any, columns: Any, encoding: Any, progress: Any
) -> tuple[str | None, dict[str, str], str | None]:
    """``format=``, ``columns=`` and ``encoding=`` checked (``progress=`` too); a bad one raises CorpusFormatError."""
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


def check_limits(max_bytes: Any, max_ratio: Any) -> Limits:
    """``max_bytes=`` and ``max_ratio=`` as :class:`Limits`, or :class:`CorpusFormatError` naming the bad one."""
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
    return Limits(None if max_bytes is None else int(max_bytes), None if max_ratio is None else float(max_ratio))


def source_path(source: Any) -> tuple[Path, str]:
    """The corpus path and how to show it; a path that cannot be a corpus raises a documented error."""
    try:
        path = Path(os.fspath(source))
    except TypeError:
        raise CorpusFormatError(f"source must be a path (str or os.PathLike), not {type(source).__name__}") from None
    display = printable(os.fspath(source))
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
            target = printable(os.readlink(path))
            raise CorpusNotFoundError(
                f"corpus path {display} is a symbolic link to {target}, which does not exist; fix the link"
            ) from None
        raise CorpusNotFoundError(
            f"corpus path not found: {display} (relative paths start from {printable(os.getcwd())})"
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
