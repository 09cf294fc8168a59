"""Term frequency over an articles frame: surface, normalised or clitic-stripped forms.

Counting is vectorised: texts are tokenised once for the whole corpus
(:func:`analysis.tokens.tokenize_many`), each *distinct* word is normalised and
stemmed once, and counts are NumPy bincounts over integer codes.  That is why
normalised counting here is faster than a plain ``re.findall`` + ``Counter`` loop
that does no normalisation at all.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .normalize import normalize_many, normalizer
from .stemming import LightStemmer
from .stopwords import resolve_stopwords
from .tokens import TokenStream, tokenize_many

FORMS = ("surface", "normalized", "stem")
PERIODS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}
# n-grams never run across these: sentence ends and line breaks (a decimal point is not one).
_NGRAM_BOUNDARY = r"[!?\x{061F}\x{2026}\n\x{061B}]+|\.(?:[\s\p{Z}]|$)"
_BIG_TABLE = 50_000_000  # beyond this many (group, term) cells, count with hashing instead of bincount


@dataclass
class TermStream:
    """Every counted term occurrence of a corpus: ``codes[i]`` into ``terms``, in article ``article[i]``."""

    terms: list[str]
    codes: np.ndarray
    article: np.ndarray
    n_articles: int


def text_array(articles: pd.DataFrame) -> pa.Array:
    """The ``text`` column as an Arrow array, zero-copy when pandas already holds it in Arrow."""
    if "text" not in articles:
        raise KeyError("the articles frame has no 'text' column (load it with analysis.load_corpus)")
    col = articles["text"]
    arr = getattr(col.array, "_pa_array", None)
    if arr is None:
        arr = pa.array(col.astype(object).where(col.notna(), "").tolist(), type=pa.large_string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    return pc.fill_null(arr, "")


def corpus_stemmer(stream: TokenStream, normalized: list[str], norm) -> LightStemmer:
    """A :class:`LightStemmer` whose lexicon is the corpus' own normalised word counts."""
    counts = np.bincount(stream.codes, minlength=len(normalized))
    lexicon = pd.Series(counts).groupby(pd.Index(normalized)).sum().to_dict()
    return LightStemmer(lexicon, norm=norm)


def term_stream(
    articles: pd.DataFrame,
    *,
    form: str = "normalized",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    normalize_options: Mapping[str, bool] | None = None,
) -> TermStream:
    """Tokenise, normalise/stem and filter a corpus into a :class:`TermStream`.

    Stopwords are judged on the normalised word, whatever ``form`` is.  An n-gram is
    kept unless it starts or ends with a stopword ("وزير الخارجية" stays, "في إدلب"
    goes), and never spans a sentence end or a line break.
    """
    if form not in FORMS:
        raise ValueError(f"form must be one of {', '.join(FORMS)}; got {form!r}")
    if not isinstance(ngram, int) or ngram < 1:
        raise ValueError(f"ngram must be a positive integer; got {ngram!r}")
    texts = text_array(articles)
    n_articles = len(texts)
    if ngram > 1:
        # Tokenise sentence by sentence so that n-grams stop at sentence ends.
        pieces = pc.split_pattern_regex(texts, _NGRAM_BOUNDARY)
        segment_article = pc.list_parent_indices(pieces).to_numpy().astype(np.int64)
        stream = tokenize_many(pc.list_flatten(pieces))
        segment = stream.article
        article = segment_article[segment]
    else:
        stream = tokenize_many(texts)
        segment = article = stream.article

    options = dict(normalize_options or {})
    norm = normalizer(**options)
    normalized = normalize_many(stream.vocabulary, **options)
    stops = resolve_stopwords(stopwords)
    if options and stops:
        stops = frozenset(norm(w) for w in stops)
    # Words that normalise to nothing (a lone tatweel "ـــ") are dropped like stopwords.
    is_stop = np.fromiter((w in stops or not w for w in normalized), dtype=bool, count=len(normalized))

    if form == "surface":
        words = stream.vocabulary
    elif form == "normalized":
        words = normalized
    else:
        stem = corpus_stemmer(stream, normalized, norm)
        words = [stem(w) for w in stream.vocabulary]
    type_codes, uniques = pd.factorize(pd.Index(words, dtype=object))
    terms = list(uniques)
    codes = type_codes[stream.codes]

    if ngram == 1:
        keep = ~is_stop[stream.codes]
        return TermStream(terms, codes[keep], article[keep], n_articles)
    return _ngrams(terms, codes, is_stop[stream.codes], segment, article, ngram, n_articles)


def _ngrams(terms: list[str], codes: np.ndarray, stop: np.ndarray, segment: np.ndarray, article: np.ndarray,
            n: int, n_articles: int) -> TermStream:
    """Combine consecutive codes of one segment into n-gram codes."""
    m = len(codes) - n + 1
    if m <= 0:
        return TermStream([], np.zeros(0, np.int64), np.zeros(0, np.int64), n_articles)
    valid = segment[: m] == segment[n - 1:]
    valid &= ~stop[:m] & ~stop[n - 1:]
    combined = codes[:m].astype(np.int64)
    for k in range(1, n):
        # Re-factorise after each step so the combined key never overflows int64.
        key = combined * len(terms) + codes[k: k + m]
        combined, _ = pd.factorize(key)
        combined = combined.astype(np.int64)
    first = np.flatnonzero(valid)
    gram_codes, gram_uniques = pd.factorize(combined[first])
    # Spell each distinct n-gram from the position where it first occurs.
    spelled_at = first[np.unique(gram_codes, return_index=True)[1]]
    grams = [" ".join(terms[c] for c in codes[p: p + n]) for p in spelled_at.tolist()]
    return TermStream(grams, gram_codes.astype(np.int64), article[first], n_articles)


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


