"""Term frequency tables over an articles frame: counts, shares, TF-IDF, by any grouping.

Everything here aggregates the sparse document-term table of
:func:`analysis.doc_terms.doc_term_counts` (surface, normalised or clitic-stripped
terms, n-grams), so a corpus is tokenised once per call and grouped with NumPy.

Each function counts (group, term) cells, then hands them to a final stage
(:func:`frequency_table`, :func:`tfidf_table`) that both engines share: given a Dask
DataFrame, :mod:`analysis.dask_engine.counting` counts partition by partition, merges
the cells and calls the same final stage, so the results are identical.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis import engines
from analysis.measures.doc_terms import DocTermCounts, doc_term_counts

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
            raise KeyError(f"by={by!r} needs a 'published' column")
        published = articles["published"]
        if getattr(published.dt, "tz", None) is not None:
            published = published.dt.tz_convert("UTC").dt.tz_localize(None)
        keys = published.dt.to_period(PERIODS[by]).rename(by)
    elif isinstance(by, pd.Series):
        keys = by
    elif isinstance(by, (list, tuple)):
        missing = [c for c in by if c not in articles]
        if missing:
            raise KeyError(f"by: no column(s) {missing} in the articles frame")
        codes, labels = pd.MultiIndex.from_frame(articles[list(by)]).factorize(sort=True)
        return codes.astype(np.int64), pd.MultiIndex.from_tuples(list(labels), names=list(by))
    elif isinstance(by, Hashable) and by in articles:
        keys = articles[by]
    else:
        raise KeyError(f"by={by!r}: not a column of the articles frame nor one of {', '.join(PERIODS)}")
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


def term_frequency(
    articles: pd.DataFrame,
    *,
    form: str = "normalized",
    by=None,
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    min_count: int = 1,
    top: int | None = None,
    normalize_options: Mapping[str, bool] | None = None,
) -> pd.DataFrame:
    """Count terms: ``term, count, doc_count, share, spelling`` (+ the ``by`` column(s) first).

    ``form``: ``"surface"`` (as written), ``"normalized"`` (alef/yeh/diacritics/digits
    ... see :func:`analysis.normalize.normalize`) or ``"stem"`` (clitics stripped, see
    :mod:`analysis.stemming`).  ``share`` is the term's part of all counted terms in its
    group; ``doc_count`` the number of articles using it; ``spelling`` how the term is
    most often written in the corpus ("إدلب" for the normalised "ادلب"), for display.  ``by`` groups by a column
    (``"outlet"``), several, or a period of ``published`` (``"month"``).  ``top`` keeps
    the most frequent terms of each group.  Rows are sorted by group, then count.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                      "text": ["أكّد المتحدث أن المعارضة في إدلب", "والمعارضة فى ادلب، قال المتحدث"]})
    >>> term_frequency(arts)[["term", "count", "doc_count"]].values.tolist()[:3]
    [['ادلب', 2, 2], ['المتحدث', 2, 2], ['اكد', 1, 1]]
    >>> term_frequency(arts, form="stem", top=3)[["term", "count"]].values.tolist()
    [['ادلب', 2], ['متحدث', 2], ['معارضة', 2]]
    >>> term_frequency(arts, by="outlet", ngram=2)[["outlet", "term", "count"]].values.tolist()
    [['X', 'اكد المتحدث', 1]]

    ``articles`` may be a Dask DataFrame (``load_corpus(..., engine="dask")``): the same
    table comes back, as a pandas frame (see :mod:`analysis.dask_engine`).
    """
    if on_engine := engines.term_frequency.dispatch(articles):
        return on_engine(articles, form=form, by=by, ngram=ngram, stopwords=stopwords, min_count=min_count, top=top,
                       normalize_options=normalize_options)
    table = doc_term_counts(articles, form=form, ngram=ngram, stopwords=stopwords,
                            normalize_options=normalize_options)
    if by is None:
        counts = count_terms(table)
        labels = None
    else:
        groups, labels = group_codes(articles, by)
        counts = count_terms(table, groups, len(labels))
    return frequency_table(counts, labels, table, min_count=min_count, top=top)


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


def tfidf(
    articles: pd.DataFrame,
    *,
    by: str | Sequence[str] | pd.Series = "article_id",
    form: str = "normalized",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    top: int | None = 10,
    normalize_options: Mapping[str, bool] | None = None,
) -> pd.DataFrame:
    """TF-IDF of terms per document, where a document is an article or any ``by`` group.

    Columns: the ``by`` column, ``term, count, tf, doc_count, idf, tfidf, spelling``, sorted by
    document then ``tfidf``.  ``tf`` is the term's share of the document's terms;
    ``idf = ln((1 + N) / (1 + df)) + 1`` (smoothed, as scikit-learn does) with N
    documents and df the documents that use the term.  ``top`` keeps the best terms of
    each document (None keeps all).

    >>> arts = pd.DataFrame({"article_id": ["a", "b"],
    ...                      "text": ["داعش داعش إدلب", "إدلب حماة"]})
    >>> tfidf(arts, top=1)[["article_id", "term"]].values.tolist()
    [['a', 'داعش'], ['b', 'حماة']]

    ``articles`` may be a Dask DataFrame: the same table comes back, as a pandas frame.
    """
    if on_engine := engines.tfidf.dispatch(articles):
        return on_engine(articles, by=by, form=form, ngram=ngram, stopwords=stopwords, top=top,
                       normalize_options=normalize_options)
    table = doc_term_counts(articles, form=form, ngram=ngram, stopwords=stopwords,
                            normalize_options=normalize_options)
    groups, labels = group_codes(articles, by)
    counts = count_terms(table, groups, len(labels))
    return tfidf_table(counts, labels, table, top=top)


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
