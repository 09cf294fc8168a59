"""Keyness: which terms mark one group of articles against another.

The statistic is Dunning's log-likelihood G² on the full 2x2 table (the term vs all
other terms, in the target vs the reference), which is what AntConc 4 reports; its
p-value comes from the chi-squared distribution with one degree of freedom.  A
significance test alone ranks frequent words first, so every row also carries
effect sizes (Hardie's Log Ratio, %DIFF) and dispersion (how many articles of
each group use the term), the gap users point out in other tools.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis import engines
from analysis.measures.doc_terms import doc_term_counts, text_array
from analysis.measures.tables import count_terms, keyness_table


def keyness(
    target: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    form: str = "normalized",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    min_count: int = 3,
    top: int | None = None,
    normalize_options: Mapping[str, bool] | None = None,
    fold=False,
) -> pd.DataFrame:
    """Terms over- and under-used in ``target`` articles compared with ``reference`` ones.

    Both arguments are articles frames (filter one corpus with pandas, e.g. by outlet
    or period).  Columns:

    * ``count_*``, ``per_million_*``: raw and normalised frequencies;
    * ``doc_count_*``, ``doc_share_*``: articles using the term, and their share;
    * ``log_likelihood`` (G², 2x2 table) and ``p_value`` (chi², 1 d.f.);
    * ``log_ratio``: log2 of the ratio of relative frequencies (Hardie 2014), zero
      counts smoothed by 0.5; +1 means twice as frequent in the target;
    * ``percent_diff``: %DIFF (Gabrielatos & Marchi 2012);
    * ``direction``: ``"target"`` (over-used there) or ``"reference"``;
    * ``spelling``: the term as most often written, for display (with ``fold=True``,
      spelling variants count as one term and ``spelling`` lists them: "ترامب / ترمب").

    For content rather than page furniture, compare :func:`analysis.content_view` copies
    with ``fold=True`` (see :mod:`analysis.measures.furniture`).

    Rows with fewer than ``min_count`` occurrences in both groups together are left
    out.  Sorted by direction (target first) then G² descending; ``top`` keeps that
    many rows per direction.

    >>> t = pd.DataFrame({"article_id": ["t1", "t2"], "text": ["داعش في إدلب", "داعش ينسحب من إدلب"]})
    >>> r = pd.DataFrame({"article_id": ["r1", "r2"], "text": ["ترامب في واشنطن", "ترامب وإدلب"]})
    >>> keyness(t, r, min_count=2)[["term", "count_target", "count_reference", "direction"]].values.tolist()
    [['ادلب', 2, 0, 'target'], ['داعش', 2, 0, 'target'], ['ترامب', 0, 2, 'reference']]
    >>> keyness(t, r, form="stem", min_count=2)[["term", "count_target", "count_reference"]].values.tolist()[:2]
    [['داعش', 2, 0], ['ادلب', 2, 1]]

    Either argument may be a Dask DataFrame (the other may stay pandas): the same table
    comes back, as a pandas frame (see :mod:`analysis.dask_engine`).
    """
    options = dict(form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options, fold=fold)
    if on_engine := engines.keyness.dispatch(target) or engines.keyness.dispatch(reference):
        return on_engine(target, reference, min_count=min_count, top=top, **options)
    # Concatenate the texts only: frames from different loads carry different attrs.
    chunks = [c.cast(pa.large_string()) for frame in (target, reference) for c in text_array(frame).chunks]
    both = pd.DataFrame({"text": pd.arrays.ArrowStringArray(pa.chunked_array(chunks, type=pa.large_string()))})
    table = doc_term_counts(both, **options)
    groups = np.zeros(len(both), dtype=np.int64)
    groups[len(target):] = 1
    counts = count_terms(table, groups, 2)
    return keyness_table(counts, table, len(target), len(reference), min_count=min_count, top=top)