def _distinct_pairs(article: np.ndarray, codes: np.ndarray, n_terms: int) -> np.ndarray:
    """Distinct ``article * n_terms + code`` keys (document counts come from them).

    Positions are in article order, so cutting at article boundaries gives
    independent slices that threads deduplicate side by side.
    """
    key = article.astype(np.int64) * n_terms + codes
    n_slices = min(os.cpu_count() or 1, 8) if len(key) > 1_000_000 else 1
    cuts = np.searchsorted(article, article[np.linspace(0, len(key) - 1, n_slices + 1).astype(np.int64)[1:-1]])
    bounds = [0, *cuts.tolist(), len(key)]
    parts = [key[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    if len(parts) == 1:
        return pd.unique(key)
    with ThreadPoolExecutor(len(parts)) as pool:
        return np.concatenate(list(pool.map(pd.unique, parts)))


def count_terms(stream: TermStream, groups: np.ndarray | None = None, n_groups: int = 1) -> pd.DataFrame:
    """Count a :class:`TermStream`: ``group, term_code, count, doc_count`` (group 0 when ungrouped)."""
    n_terms = max(len(stream.terms), 1)
    pair = _distinct_pairs(stream.article, stream.codes, n_terms)
    if groups is None:
        key, pair_key = stream.codes, pair % n_terms
    else:
        key = groups[stream.article] * n_terms + stream.codes
        pair_key = groups[pair // n_terms] * n_terms + pair % n_terms
    if n_groups * n_terms <= _BIG_TABLE:
        count = np.bincount(key, minlength=n_groups * n_terms)
        docs = np.bincount(pair_key, minlength=n_groups * n_terms)
        cells = np.flatnonzero(count)
        count, docs = count[cells], docs[cells]
    else:
        vc = pd.Series(key).value_counts(sort=False)
        cells = vc.index.to_numpy()
        count = vc.to_numpy()
        docs = pd.Series(pair_key).value_counts(sort=False).reindex(cells).to_numpy()
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
    """Count terms: ``term, count, doc_count, share`` (+ the ``by`` column(s) first).

    ``form``: ``"surface"`` (as written), ``"normalized"`` (alef/yeh/diacritics/digits
    ... see :func:`analysis.normalize.normalize`) or ``"stem"`` (clitics stripped, see
    :mod:`analysis.stemming`).  ``share`` is the term's part of all counted terms in its
    group; ``doc_count`` the number of articles using it.  ``by`` groups by a column
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
    stream = term_stream(articles, form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options)
    if by is None:
        counts = count_terms(stream)
        labels = None
    else:
        groups, labels = group_codes(articles, by)
        counts = count_terms(stream, groups, len(labels))
    if min_count > 1:
        counts = counts[counts["count"] >= min_count]
    totals = counts.groupby("group")["count"].transform("sum")
    out = pd.DataFrame({
        "term": pd.array(np.asarray(stream.terms, dtype=object)[counts["term_code"].to_numpy()]
                         if len(stream.terms) else [], dtype="str"),
        "count": counts["count"].to_numpy(),
        "doc_count": counts["doc_count"].to_numpy(),
        "share": (counts["count"] / totals).to_numpy(),
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

    Columns: the ``by`` column, ``term, count, tf, doc_count, idf, tfidf``, sorted by
    document then ``tfidf``.  ``tf`` is the term's share of the document's terms;
    ``idf = ln((1 + N) / (1 + df)) + 1`` (smoothed, as scikit-learn does) with N
    documents and df the documents that use the term.  ``top`` keeps the best terms of
    each document (None keeps all).

    >>> arts = pd.DataFrame({"article_id": ["a", "b"],
    ...                      "text": ["داعش داعش إدلب", "إدلب حماة"]})
    >>> tfidf(arts, top=1)[["article_id", "term"]].values.tolist()
    [['a', 'داعش'], ['b', 'حماة']]
    """
    stream = term_stream(articles, form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options)
    groups, labels = group_codes(articles, by)
    counts = count_terms(stream, groups, len(labels))
    n_docs = len(labels)
    df = np.bincount(counts["term_code"].to_numpy(), minlength=len(stream.terms))
    idf = np.log((1 + n_docs) / (1 + df)) + 1
    tf = counts["count"] / counts.groupby("group")["count"].transform("sum")
    term_idf = idf[counts["term_code"].to_numpy()]
    out = pd.DataFrame({
        "term": pd.array(np.asarray(stream.terms, dtype=object)[counts["term_code"].to_numpy()]
                         if len(stream.terms) else [], dtype="str"),
        "count": counts["count"].to_numpy(),
        "tf": tf.to_numpy(),
        "doc_count": df[counts["term_code"].to_numpy()],
        "idf": term_idf,
        "tfidf": tf.to_numpy() * term_idf,
        "_group": counts["group"].to_numpy(),
    })
    out = out.sort_values(["_group", "tfidf", "term"], ascending=[True, False, True], kind="stable")
    if top is not None:
        out = out.groupby("_group", sort=False).head(top)
    return _insert_group_columns(out, labels).drop(columns="_group").reset_index(drop=True)
