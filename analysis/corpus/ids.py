"""Unique article ids: a repeated id becomes ``id~2``, ``id~3`` ... in the corpus order.

>>> ids = UniqueIds()
>>> [ids.unique(i) for i in ["AL-1", "AL-1", "AL-1~2", "AL-1"]]
['AL-1', 'AL-1~2', 'AL-1~2~2', 'AL-1~3']

The Dask engine reads a corpus in parts: each part's ids as read go to :func:`plan_ids`,
which names them as one whole load would, and the parts then take those names.
"""

from __future__ import annotations

from analysis.corpus.report import ReportEntry, empty_message, report_frame
from analysis.errors import EmptyCorpusError

__all__ = ["UniqueIds", "plan_ids"]


class UniqueIds:
    """The ids given so far; with ``renames`` (row -> id, from :func:`plan_ids`) the ids of a part of the corpus."""

    def __init__(self, renames: dict[int, str] | None = None):
        self.seen: dict[str, int] = {}
        #: ids already made unique over the whole corpus (row -> id); None: made unique here
        self.renames = renames
        #: the ids as read (with ``renames``), for the next plan
        self.raw_ids: list[str] = []

    def unique(self, article_id: str) -> str:
        """The id itself if new, else the first free ``id~2``, ``id~3`` ... (deterministic)."""
        if self.renames is not None:
            self.raw_ids.append(article_id)
            return self.renames.get(len(self.raw_ids) - 1, article_id)
        count = self.seen.get(article_id)
        if count is None:
            self.seen[article_id] = 1
            return article_id
        while True:
            count += 1
            candidate = f"{article_id}~{count}"
            if candidate not in self.seen:
                break
        self.seen[article_id] = count
        self.seen[candidate] = 1
        return candidate


def plan_ids(source: str, scans: list[tuple[list[str], list[ReportEntry]]]) -> list[tuple[int, dict[int, str]]]:
    """Each part's first row number and renamed ids (row -> id), from every part's ids as read.

    Repeated ids become ``id~2`` ... in the corpus order, as :func:`~analysis.corpus.load_corpus`
    names them.  Raises :class:`~analysis.errors.EmptyCorpusError` when no part holds an article.
    """
    names = UniqueIds()
    plan: list[tuple[int, dict[int, str]]] = []
    offset = 0
    for ids, _ in scans:
        renames = {}
        for row, article_id in enumerate(ids):
            unique = names.unique(article_id)
            if unique != article_id:
                renames[row] = unique
        plan.append((offset, renames))
        offset += len(ids)
    if offset == 0:
        entries = [entry for _, part in scans for entry in part]
        raise EmptyCorpusError(empty_message(source, entries), report=report_frame(entries))
    return plan
