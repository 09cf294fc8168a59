"""Which corpus an output came from: the corpus fingerprint, and the check that a report comes from one corpus.

A corpus's fingerprint is a SHA-256 over the sorted list of its files, each as its path
relative to the corpus, its size and its modification time (nanoseconds); a corpus given as
one file (an archive, a CSV ...) is that one file.  Only ``stat`` is read, never the
contents, so it is cheap on any corpus; the same files, unchanged, give the same
fingerprint wherever the folder lies; a file added, removed, edited or touched gives another.
The first 16 hex digits are the fingerprint's ``id``.

The output folder's marker (``.analysis-report``, see :mod:`analysis.output.export`) records
the run's corpus and fingerprint, and per file the fingerprint it was written from
(``"provenance": {file: id}``, ``"corpora": {id: {...}}``).  ``python -m analysis report``
records its files when a run ends; a notebook run by hand records each figure and table as it
exports them, through :func:`use_corpus` (called by ``analysis.report.notebook.resolve``).
:func:`check_one_corpus` refuses to assemble files written from different corpora.

>>> corpus_name("../shared/corpus/antcorpus-multisource-v2.1.tar.gz")
'antcorpus-multisource-v2.1'
>>> corpus_name("seeds/")
'seeds'
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from analysis.errors import OutputFolderError

__all__ = ["Fingerprint", "check_one_corpus", "corpus_fingerprint", "corpus_name", "folder_corpus", "use_corpus"]

#: Suffixes left out of a corpus's name (``corpus.tar.gz`` is named ``corpus``).
_SUFFIXES = frozenset({".gz", ".bz2", ".xz", ".zst", ".tar", ".tgz", ".tbz2", ".txz", ".zip", ".7z", ".txt",
                       ".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".parquet", ".arrow", ".feather", ".xlsx",
                       ".ods", ".xml", ".html", ".htm", ".warc", ".trec", ".sgml"})


@dataclass(frozen=True)
class Fingerprint:
    """A corpus as its files were: ``id`` (16 hex digits), its ``name``, ``path``, number of ``files`` and ``bytes``."""

    id: str
    name: str
    path: str
    files: int
    bytes: int

    def as_dict(self) -> dict:
        return asdict(self)

    def describe(self) -> str:
        return f"{self.name} (fingerprint {self.id})"


def corpus_name(corpus: str | os.PathLike) -> str:
    """A folder name for ``corpus``: its file or folder name without archive and format suffixes."""
    name = Path(os.path.abspath(corpus)).name
    while Path(name).suffix.lower() in _SUFFIXES and Path(name).stem:
        name = Path(name).stem
    name = re.sub(r"[^\w\-.]+", "_", unicodedata.normalize("NFC", name)).strip("_.")
    return name or "corpus"


def _entries(root: Path) -> list[tuple[str, int, int]]:
    """(relative path, size, mtime in ns) of every file of ``root``, sorted; links are not followed."""
    if not root.is_dir():
        st = root.stat()
        return [(root.name, st.st_size, st.st_mtime_ns)]
    found = []
    for folder, dirs, files in os.walk(root, onerror=None, followlinks=False):
        dirs.sort()
        for name in files:
            path = Path(folder, name)
            try:
                st = path.lstat()
            except OSError:
                continue
            found.append((path.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns))
    return sorted(found)


def corpus_fingerprint(corpus: str | os.PathLike) -> Fingerprint:
    """The fingerprint of ``corpus`` (a folder, file or archive; see the module docstring)."""
    root = Path(corpus)
    root = root.resolve() if root.exists() else Path(os.path.abspath(root))
    digest = hashlib.sha256(b"analysis-corpus-fingerprint/1\n")
    entries = _entries(root) if root.exists() else []
    for rel, size, mtime in entries:
        digest.update(f"{rel}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
    return Fingerprint(digest.hexdigest()[:16], corpus_name(root), str(root), len(entries),
                       sum(size for _, size, _ in entries))


_FOLDERS: dict[str, Fingerprint] = {}


def _key(folder: str | os.PathLike) -> str:
    return os.path.realpath(folder)


def use_corpus(folder: str | os.PathLike, corpus: str | os.PathLike) -> Fingerprint:
    """From now on (in this process), figures and tables exported into ``folder`` come from ``corpus``."""
    fingerprint = corpus_fingerprint(corpus)
    _FOLDERS[_key(folder)] = fingerprint
    return fingerprint


def folder_corpus(folder: str | os.PathLike) -> Fingerprint | None:
    """The corpus this process exports into ``folder`` from (:func:`use_corpus`), or None."""
    return _FOLDERS.get(_key(folder))


def _listing(names: list[str]) -> str:
    names = sorted(names)
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def check_one_corpus(folder: str | os.PathLike, marker: dict | None, files: Iterable[str],
                     corpus: Fingerprint | None = None) -> None:
    """Refuse (:class:`OutputFolderError`, one line) to assemble ``files`` of ``folder`` written from different
    corpora, or from another corpus than ``corpus``, as its ``marker`` records them.

    Files the marker does not trace (written by other code, or before fingerprints) are not counted.
    """
    provenance = (marker or {}).get("provenance") or {}
    corpora = (marker or {}).get("corpora") or {}
    groups: dict[str, list[str]] = {}
    for name in files:
        fid = provenance.get(name)
        if isinstance(fid, str):
            groups.setdefault(fid, []).append(name)
    if len(groups) <= 1 and (corpus is None or not groups or corpus.id in groups):
        return

    def who(fid: str) -> str:
        info = corpora.get(fid) or {}
        return f"{info.get('name', 'an unknown corpus')} (fingerprint {fid})"

    parts = "; ".join(f"{_listing(names)} from {who(fid)}" for fid, names in sorted(groups.items()))
    asked = f"; this report is for {corpus.describe()}" if corpus is not None else ""
    raise OutputFolderError(f"output folder {folder} holds outputs of different corpora: {parts}{asked}; a report "
                            "assembles one corpus: run every notebook on the same corpus (by hand, leave out=None: "
                            "each corpus gets its own folder), or run python -m analysis report CORPUS --out DIR")
