"""Term frequency tables over an articles frame: counts, shares, TF-IDF, by any grouping.

Everything here aggregates the sparse document-term table of
:func:`analysis.doc_terms.doc_term_counts` (surface, normalised or clitic-stripped
terms, n-grams), so a corpus is tokenised once per call and grouped with NumPy.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .doc_terms import DocTermCounts, check_form, corpus_stemmer, doc_term_counts, text_array
from .normalize import normalize_many, normalizer
from .stopwords import resolve_stopwords
from .tokens import tokenize_many

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
    n_terms = max(len(table.terms), 1)
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
    """
    table = doc_term_counts(articles, form=form, ngram=ngram, stopwords=stopwords,
                            normalize_options=normalize_options)
    if by is None:
        counts = count_terms(table)
        labels = None
    else:
        groups, labels = group_codes(articles, by)
        counts = count_terms(table, groups, len(labels))
    if min_count > 1:
        counts = counts[counts["count"] >= min_count]
    totals = counts.groupby("group")["count"].transform("sum")
    out = pd.DataFrame({
        "term": _strings(table.terms, counts["term_code"]),
        "count": counts["count"].to_numpy(),
        "doc_count": counts["doc_count"].to_numpy(),
        "share": (counts["count"] / totals).to_numpy(),
        "spelling": _strings(table.spellings, counts["term_code"]),
        "_group": counts["group"].to_numpy(),
    })
    out = out.sort_values(["_group", "count", "term"], ascending=[True, False, True], kind="stable")
    if top is not None:
        out = out.groupby("_group", sort=False).head(top)
    if labels is not None:
        out = _insert_group_columns(out, labels)
    return out.drop(columns="_group").reset_index(drop=True)


def _strings(values: list[str], codes) -> pd.arrays.ArrowStringArray:
    """``values[code]`` for each code, as a pandas string array."""
    picked = np.asarray(values, dtype=object)[np.asarray(codes)] if len(values) else []
    return pd.array(picked, dtype="str")


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
    """
    table = doc_term_counts(articles, form=form, ngram=ngram, stopwords=stopwords,
                            normalize_options=normalize_options)
    groups, labels = group_codes(articles, by)
    counts = count_terms(table, groups, len(labels))
    n_docs = len(labels)
    df = np.bincount(counts["term_code"].to_numpy(), minlength=len(table.terms))
    idf = np.log((1 + n_docs) / (1 + df)) + 1
    tf = counts["count"] / counts.groupby("group")["count"].transform("sum")
    term_idf = idf[counts["term_code"].to_numpy()]
    out = pd.DataFrame({
        "term": _strings(table.terms, counts["term_code"]),
        "count": counts["count"].to_numpy(),
        "tf": tf.to_numpy(),
        "doc_count": df[counts["term_code"].to_numpy()],
        "idf": term_idf,
        "tfidf": tf.to_numpy() * term_idf,
        "spelling": _strings(table.spellings, counts["term_code"]),
        "_group": counts["group"].to_numpy(),
    })
    out = out.sort_values(["_group", "tfidf", "term"], ascending=[True, False, True], kind="stable")
    if top is not None:
        out = out.groupby("_group", sort=False).head(top)
    return _insert_group_columns(out, labels).drop(columns="_group").reset_index(drop=True)


@dataclass
class TermStream:
    """Counted term occurrences in reading order: ``codes[i]`` into ``terms``, in article ``article[i]``."""

    terms: list[str]
    codes: np.ndarray
    article: np.ndarray
    n_articles: int


def term_stream(
    articles: pd.DataFrame,
    *,
    form: str = "normalized",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    normalize_options: Mapping[str, bool] | None = None,
) -> TermStream:
    """Every kept term occurrence in reading order (TRANSITIONAL: prefer ``doc_term_counts(...).spellings``).

    Streams of two forms over the same articles are aligned position by position.
    n-grams here are consecutive kept words of one article.
    """
    check_form(form, ngram)
    options = dict(normalize_options or {})
    stream = tokenize_many(text_array(articles))
    normalized = normalize_many(stream.vocabulary, **options)
    stops = resolve_stopwords(stopwords)
    keep_word = np.fromiter((bool(w) and w not in stops for w in normalized), dtype=bool, count=len(normalized))
    if form == "surface":
        words = stream.vocabulary
    elif form == "normalized":
        words = normalized
    else:
        counts = np.bincount(stream.codes, minlength=len(normalized))
        stem = corpus_stemmer(normalized, counts, normalizer(**options))
        words = [stem(w) for w in stream.vocabulary]
    word_codes, uniques = pd.factorize(pd.Index(words, dtype=object))
    keep = keep_word[stream.codes]
    codes, article, terms = word_codes[stream.codes][keep], stream.article[keep], list(uniques)
    if ngram > 1:
        m = len(codes) - ngram + 1
        same = article[: max(m, 0)] == article[ngram - 1:]
        keys = [tuple(codes[i: i + ngram]) for i in np.flatnonzero(same).tolist()]
        gram_codes, grams = pd.factorize(pd.Index(keys, dtype=object))
        terms = [" ".join(terms[c] for c in g) for g in grams]
        codes, article = gram_codes, article[np.flatnonzero(same)]
    return TermStream(terms, np.asarray(codes, dtype=np.int64), article, len(articles))
