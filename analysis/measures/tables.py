"""The final stage of counting, shared by the engines: (group, term) cells to the published tables.

The pandas engine (:mod:`analysis.measures.terms`, :mod:`analysis.measures.keyness`) and the
Dask engine (:mod:`analysis.dask_engine.counting`) both count ``group, term_code, count,
doc_count`` cells (the Dask engine partition by partition, merged in a tree) and hand them
to these functions, so both return the very same frame.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import numpy as np
import pandas as pd

from analysis.errors import ColumnError, OptionError
from analysis.measures.doc_terms import DocTermCounts

PERIODS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


_BIG_TABLE = 50_000_000  # beyond this many (group, term) cells, group with pandas instead of bincount


def group_codes(articles: pd.DataFrame, by) -> tuple[np.ndarray, pd.Index]:
    """Integer group of each article and the group labels, for ``by=`` arguments.

    ``by`` is a column name, a list of them, a Series aligned with ``articles``, or one
    of ``day week month quarter year`` (periods of ``published``).  Missing values form
    their own group (NA) rather than being dropped.
    """
    if isinstance(by, str) and by in PERIODS and by not in articles:
        if "published" not in articles:
            raise ColumnError(f"by={by!r} needs a 'published' column")
        published = articles["published"]
        if getattr(published.dt, "tz", None) is not None:
            published = published.dt.tz_convert("UTC").dt.tz_localize(None)
        keys = published.dt.to_period(PERIODS[by]).rename(by)
    elif isinstance(by, pd.Series):
        keys = by
    elif isinstance(by, (list, tuple)):
        missing = [c for c in by if c not in articles]
        if missing:
            raise ColumnError(f"by: no column(s) {missing} in the articles frame")
        codes, labels = pd.MultiIndex.from_frame(articles[list(by)]).factorize(sort=True)
        return codes.astype(np.int64), pd.MultiIndex.from_tuples(list(labels), names=list(by))
    elif isinstance(by, Hashable) and by in articles:
        keys = articles[by]
    else:
        raise ColumnError(f"by={by!r}: not a column of the articles frame nor one of {', '.join(PERIODS)}")
    codes, labels = pd.factorize(keys, sort=True, use_na_sentinel=False)
    return np.asarray(codes, dtype=np.int64), pd.Index(labels, name=keys.name)


def count_terms(table: DocTermCounts, groups: np.ndarray | None = None, n_groups: int = 1) -> pd.DataFrame:
    """Sum a :class:`DocTermCounts` per group: ``group, term_code, count, doc_count``.

    ``groups[i]`` is the group of article row ``i`` (all in group 0 when None).  Each
    table cell is one (article, term) pair, so cells counted are documents.
    """
    n_terms = max(table.n_terms, 1)
    if groups is None:
        key = table.term.astype(np.int64)
        n_groups = 1
    else:
        key = groups[table.article].astype(np.int64) * n_terms + table.term
    if n_groups * n_terms <= _BIG_TABLE:
        count = np.bincount(key, weights=table.count, minlength=n_groups * n_terms)
        docs = np.bincount(key, minlength=n_groups * n_terms)
        cells = np.flatnonzero(docs)
        count, docs = count[cells], docs[cells]
    else:
        frame = pd.DataFrame({"key": key, "count": table.count})
        summed = frame.groupby("key", sort=True)["count"].agg(["sum", "size"])
        cells, count, docs = summed.index.to_numpy(), summed["sum"].to_numpy(), summed["size"].to_numpy()
    return pd.DataFrame({"group": cells // n_terms, "term_code": cells % n_terms,
                         "count": count.astype(np.int64), "doc_count": docs.astype(np.int64)})


def frequency_table(counts: pd.DataFrame, labels: pd.Index | None, table: DocTermCounts, *, min_count: int = 1,
                    top: int | None = None) -> pd.DataFrame:
    """The final stage of :func:`term_frequency`, shared by the engines.

    ``counts``: ``group, term_code, count, doc_count`` (one row per cell, any order);
    ``labels``: the group labels by code (None: one group, no group column); ``table``
    spells term codes (:meth:`DocTermCounts.strings`).  Shares, ``min_count``, ``top``
    and the order (group, count descending, term) are decided here only.
    """
    counts = counts.reset_index(drop=True)
    counts["share"] = counts["count"] / counts.groupby("group")["count"].transform("sum")
    if min_count > 1:
        counts = counts[counts["count"] >= min_count]
    if top is not None:
        # Spell out only the rows that can make the top (ties at the edge included).
        ordered = counts.sort_values(["group", "count"], ascending=[True, False], kind="stable")
        nth = ordered.groupby("group")["count"].nth(top - 1)
        edge = pd.Series(nth.to_numpy(), index=ordered.loc[nth.index, "group"].to_numpy())
        counts = counts[counts["count"] >= counts["group"].map(edge).fillna(0).to_numpy()]
    codes = counts["term_code"].to_numpy()
    out = pd.DataFrame({
        "term": pd.array(table.strings(codes), dtype="str"),
        "count": counts["count"].to_numpy(),
        "doc_count": counts["doc_count"].to_numpy(),
        "share": counts["share"].to_numpy(),
        "spelling": pd.array(table.strings(codes, spelling=True), dtype="str"),
        "_group": counts["group"].to_numpy(),
    })
    out = out.sort_values(["_group", "count", "term"], ascending=[True, False, True], kind="stable")
    if top is not None:
        out = out.groupby("_group", sort=False).head(top)
    if labels is not None:
        out = _insert_group_columns(out, labels)
    return out.drop(columns="_group").reset_index(drop=True)


def _insert_group_columns(frame: pd.DataFrame, labels: pd.Index) -> pd.DataFrame:
    codes = frame["_group"].to_numpy()
    if isinstance(labels, pd.MultiIndex):
        for level, name in enumerate(labels.names):
            frame.insert(level, name, labels.get_level_values(level)[codes])
    else:
        frame.insert(0, labels.name if labels.name is not None else "group", labels[codes])
    return frame


def tfidf_table(counts: pd.DataFrame, labels: pd.Index, table: DocTermCounts, *, top: int | None = 10) -> pd.DataFrame:
    """The final stage of :func:`tfidf`, shared by the engines (arguments as :func:`frequency_table`).

    ``labels`` holds every document, including those without a counted term: their
    number is N in the idf.
    """
    counts = counts.reset_index(drop=True)
    n_docs = len(labels)
    df = np.bincount(counts["term_code"].to_numpy(), minlength=table.n_terms)
    idf = np.log((1 + n_docs) / (1 + df)) + 1
    tf = counts["count"] / counts.groupby("group")["count"].transform("sum")
    term_idf = idf[counts["term_code"].to_numpy()]
    out = pd.DataFrame({
        "term": pd.array(table.strings(counts["term_code"]), dtype="str"),
        "count": counts["count"].to_numpy(),
        "tf": tf.to_numpy(),
        "doc_count": df[counts["term_code"].to_numpy()],
        "idf": term_idf,
        "tfidf": tf.to_numpy() * term_idf,
        "spelling": pd.array(table.strings(counts["term_code"], spelling=True), dtype="str"),
        "_group": counts["group"].to_numpy(),
    })
    out = out.sort_values(["_group", "tfidf", "term"], ascending=[True, False, True], kind="stable")
    if top is not None:
        out = out.groupby("_group", sort=False).head(top)
    return _insert_group_columns(out, labels).drop(columns="_group").reset_index(drop=True)


KEYNESS_COLUMNS = [
    "term", "count_target", "count_reference", "per_million_target", "per_million_reference",
    "doc_count_target", "doc_count_reference", "doc_share_target", "doc_share_reference",
    "log_likelihood", "p_value", "log_ratio", "percent_diff", "direction", "spelling",
]


def g2_statistic(a: np.ndarray, b: np.ndarray, n1: float, n2: float) -> np.ndarray:
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
        raise OptionError("keyness needs terms on both sides: the target or the reference has no countable term")
    g2 = g2_statistic(a, b, n1, n2)
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
