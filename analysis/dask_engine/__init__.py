"""The same analysis on Dask, for corpora that do not fit in memory; results equal the pandas engine's.

``load_corpus(source, engine="dask")`` returns a lazy ``dask.dataframe.DataFrame`` with the
articles frame's columns and dtypes, read in parts of about ``partition_size`` bytes of input
(groups of files, or runs of members of an archive).  The public functions accept it:

* :func:`analysis.term_frequency`, :func:`analysis.tfidf` and :func:`analysis.keyness` count
  each partition, merge the counts in a tree and return the same **pandas** frame as the pandas
  engine (term tables are small);
* :func:`analysis.extract_claims` and :func:`analysis.extract_attributions` run partition by
  partition and return a lazy Dask frame whose ``.compute().reset_index(drop=True)`` equals the
  pandas result (each partition's index starts at 0, as Dask frames usually do).

Everything computes on :func:`client`: the current ``dask.distributed`` client if there is one,
a cluster whose address is given (``scheduler="tcp://..."`` or Dask's ``scheduler-address``
setting), one of Dask's local schedulers when Dask's ``scheduler`` setting names one, else a
local cluster (one single-threaded worker process per core, no dashboard, loopback only) that
closes when Python exits.

This package imports Dask only when one of its functions runs, so ``import analysis`` works
without Dask installed.
"""

from __future__ import annotations

import importlib
from typing import Any

from analysis.engines import ENGINES

_LAZY = {
    "client": "cluster",
    "close": "cluster",
    "load_report": "loading",
    "partitions": "loading",
    "term_frequency": "counting",
    "tfidf": "counting",
    "keyness": "counting",
    "extract_claims": "extraction",
    "extract_attributions": "extraction",
}

__all__ = ["ENGINES", "is_dask", "load_corpus", *_LAZY]


def is_dask(obj: Any) -> bool:
    """Whether ``obj`` is a Dask collection (checked without importing Dask).

    >>> import pandas as pd
    >>> is_dask(pd.DataFrame({"text": ["خبر"]}))
    False
    """
    return type(obj).__module__.split(".", 1)[0] == "dask" and hasattr(obj, "__dask_graph__")


def load_corpus(source, **options):
    """:func:`analysis.load_corpus` with ``engine="dask"`` (a lazy Dask frame)."""
    from analysis.corpus.loader import load_corpus as load

    return load(source, **{"engine": "dask", **options})


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
