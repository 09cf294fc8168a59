"""The load report: one row per input met, with its status and the reason it was skipped or repaired.

:class:`ReportEntry` is a row in the making, :class:`FileTally` what the pieces of one
file add up to (records skipped, ids renamed, repairs), :func:`report_frame` the
finished :class:`LoadReport`, and :func:`empty_message` the message of
:class:`~analysis.errors.EmptyCorpusError` when no article loaded.

>>> examples(["line 3: invalid JSON", "line 7: invalid JSON", "line 9: a JSON number", "line 12: ..."])
'line 3: invalid JSON; line 7: invalid JSON; line 9: a JSON number; ... (1 more)'
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

__all__ = ["REPORT_COLUMNS", "FileTally", "LoadReport", "ReportEntry", "empty_message", "fail", "report_frame"]

#: columns of ``articles.attrs["load_report"]``
REPORT_COLUMNS = ("path", "status", "reason", "format", "encoding", "n_articles", "n_records_skipped")
#: examples of skipped records (or renamed ids) a reason quotes
EXAMPLES = 3


class ReportEntry:
    """One load-report row in the making."""

    __slots__ = ("path", "status", "notes", "format", "encoding", "n_articles", "n_records_skipped")

    def __init__(self, path: str):
        self.path = path
        self.status = "skipped"
        self.notes: list[str] = []
        self.format: str | None = None
        self.encoding: str | None = None
        self.n_articles = 0
        self.n_records_skipped = 0


def fail(entry: ReportEntry, reason: str, fmt: str | None = None) -> None:
    """Mark a row skipped, its reason first (before any repair noted while reading)."""
    entry.status = "skipped"
    entry.notes.insert(0, reason)
    if fmt is not None:
        entry.format = fmt


def examples(items: list[str], limit: int = EXAMPLES, total: int | None = None) -> str:
    """The first ``limit`` items, and how many more there are."""
    total = len(items) if total is None else total
    shown = "; ".join(items[:limit])
    return shown + (f"; ... ({total - limit} more)" if total > limit else "")


class FileTally:
    """What the pieces of one file add up to: its field plan, skipped records, renames and repairs."""

    __slots__ = (
        "plan",
        "mapping",
        "skipped",
        "n_skipped",
        "n_empty",
        "text_hint",
        "n_empty_kept",
        "other_language",
        "renamed",
        "n_renamed",
        "repairs",
    )

    def __init__(self) -> None:
        #: record field -> frame column (JSON, CSV and Parquet files), made from the first piece
        self.plan: dict[str, str] | None = None
        #: which fields were read by their names (news-please's maintext ...), for the report
        self.mapping: str | None = None
        self.skipped: list[str] = []
        self.n_skipped = 0
        self.n_empty = 0
        #: a long-text field that columns= could load, once records without text were met ("" if none)
        self.text_hint: str | None = None
        self.n_empty_kept = 0
        #: records whose language field names another language: language -> count
        self.other_language: Counter[str] = Counter()
        self.renamed: list[str] = []
        self.n_renamed = 0
        self.repairs: list[str] = []

    def add_skipped(self, messages: list[str]) -> None:
        self.n_skipped += len(messages)
        room = EXAMPLES - len(self.skipped)
        if room > 0:
            self.skipped.extend(messages[:room])

    def add_renamed(self, article_id: str, unique: str) -> None:
        self.n_renamed += 1
        if len(self.renamed) < EXAMPLES:
            self.renamed.append(f"duplicate article_id {article_id!r} renamed to {unique!r}")

    def close(self, entry: ReportEntry, fmt: str) -> None:
        """Write the file's status, its count of skipped records and its notes on its row."""
        skipped = self.skipped
        n_language = sum(self.other_language.values())
        entry.n_records_skipped = self.n_skipped + self.n_empty + n_language
        entry.status = "loaded" if entry.n_articles else "skipped"
        if n_language:
            languages = ", ".join(f"{lang} {n}" for lang, n in self.other_language.most_common(5))
            entry.notes.append(
                f"{n_language} record(s) not in Arabic skipped (language: {languages}); the analysis counts "
                "Arabic text: correct or drop their language field to load them"
            )
        if not entry.n_articles and self.n_skipped and not self.n_empty:
            # Nothing loaded because every record was damaged: the damage is the reason.
            if self.n_skipped == 1:
                entry.notes.insert(0, skipped[0])
            else:
                shown = examples(skipped, total=self.n_skipped)
                entry.notes.insert(0, f"no readable record: {self.n_skipped} damaged: {shown}")
        elif self.n_skipped:
            entry.notes.append(f"{self.n_skipped} record(s) skipped: {examples(skipped, total=self.n_skipped)}")
        if self.n_empty:
            hint = f"; {self.text_hint}" if self.text_hint else ""
            entry.notes.append(f"{self.n_empty} record(s) with empty or missing text skipped (not articles){hint}")
        if self.n_empty_kept and fmt == "trec":
            entry.notes.append(f"{self.n_empty_kept} <DOC> with empty <TEXT> kept")
        if self.renamed:
            entry.notes.append(examples(self.renamed, total=self.n_renamed))
        entry.notes.extend(self.repairs)
        if self.mapping:
            entry.notes.append(self.mapping)
        if not entry.n_articles and not entry.notes:
            entry.notes.append("no records")


