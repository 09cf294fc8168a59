"""``load_corpus(source, engine="dask")``: the articles frame as a lazy Dask DataFrame.

How it reads (every step calls the pandas engine's loader in :mod:`analysis.corpus`, so
both engines read files identically):

1. **listing** (eager, reads no article): :func:`analysis.corpus.parts.list_inputs` walks the
   folder in load order; an archive's member sizes are listed too (a ``.tar.gz`` is
   streamed through once for that, about 1 s for the ANT archive's 111 MB);
2. **partitions**: consecutive inputs are grouped into parts of about ``partition_size``
   bytes of input (64 MB by default); a large archive is cut into runs of members, each
   part streaming the archive and reading its own run only;
3. **ids**: a repeated ``article_id`` becomes ``id~2`` in corpus order, which the parts
   cannot decide alone.  A first lazy pass reads each part and keeps only its ids
   (:func:`analysis.corpus.parts.load_inputs` with ``scan=True``); one small task renames the
   repeats over the whole list and gives each part its first row number
   (:func:`analysis.corpus.ids.plan_ids`); the second pass reads the part again and builds its
   rows with those ids and a global index.  Reading twice costs far less than holding every
   part in memory until the last id is known, so memory stays bounded by a few parts.

The load report is :func:`load_report` (computed on demand; ``lazy=True`` gives it as a
one-partition Dask frame to compute with the articles: ``dask.compute(articles, report)``
reads each file once for the rows).  Archives whose files add up to more than ``max_bytes``
are not cut (the loader's limit is counted per archive, as with pandas); a zip whose headers
understate its members' sizes may be cut where pandas would stop reading it.
Extra record fields (JSON/CSV columns beyond :data:`analysis.corpus.ARTICLE_COLUMNS`) are
not kept: the frame's columns must be known before any file is read.
"""

from __future__ import annotations

import operator
from typing import Any

import dask
import dask.dataframe as dd
import pandas as pd
from dask.utils import parse_bytes

from analysis.corpus.columns import empty_articles
from analysis.corpus.ids import plan_ids
from analysis.corpus.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_RATIO
from analysis.corpus.parts import list_inputs, load_inputs
from analysis.corpus.report import LoadReport
from analysis.dask_engine.cluster import client, compute
from analysis.errors import CorpusFormatError, OptionError

#: input bytes per partition when ``partition_size`` is None
DEFAULT_PARTITION_SIZE = 64_000_000
_REPORT = "_analysis_load_report"


def partitions(items: list[tuple], partition_size: int, max_bytes: int | None = None) -> list[list[tuple]]:
    """Group :func:`analysis.corpus.parts.list_inputs` items into parts of about ``partition_size`` bytes.

    A part closes once it holds ``partition_size`` bytes or more; archives are cut between
    members (``("members", display, rel, path, start, stop)``, the last run with
    ``stop=None`` so that it also reports damage at the archive's end).  An archive whose
    files add up to more than ``max_bytes`` stays whole: the loader stops reading it at
    that limit, which only one reader of the whole archive decides as the pandas engine does.

    >>> items = [("file", "a.txt", "a.txt", None, 60), ("file", "b.txt", "b.txt", None, 60),
    ...          ("archive", "c.zip", "c.zip", None, [50, 50, 50])]
    >>> [[(i[1], *i[4:]) for i in part] for part in partitions(items, 100)]
    [[('a.txt', 60), ('b.txt', 60)], [('c.zip', 0, 2)], [('c.zip', 2, None)]]
    """
    parts: list[list[tuple]] = []
    current: list[tuple] = []
    size = 0
    for item in items:
        if item[0] != "archive":
            current.append(item)
            size += item[4] if item[0] == "file" else 0
        else:
            kind, display, rel, path, sizes = item
            if max_bytes is not None and sum(sizes) > max_bytes:
                sizes = [sum(sizes)]
            start = 0
            while True:
                stop = start
                while stop < len(sizes) and size < partition_size:
                    size += sizes[stop]
                    stop += 1
                current.append(("members", display, rel, path, start, None if stop >= len(sizes) else stop))
                if stop >= len(sizes):
                    break
                parts.append(current)
                current, size, start = [], 0, stop
        if size >= partition_size:
            parts.append(current)
            current, size = [], 0
    if current:
        parts.append(current)
    return parts


