"""Walking a corpus folder: every file under it in a stable order, links never followed.

A symbolic link inside the folder is one load-report row saying where it points and
why it is not followed; a folder that cannot be listed is one row too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from analysis.corpus.problems import Skip, file_type, os_reason, printable

__all__ = ["is_dir", "link_reason", "list_files"]


def is_dir(path: Path) -> bool:
    """Whether ``path`` is a folder (following a link given as the corpus itself); False if it cannot be read."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def list_files(root: Path) -> tuple[list[tuple[str, Path]], list[tuple[str, Exception]]]:
    """Every file under ``root`` sorted by relative path for a stable order, and what could not be walked.

    Symbolic links inside the folder are never followed: each is one problem, a
    ``Skip`` saying where it points and why (a loop, outside the corpus, a second path
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
                    problems.append((rel, Skip(link_reason(entry.path, real_root))))
                elif entry.is_dir(follow_symlinks=False):
                    stack.append((rel, entry.path))
                else:
                    found.append((rel, Path(entry.path)))
            except OSError as exc:
                problems.append((rel, Skip(os_reason(exc))))
    found.sort(key=lambda item: item[0])
    problems.sort(key=lambda item: item[0])
    return found, problems


def link_reason(path: str, real_root: str) -> str:
    """Why a symbolic link inside a corpus folder is not followed, saying where it points."""
    try:
        target = printable(os.readlink(path))
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
    what = "file" if stat.S_ISREG(mode) else file_type(mode)[2:]
    return (
        f"symbolic link to a {what} outside the corpus (→ {target}): not followed; "
        "copy the file in (cp -L) or load it directly"
    )
