"""Keyness: which terms mark one group of articles against another.

The statistic is Dunning's log-likelihood G² on the full 2x2 table (the term vs all
other terms, in the target vs the reference), which is what AntConc 4 reports; its
p-value comes from the chi-squared distribution with one degree of freedom.  A
significance test alone ranks frequent words first, so every row also carries
effect sizes (Hardie's Log Ratio, %DIFF) and dispersion (how many articles of
each group use the term), the gap users point out in other tools.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis import engines
from analysis.measures.doc_terms import DocTermCounts, doc_term_counts, text_array
from analysis.measures.terms import count_terms

KEYNESS_COLUMNS = [
    "term", "count_target", "count_reference", "per_million_target", "per_million_reference",
    "doc_count_target", "doc_count_reference", "doc_share_target", "doc_share_reference",
    "log_likelihood", "p_value", "log_ratio", "percent_diff", "direction", "spelling",
]


def _g2(a: np.ndarray, b: np.ndarray, n1: float, n2: float) -> np.ndarray:
    """Log-likelihood G² of a term seen ``a`` times in ``n1`` tokens and ``b`` in ``n2``."""
    total = n1 + n2
    cells = [(a, n1 * (a + b) / total), (b, n2 * (a + b) / total),
             (n1 - a, n1 * (total - a - b) / total), (n2 - b, n2 * (total - a - b) / total)]
    g2 = np.zeros(len(a), dtype=float)
    for observed, expected in cells:
        observed = observed.astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            g2 += np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2 * g2


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
    * ``spelling``: the term as most often written, for display.

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
    options = dict(form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options)
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


def keyness_table(counts: pd.DataFrame, table: DocTermCounts, n_target: int, n_reference: int, *,
                  min_count: int = 3, top: int | None = None) -> pd.DataFrame:
    """The final stage of :func:`keyness`, shared by the engines.

    ``counts``: ``group`` (0 target, 1 reference), ``term_code``, ``count``, ``doc_count``;
    ``table`` spells the term codes; ``n_target``/``n_reference``: the number of articles.
    """
    wide = counts.pivot_table(index="term_code", columns="group", values=["count", "doc_count"], fill_value=0)
    wide = wide.reindex(columns=pd.MultiIndex.from_product([["count", "doc_count"], [0, 1]]), fill_value=0)
    a = wide[("count", 0)].to_numpy(dtype=np.int64)
    b = wide[("count", 1)].to_numpy(dtype=np.int64)
    n1, n2 = float(a.sum()), float(b.sum())
    if n1 == 0 or n2 == 0:
        raise ValueError("keyness needs terms on both sides: the target or the reference has no countable term")
    g2 = _g2(a, b, n1, n2)
    rel_a, rel_b = a / n1, b / n2
    with np.errstate(divide="ignore", invalid="ignore"):
        log_ratio = np.log2((np.maximum(a, 0.5) / n1) / (np.maximum(b, 0.5) / n2))
        percent_diff = np.where(b > 0, (rel_a - rel_b) * 100 / np.where(b > 0, rel_b, 1), np.inf)
    out = pd.DataFrame({
        "term": pd.array(table.strings(wide.index.to_numpy()), dtype="str"),
        "spelling": pd.array(table.strings(wide.index.to_numpy(), spelling=True), dtype="str"),
        "count_target": a,
        "count_reference": b,
        "per_million_target": rel_a * 1e6,
        "per_million_reference": rel_b * 1e6,
        "doc_count_target": wide[("doc_count", 0)].to_numpy(dtype=np.int64),
        "doc_count_reference": wide[("doc_count", 1)].to_numpy(dtype=np.int64),
        "doc_share_target": wide[("doc_count", 0)].to_numpy() / max(n_target, 1),
        "doc_share_reference": wide[("doc_count", 1)].to_numpy() / max(n_reference, 1),
        "log_likelihood": g2,
        "p_value": [math.erfc(math.sqrt(max(x, 0.0) / 2)) for x in g2],
        "log_ratio": log_ratio,
        "percent_diff": percent_diff,
        "direction": np.where(rel_a >= rel_b, "target", "reference"),
    })
    out = out[(out["count_target"] + out["count_reference"]) >= min_count]
    out = out.sort_values(["direction", "log_likelihood", "term"], ascending=[False, False, True], kind="stable")
    if top is not None:
        out = out.groupby("direction", sort=False).head(top)
    return out.reset_index(drop=True)[KEYNESS_COLUMNS]