class LoadReport(pd.DataFrame):
    """The load report: an ordinary DataFrame, except that it compares and copies as a whole.

    pandas carries ``attrs`` through every operation by deep copy and, in ``pd.concat``,
    compares the inputs' ``attrs`` with ``==``.  With a bare DataFrame there,
    concatenating two loaded corpora raised "the truth value of a DataFrame is
    ambiguous" and every column access copied the whole report.  So ``==`` answers one
    bool (:meth:`DataFrame.equals`) and a deep copy is the same, read-only, report.
    Anything derived from it (a filter, a column) is a plain DataFrame or Series.
    """

    @property
    def _constructor(self):
        return pd.DataFrame

    def __eq__(self, other) -> bool:  # type: ignore[override]
        return isinstance(other, pd.DataFrame) and self.equals(other)

    def __ne__(self, other) -> bool:  # type: ignore[override]
        return not self.__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def __deepcopy__(self, memo=None) -> LoadReport:
        return self



def report_frame(entries: list[ReportEntry]) -> LoadReport:
    """The load report of these rows, columns :data:`REPORT_COLUMNS`."""
    return LoadReport(
        {
            "path": pd.array([x.path for x in entries], dtype="str"),
            "status": pd.array([x.status for x in entries], dtype="str"),
            "reason": pd.array(["; ".join(x.notes) if x.notes else None for x in entries], dtype="str"),
            "format": pd.array([x.format for x in entries], dtype="str"),
            "encoding": pd.array([x.encoding for x in entries], dtype="str"),
            "n_articles": np.array([x.n_articles for x in entries], dtype=np.int64),
            "n_records_skipped": np.array([x.n_records_skipped for x in entries], dtype=np.int64),
        }
    )


def empty_message(source: str, entries: list[ReportEntry]) -> str:
    """Why no article loaded from ``source``: each file and its reason, or the commonest reasons."""
    if not entries:
        return f"no article could be loaded from {source}: it holds no files (put articles in it, or check the path)"
    if len(entries) <= 3:  # few files: each with its whole reason
        rows = "; ".join(f"{e.path}: {e.notes[0] if e.notes else 'no articles'}" for e in entries)
        return f"no article could be loaded from {source}: {len(entries)} file(s) skipped - {rows}"
    reasons = Counter((e.notes[0] if e.notes else "no articles")[:100] for e in entries)
    summary = "; ".join(f"{reason} ({count})" for reason, count in reasons.most_common(5))
    more = f"; and {len(reasons) - 5} other reason(s)" if len(reasons) > 5 else ""
    return (
        f"no article could be loaded from {source}: {len(entries)} file(s) skipped - {summary}{more} "
        "(see the .report attribute)"
    )
