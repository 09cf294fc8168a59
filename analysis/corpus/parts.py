"""A corpus read in parts, for the Dask engine: the same loader, one run of inputs at a time.

``load_corpus(engine="dask")`` reads the corpus with these: :func:`list_inputs` (eager,
reads no article), :func:`load_inputs` per part with ``scan=True`` (the ids as read),
:func:`~analysis.corpus.ids.plan_ids` (ids made unique in the global order), then
:func:`load_inputs` per part again (the rows).  Concatenated, the parts equal
:func:`~analysis.corpus.load_corpus`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from analysis.corpus.archives import archive_sizes
from analysis.corpus.formats import classify
from analysis.corpus.intake import Intake
from analysis.corpus.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_RATIO
from analysis.corpus.options import load_options, source_path
from analysis.corpus.problems import printable
from analysis.corpus.report import LoadReport, ReportEntry
from analysis.corpus.walk import is_dir, list_files

__all__ = ["list_inputs", "load_inputs"]


def list_inputs(source: str | os.PathLike[str]) -> tuple[str, list[tuple]]:
    """The inputs :func:`~analysis.corpus.load_corpus` reads from ``source``, in its order, with their sizes in bytes.

    Items: ``("folder", display, error)`` (a folder that cannot be listed), ``("file", display,
    rel, path, size)`` and ``("archive", display, rel, path, sizes)`` with the size of each
    file inside (a compressed tar is streamed through once for this; no article is parsed).
    """
    path, display = source_path(source)
    if not is_dir(path):
        return display, [_input(display, path.name, path)]
    files, unreadable = list_files(path)
    items: list[tuple] = [("folder", os.path.join(display, printable(rel)), exc) for rel, exc in unreadable]
    items += [_input(os.path.join(display, printable(rel)), rel, file) for rel, file in files]
    return display, items


def _input(display: str, rel: str, path: Path) -> tuple:
    kind, _ = classify(rel)
    if kind in ("tar", "zip"):
        return ("archive", display, rel, path, archive_sizes(path, kind))
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return ("file", display, rel, path, size)


def load_inputs(
    items: list[tuple],
    *,
    format: str | None = None,
    columns: Mapping[str, str] | None = None,
    encoding: str | None = None,
    renames: dict[int, str] | None = None,
    offset: int = 0,
    scan: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_ratio: float | None = DEFAULT_MAX_RATIO,
) -> tuple[pd.DataFrame | None, LoadReport, list[str], list[ReportEntry]]:
    """Load a run of :func:`list_inputs` items as :func:`~analysis.corpus.load_corpus` loads them within the whole.

    An archive may come as ``("members", display, rel, path, start, stop)``: its files
    ``start`` to ``stop - 1`` (``stop=None``: to the end, reporting the archive's damage).
    ``renames`` (row -> id, from :func:`~analysis.corpus.ids.plan_ids`) replaces the in-part
    renaming of repeated ids; ``offset`` is the part's first row number in the corpus.
    Returns the articles (None when no row loaded, or with ``scan=True``, which only reads),
    the load report, the ids as read and the report entries.  Other options as ``load_corpus``.
    """
    options = load_options(format, columns, encoding, False, max_bytes, max_ratio)
    intake = Intake(options, False, renames={} if renames is None else renames)
    for item in items:
        if item[0] == "folder":
            intake.add_unreadable(item[1], item[2])
        elif item[0] == "members":
            intake.add_path(item[1], item[2], item[3], item[4], item[5])
        else:
            intake.add_path(item[1], item[2], item[3])
    articles = None
    if intake.rows.row_entry and not scan:
        articles = intake.frame(items[0][1])
        articles.index = pd.RangeIndex(offset, offset + len(articles))
        articles.attrs.clear()
    return articles, intake.report(), intake.ids.raw_ids, intake.entries
