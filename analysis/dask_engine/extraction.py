"""Claims and attributions of a Dask DataFrame, partition by partition.

Both extractors read one article at a time (a continuation such as "وأضاف" looks back
within its article only), so each partition is handed to the pandas function as it is
and the results are lazy Dask frames with the pandas frame's columns and dtypes (the
``meta`` is the pandas function's output on no article).  Rows come in article order,
as the pandas engine returns them; each partition's index starts at 0, so
``result.compute().reset_index(drop=True)`` equals the pandas result.

``attach_sources`` and ``compare_claims`` stay pandas-only: they take the computed frames.
"""

from __future__ import annotations

from typing import Any

import dask
import dask.dataframe as dd
import pandas as pd

from analysis.dask_engine import is_dask
from analysis.sources.attribution.context import attribution_tables
from analysis.sources.attribution.frame import attributions_frame


def extract_attributions(articles: dd.DataFrame, *, agencies: Any = None, verbs: Any = None) -> dd.DataFrame:
    """:func:`analysis.extract_attributions` of each partition, as a lazy Dask frame.

    Each partition runs the pandas work (:func:`attributions_frame`), not the public function
    that dispatched here; tables of the user's are compiled once and shipped once.
    """
    tables = attribution_tables(agencies, verbs)
    meta = attributions_frame(articles._meta, tables)
    # the shipped tables are compiled on each worker (cached); a user's are shipped once, not in every task
    shared = dask.delayed(tables) if agencies is not None or verbs is not None else None
    return articles.map_partitions(attributions_frame, shared, meta=meta, enforce_metadata=False,
                                   align_dataframes=False)


def extract_claims(articles: dd.DataFrame, *, attributions: Any = None, include_non_claims: bool = False,
                   places: Any = None) -> dd.DataFrame:
    """:func:`analysis.extract_claims` of each partition, as a lazy Dask frame.

    ``attributions=None`` (or True) finds each partition's attributions on the way, as the
    pandas engine does for the whole; ``False`` skips sources; a pandas attributions frame
    is shared with every partition; a Dask one is computed first (it is much smaller than
    the texts).  ``places`` (a user's gazetteer entries) is read once and shared.
    Each partition runs :func:`analysis.claims.frame.claims_of_articles`, the pandas-only
    function (the public one would dispatch back here).
    """
    from analysis.claims.frame import claims_of_articles
    from analysis.claims.places import gazetteer

    if is_dask(attributions):
        attributions = attributions.compute()
    shared = dask.delayed(attributions) if isinstance(attributions, pd.DataFrame) else attributions
    table = None if places is None else gazetteer(places)  # a user's file is read (and checked) once
    meta = claims_of_articles(articles._meta, attributions=attributions, include_non_claims=include_non_claims,
                              places=table)
    return articles.map_partitions(claims_of_articles, attributions=shared, include_non_claims=include_non_claims,
                                   places=None if table is None else dask.delayed(table), meta=meta,
                                   enforce_metadata=False, align_dataframes=False)
