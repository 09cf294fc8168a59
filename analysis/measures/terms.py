"""Term frequency tables over an articles frame: counts, shares, TF-IDF, by any grouping.

Everything here aggregates the sparse document-term table of
:func:`analysis.measures.doc_terms.doc_term_counts` (surface, normalised or clitic-stripped
terms, n-grams), so a corpus is tokenised once per call and grouped with NumPy.

Each function counts (group, term) cells, then hands them to a final stage
(:func:`frequency_table`, :func:`tfidf_table`) that both engines share: given a Dask
DataFrame, :mod:`analysis.dask_engine.counting` counts partition by partition, merges
the cells and calls the same final stage, so the results are identical.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from analysis import engines
from analysis.measures.doc_terms import doc_term_counts
from analysis.measures.tables import count_terms, frequency_table, group_codes, tfidf_table


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
    fold=False,
) -> pd.DataFrame:
    """Count terms: ``term, count, doc_count, share, spelling`` (+ the ``by`` column(s) first).

    ``form``: ``"surface"`` (as written), ``"normalized"`` (alef/yeh/diacritics/digits
    ... see :func:`analysis.text.normalize.normalize`) or ``"stem"`` (clitics stripped, see
    :mod:`analysis.stemming`).  ``share`` is the term's part of all counted terms in its
    group; ``doc_count`` the number of articles using it; ``spelling`` how the term is
    most often written in the corpus ("إدلب" for the normalised "ادلب"), for display.  ``by`` groups by a column
    (``"outlet"``), several, or a period of ``published`` (``"month"``).  ``top`` keeps
    the most frequent terms of each group.  Rows are sorted by group, then count.
    ``fold=True`` counts spelling variants as one term (``"الأميركية"`` as ``"الامريكية"``,
    ``"ترمب"`` as ``"ترامب"``, ``"آذار"`` as ``"مارس"``; see :mod:`analysis.text.variants`, or give
    your own table) and ``spelling`` then lists the spellings met (``"ترامب / ترمب"``).

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
                       normalize_options=normalize_options, fold=fold)
    table = doc_term_counts(articles, form=form, ngram=ngram, stopwords=stopwords,
                            normalize_options=normalize_options, fold=fold)
    if by is None:
        counts = count_terms(table)
        labels = None
    else:
        groups, labels = group_codes(articles, by)
        counts = count_terms(table, groups, len(labels))
    return frequency_table(counts, labels, table, min_count=min_count, top=top)


def tfidf(
    articles: pd.DataFrame,
    *,
    by: str | Sequence[str] | pd.Series = "article_id",
    form: str = "normalized",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    top: int | None = 10,
    normalize_options: Mapping[str, bool] | None = None,
    fold=False,
) -> pd.DataFrame:
    """TF-IDF of terms per document, where a document is an article or any ``by`` group.

    Columns: the ``by`` column, ``term, count, tf, doc_count, idf, tfidf, spelling``, sorted by
    document then ``tfidf``.  ``tf`` is the term's share of the document's terms;
    ``idf = ln((1 + N) / (1 + df)) + 1`` (smoothed, as scikit-learn does) with N
    documents and df the documents that use the term.  ``top`` keeps the best terms of
    each document (None keeps all).  ``fold``: spelling variants as one term (see :func:`term_frequency`).

    >>> arts = pd.DataFrame({"article_id": ["a", "b"],
    ...                      "text": ["داعش داعش إدلب", "إدلب حماة"]})
    >>> tfidf(arts, top=1)[["article_id", "term"]].values.tolist()
    [['a', 'داعش'], ['b', 'حماة']]

    ``articles`` may be a Dask DataFrame: the same table comes back, as a pandas frame.
    """
    if on_engine := engines.tfidf.dispatch(articles):
        return on_engine(articles, by=by, form=form, ngram=ngram, stopwords=stopwords, top=top,
                       normalize_options=normalize_options, fold=fold)
    table = doc_term_counts(articles, form=form, ngram=ngram, stopwords=stopwords,
                            normalize_options=normalize_options, fold=fold)
    groups, labels = group_codes(articles, by)
    counts = count_terms(table, groups, len(labels))
    return tfidf_table(counts, labels, table, top=top)


