"""The inputs of one load, met one after another: files, archive members, folders and links not read.

:class:`Intake` holds what a load has gathered so far (the articles' columns, the
report rows, the ids given) and takes each input the walk meets; whatever goes wrong
with one input becomes its report row, and the others still load.
"""

from __future__ import annotations

import io
import stat
from pathlib import Path
from typing import IO

import pandas as pd

from analysis.corpus.archives import MAX_ARCHIVE_DEPTH, ArchiveProblem, Member, Refusal, read_archive
from analysis.corpus.build import ArticleRows
from analysis.corpus.datasets import empty_reason
from analysis.corpus.encoding import BinaryFileError
from analysis.corpus.formats import classify, read_file
from analysis.corpus.ids import UniqueIds
from analysis.corpus.limits import Budget, Refused
from analysis.corpus.options import LoadOptions
from analysis.corpus.problems import Skip, file_type, os_reason
from analysis.corpus.progress import Progress
from analysis.corpus.readers import ReaderError
from analysis.corpus.report import LoadReport, ReportEntry, empty_message, fail, report_frame
from analysis.errors import EmptyCorpusError

__all__ = ["Intake"]


class Intake:
    """What one load has read so far: articles, report rows (``entries``) and ids.

    ``renames`` (row -> id, from :func:`~analysis.corpus.ids.plan_ids`) replaces the
    renaming of repeated ids when only a part of the corpus is read.
    """

    def __init__(self, options: LoadOptions, progress: bool | None = False, renames: dict[int, str] | None = None):
        self.options = options
        self.progress = Progress(progress)
        self.entries: list[ReportEntry] = []
        self.ids = UniqueIds(renames)
        self.rows = ArticleRows(options.columns, self.ids)

    def _entry(self, path: str) -> ReportEntry:
        entry = ReportEntry(path)
        self.entries.append(entry)
        return entry

    def skip_row(self, display: str, reason: str, fmt: str | None = None) -> None:
        """A report row for something met but not read (a link, a refused member ...)."""
        self.progress.step()
        fail(self._entry(display), reason, fmt)

    def add_unreadable(self, display: str, exc: Exception) -> None:
        """A folder that could not be listed (its files are unknown, so it gets one row), or a link not followed."""
        if isinstance(exc, OSError):
            reason = (
                f"cannot read folder: {type(exc).__name__}: {exc.strerror or exc}; "
                "the files in it are unknown (check its permissions)"
            )
        else:
            reason = str(exc)
        fail(self._entry(display), reason)

    def add_path(self, display: str, rel: str, path: Path, start: int = 0, stop: int | None = None) -> None:
        """A file on disk: archives are streamed (files ``start`` to ``stop`` only), other files read whole."""
        kind, _ = classify(rel)
        limits = self.options.limits
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise Skip(f"not a regular file ({file_type(info.st_mode)}): not read")
            if info.st_size == 0:
                raise Skip(empty_reason(rel))
            if limits.max_bytes is not None and info.st_size > limits.max_bytes and kind in ("file", "compressed"):
                raise Skip(limits.file_too_big(info.st_size))
            if kind in ("tar", "zip"):
                fh = open(path, "rb")
            else:
                data = path.read_bytes()
        except (OSError, Skip) as exc:
            reason = str(exc) if isinstance(exc, Skip) else os_reason(exc)
            self.skip_row(display, reason, kind if kind in ("tar", "zip") else None)
            return
        budget = Budget(display)
        if kind in ("tar", "zip"):
            with fh:
                self._add_archive(display, kind, fh, budget, start=start, stop=stop)
            return
        box = [data]  # add_bytes takes the bytes out: this frame must not keep a huge file alive
        del data
        self.add_bytes(display, rel, box, budget)

    def _add_archive(
        self,
        display: str,
        kind: str,
        fileobj: IO[bytes],
        budget: Budget,
        *,
        start: int = 0,
        stop: int | None = None,
        depth: int = 0,
    ) -> None:
        """Every file inside a zip or tar archive (``depth``: the archives around this one)."""
        for event in read_archive(display, kind, fileobj, budget, self.options.limits, start, stop):
            if isinstance(event, Member):
                self.add_bytes(event.display, event.rel, event.data, budget, depth=depth, note=event.note)
            elif isinstance(event, Refusal):
                self.skip_row(event.display, event.reason)
            elif isinstance(event, ArchiveProblem):
                member = event.member
                if member is not None and (not self.entries or self.entries[-1].path != member):
                    self.skip_row(member, event.member_reason or "")
                fail(self._entry(display), event.reason, kind)

    def add_bytes(
        self,
        display: str,
        rel: str,
        data: bytes | list[bytes],
        budget: Budget,
        *,
        depth: int = 0,
        note: str | None = None,
    ) -> None:
        """One input file's bytes; whatever goes wrong becomes its report row.

        ``data`` may come in a one-item list, which the reader empties: then the bytes
        are freed as soon as they are decoded, not when this call returns.
        """
        box = data if isinstance(data, list) else [data]
        del data
        kind, ext = classify(rel)
        if kind in ("tar", "zip"):
            data = box.pop()
            if not data:
                self.skip_row(display, "empty file", kind)
            elif depth >= MAX_ARCHIVE_DEPTH:
                self.skip_row(
                    display,
                    f"archive inside {depth + 1} nested archives: not opened (MAX_ARCHIVE_DEPTH is "
                    f"{MAX_ARCHIVE_DEPTH}; deep nesting is how archive bombs multiply); extract the outer "
                    "archive and load this one",
                    kind,
                )
            else:
                self._add_archive(display, kind, io.BytesIO(data), budget, depth=depth + 1)
            return
        self.progress.step()
        entry = self._entry(display)
        if note:
            entry.notes.append(note)
        try:
            fmt, id_base, pieces = read_file(entry, rel, box, kind, ext, budget, self.options)
            self.rows.add_file(entry, len(self.entries) - 1, pieces, fmt, id_base)
        except (Skip, Refused, ReaderError, BinaryFileError) as exc:
            fail(entry, str(exc))
        except MemoryError:
            fail(entry, "out of memory while reading this file: split it, or lower max_bytes= to refuse such")
        except Exception as exc:  # never crash in the middle of a corpus
            fail(entry, f"{type(exc).__name__}: {exc}")

    def report(self) -> LoadReport:
        """The load report of the inputs met so far."""
        return report_frame(self.entries)

    def frame(self, source: str) -> pd.DataFrame:
        """The articles frame with its load report in ``attrs``; :class:`EmptyCorpusError` if no article loaded."""
        if not self.rows.published:
            raise EmptyCorpusError(empty_message(source, self.entries), report=self.report())
        articles = self.rows.frame(self.entries)
        articles.attrs["load_report"] = self.report()
        return articles