def _scan(part: list[tuple], options: dict[str, Any]) -> tuple[list[str], list]:
    _, _, ids, entries = load_inputs(part, scan=True, **options)
    return ids, entries


def _load(part: list[tuple], options: dict[str, Any], plan: list[tuple[int, dict[int, str]]], number: int):
    # The whole plan, not plan[number]: depending on one shared task makes the loads "root-ish",
    # so the scheduler hands out a few at a time instead of loading every partition ahead.
    offset, renames = plan[number]
    articles, report, _, _ = load_inputs(part, renames=renames, offset=offset, **options)
    meta = empty_articles()
    if articles is None:
        articles = meta.set_axis(pd.RangeIndex(offset, offset))
    return articles[list(meta.columns)], report


def _concat_reports(reports: list[pd.DataFrame]) -> LoadReport:
    return LoadReport(pd.concat(reports, ignore_index=True))


def load_corpus(
    source,
    *,
    format: str | None = None,
    columns=None,
    encoding: str | None = None,
    progress: bool | None = None,
    scheduler: Any = None,
    partition_size: int | str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_ratio: float | None = DEFAULT_MAX_RATIO,
) -> dd.DataFrame:
    """The articles frame of ``source`` as a lazy Dask DataFrame (see the module notes).

    Options as :func:`analysis.load_corpus`; ``progress`` is ignored (Dask's own
    progress bars and dashboard show the work); ``partition_size``: input bytes per
    partition, an int or a string such as ``"64MB"``; ``scheduler``: where it computes
    (see :func:`analysis.dask_engine.client`).  Missing paths and bad options raise at
    once; an empty corpus raises :class:`~analysis.errors.EmptyCorpusError` when computed.

    After ``.compute()`` the frame equals ``load_corpus(source)`` (same rows, order, ids,
    index and dtypes), without extra record fields.
    """
    size = parse_bytes(partition_size) if isinstance(partition_size, str) else partition_size
    if size is None:
        size = DEFAULT_PARTITION_SIZE
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise CorpusFormatError(f"partition_size= must be a positive number of bytes, not {partition_size!r}")
    options = {"format": format, "columns": columns, "encoding": encoding, "max_bytes": max_bytes,
               "max_ratio": max_ratio}
    _, no_report, _, _ = load_inputs([], **options)  # checks the options now
    display, items = list_inputs(source)
    parts = partitions(items, size, max_bytes)
    if not parts:
        plan_ids(display, [])  # raises EmptyCorpusError: nothing to read
    client(scheduler)  # connect (or start the local cluster) now; computing later uses it
    scans = [dask.delayed(_scan, pure=True)(part, options) for part in parts]
    plan = dask.delayed(plan_ids, pure=True)(display, scans)
    loads = [dask.delayed(_load, pure=True)(part, options, plan, i) for i, part in enumerate(parts)]
    frames = [dask.delayed(operator.getitem, pure=True)(loaded, 0) for loaded in loads]
    articles = dd.from_delayed(frames, meta=empty_articles(), verify_meta=False)
    report = dask.delayed(_concat_reports, pure=True)([dask.delayed(operator.getitem, pure=True)(x, 1)
                                                        for x in loads])
    setattr(articles, _REPORT, dd.from_delayed([report], meta=pd.DataFrame(no_report), verify_meta=False))
    return articles


def load_report(articles: dd.DataFrame, *, lazy: bool = False, scheduler: Any = None):
    """The load report of a frame from ``load_corpus(..., engine="dask")``: one row per input file.

    The same frame as the pandas engine's ``articles.attrs["load_report"]``.  Computing it
    reads the corpus (the ids pass and the rows pass); ``lazy=True`` returns it as a
    one-partition Dask frame instead, to compute with the articles in one go (each file
    is then read once for the rows):
    ``articles_df, report = dask.compute(articles, load_report(articles, lazy=True))``.
    """
    report = getattr(articles, _REPORT, None)
    if report is None:
        raise OptionError("load_report needs the frame returned by load_corpus(..., engine='dask') itself, "
                         "not one derived from it")
    return report if lazy else LoadReport(compute(report, scheduler=scheduler)[0])
