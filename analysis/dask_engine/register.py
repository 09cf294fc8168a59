"""Registers the Dask engine's implementations with :mod:`analysis.engines`.

Imported by the registry the first time a Dask frame reaches a public function, or when
``load_corpus(..., engine="dask")`` is called; never by ``import analysis``.
"""

from __future__ import annotations

try:
    import dask.dataframe as dd
except ImportError as exc:  # dask is an optional dependency
    raise ImportError(f"engine='dask' needs Dask: pip install 'dask[dataframe,distributed]' ({exc})") from exc

from analysis import engines
from analysis.dask_engine import counting, extraction, loading

engines.term_frequency.register(dd.DataFrame)(counting.term_frequency)
engines.tfidf.register(dd.DataFrame)(counting.tfidf)
engines.keyness.register(dd.DataFrame)(counting.keyness)
engines.extract_claims.register(dd.DataFrame)(extraction.extract_claims)
engines.extract_attributions.register(dd.DataFrame)(extraction.extract_attributions)


def load_corpus(source, *, engine: str = "dask", scheduler=None, partition_size=None, **options):
    """:func:`analysis.load_corpus` on Dask (see :func:`analysis.dask_engine.loading.load_corpus`)."""
    return loading.load_corpus(source, scheduler=scheduler, partition_size=partition_size, **options)
