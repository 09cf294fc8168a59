"""Term frequency, TF-IDF and keyness of a Dask DataFrame, equal to the pandas engine's.

Each partition is counted with :func:`analysis.measures.doc_terms.doc_term_counts` at the level
that merges exactly: (group label, term) cells with their ``count`` and ``doc_count`` (an
article lies in one partition, so document counts add up), plus every written word with
its occurrences (for the spelling shown next to each term).  Partials are merged in a
tree (``SPLIT_EVERY`` at a time), so memory holds a few partitions' counts, never the
corpus.  The merged cells are coded and handed to the final stage the pandas engine
uses (:func:`analysis.measures.tables.frequency_table`, :func:`analysis.measures.tables.tfidf_table`,
:func:`analysis.measures.tables.keyness_table`): shares, ``min_count``, ``top``, the idf and the
order are computed once, in one place.

``form="stem"`` needs the whole corpus first: the light stemmer keeps a clitic only when
the corpus attests the remainder.  A first pass sums each word's occurrences
(:func:`analysis.measures.doc_terms.word_counts`), one task stems every normalised term
(:func:`analysis.measures.doc_terms.term_stems`) and leaves the map on the workers, and the
counting pass uses it.  Stems therefore read the corpus twice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.dask_engine import is_dask
from analysis.dask_engine.cluster import compute, settle
from analysis.errors import OptionTypeError
from analysis.measures.doc_terms import DocTermCounts, check_form, doc_term_counts, term_stems, word_counts
from analysis.measures.spellings import display_spellings, first_spelling
from analysis.measures.tables import count_terms, frequency_table, group_codes, keyness_table, tfidf_table
from analysis.text.stopwords import resolve_stopwords
from analysis.text.variants import resolve_fold

#: partials merged per task of the reduction tree
SPLIT_EVERY = 8
_COUNT, _DOCS, _SIDE = "_count", "_docs", "_side"


class _Spec(NamedTuple):
    form: str
    ngram: int
    stopwords: Any
    normalize_options: dict[str, bool] | None
    by: Any  # None, a column name, a list of them, or a period name
    fold: Any = False  # spelling variants: False, True, a path or a table


@dataclass
class Partial:
    """Counts of some articles, mergeable with others by :func:`combine`."""

    #: group key columns, then ``_t0`` ... (the n-gram's terms), ``_count``, ``_docs``
    cells: pd.DataFrame
    key_columns: list[str]
    #: every group key met (groups without a counted term included), or None
    keys: pd.DataFrame | None
    #: ``word`` as written, its unigram ``term`` and its ``count``
    words: pd.DataFrame
    #: articles per side (keyness: 0 target, 1 reference; else all on 0)
    n_articles: Counter = field(default_factory=Counter)


def _term_columns(ngram: int) -> list[str]:
    return [f"_t{k}" for k in range(ngram)]


def _label_frame(labels: pd.Index, codes: np.ndarray) -> pd.DataFrame:
    taken = labels.take(codes)
    if isinstance(taken, pd.MultiIndex):
        return taken.to_frame(index=False)
    return pd.DataFrame({taken.name if taken.name is not None else "group": taken})


def partial_counts(articles: pd.DataFrame, spec: _Spec, stems: dict[str, str] | None = None,
                   side: int | None = None) -> Partial:
    """Count one partition (a pandas frame) into a :class:`Partial`."""
    table = doc_term_counts(articles, form=spec.form, ngram=spec.ngram, stopwords=spec.stopwords,
                            normalize_options=spec.normalize_options, stems=stems, keep_vocabulary=True,
                            fold=spec.fold)
    keys = None
    if side is not None or spec.by is None:
        counts = count_terms(table)
        cells = pd.DataFrame({_SIDE: np.full(len(counts), side, dtype=np.int64)} if side is not None else {},
                             index=pd.RangeIndex(len(counts)))
    else:
        groups, labels = group_codes(articles, spec.by)
        counts = count_terms(table, groups, len(labels))
        cells = _label_frame(labels, counts["group"].to_numpy())
        keys = _label_frame(labels, np.arange(len(labels)))
    key_columns = list(cells.columns)
    words = pa.array(table.words, type=pa.large_string())
    codes = counts["term_code"].to_numpy()
    parts = table.rows[codes] if table.rows is not None else codes[:, None]
    for k, name in enumerate(_term_columns(spec.ngram)):
        cells[name] = pd.array(words.take(pa.array(parts[:, k])), dtype="str")
    cells[_COUNT] = counts["count"].to_numpy()
    cells[_DOCS] = counts["doc_count"].to_numpy()
    spelled, occurrences, term_of_word, variants = table.vocabulary
    vocabulary = pd.DataFrame({"word": pd.array(spelled, dtype="str"),
                               "term": pd.array(words.take(pa.array(term_of_word)), dtype="str"),
                               "variant": pd.array(variants, dtype="str"),
                               "count": occurrences})
    return Partial(cells, key_columns, keys, vocabulary, Counter({side or 0: len(articles)}))


def combine(parts: list[Partial]) -> Partial:
    """Merge partials: cells and word counts summed, group keys united."""
    first = parts[0]
    if len(parts) == 1:
        return first
    cells = pd.concat([p.cells for p in parts], ignore_index=True)
    by = [c for c in cells.columns if c not in (_COUNT, _DOCS)]
    cells = cells.groupby(by, sort=False, dropna=False, observed=True)[[_COUNT, _DOCS]].sum().reset_index()
    words = pd.concat([p.words for p in parts], ignore_index=True)
    words = words.groupby("word", sort=False).agg(term=("term", "first"), variant=("variant", "first"),
                                                  count=("count", "sum")).reset_index()
    keys = None
    if first.keys is not None:
        keys = pd.concat([p.keys for p in parts], ignore_index=True).drop_duplicates(ignore_index=True)
    return Partial(cells, first.key_columns, keys, words, sum((p.n_articles for p in parts), Counter()))


def coded(total: Partial, spec: _Spec) -> tuple[pd.DataFrame, pd.Index | None, DocTermCounts]:
    """The merged cells as the final stages take them: ``counts`` (group and term codes),
    the group labels (by group_codes over the group keys, as the pandas engine labels them)
    and a table that spells the term codes."""
    cells = total.cells
    names = _term_columns(spec.ngram)
    term_code = cells.groupby(names, sort=False).ngroup().to_numpy()
    distinct = cells.drop_duplicates(names)[names]  # first rows, in ngroup order

    vocabulary = total.words
    word_term, unigrams = pd.factorize(vocabulary["term"])
    word_variant, variants = pd.factorize(vocabulary["variant"])
    spellings = display_spellings(vocabulary["word"].tolist(), vocabulary["count"].to_numpy(),
                                  word_variant.astype(np.int64), variants.tolist(), word_term.astype(np.int64),
                                  len(unigrams), stem=spec.form == "stem", options=spec.normalize_options)
    spellings = np.asarray(spellings if spec.ngram == 1 else [first_spelling(s) for s in spellings], dtype=object)
    unigrams = pd.Index(unigrams)
    terms, spelled = [], []
    for name in names:
        at = unigrams.get_indexer(distinct[name])
        if (at < 0).any():
            raise AssertionError("a counted term has no word: the partials were counted with different options")
        terms.append(pa.array(distinct[name].to_numpy(dtype=object), pa.large_string()))
        spelled.append(pa.array(spellings[at], pa.large_string()))
    space = pa.scalar(" ", pa.large_string())

    def joined(columns: list[pa.Array]) -> list[str]:
        return (columns[0] if len(columns) == 1 else pc.binary_join_element_wise(*columns, space)).to_pylist()

    empty = np.zeros(0, dtype=np.int32)
    table = DocTermCounts(empty, empty, empty, sum(total.n_articles.values()), joined(terms), joined(spelled))

    counts = pd.DataFrame({"group": np.zeros(len(cells), dtype=np.int64), "term_code": term_code.astype(np.int64),
                           "count": cells[_COUNT].to_numpy(dtype=np.int64),
                           "doc_count": cells[_DOCS].to_numpy(dtype=np.int64)})
    labels = None
    if total.key_columns == [_SIDE]:
        counts["group"] = cells[_SIDE].to_numpy(dtype=np.int64)
    elif total.key_columns:
        keys = pd.concat([total.keys, cells[total.key_columns]], ignore_index=True)
        by = total.key_columns if isinstance(spec.by, (list, tuple)) else total.key_columns[0]
        groups, labels = group_codes(keys, by)
        counts["group"] = groups[len(total.keys):]
    return counts, labels, table


# --------------------------------------------------------------------------- graphs


def _spec(articles, *, form, ngram, stopwords, normalize_options, by=None, fold=False) -> _Spec:
    check_form(form, ngram)
    resolve_fold(fold, normalize_options=normalize_options)  # a bad table fails here, not on a worker
    resolve_stopwords(stopwords)  # bad stopwords= fail here, not on a worker
    if isinstance(by, (pd.Series, pd.Index)) or is_dask(by):
        raise OptionTypeError("on a Dask DataFrame, by= takes column names or a period (day ... year); "
                        "add a Series as a column first: articles.assign(name=series)")
    if by is not None:
        group_codes(articles._meta, by)  # unknown columns fail now
    if isinstance(by, tuple):
        by = list(by)
    return _Spec(form, ngram, stopwords, dict(normalize_options) if normalize_options else None, by, fold)


def _tree(parts: list, combine_func) -> Any:
    """Merge delayed partials ``SPLIT_EVERY`` at a time until one is left."""
    while len(parts) > 1:
        parts = [dask.delayed(combine_func, pure=True)(parts[i:i + SPLIT_EVERY])
                 for i in range(0, len(parts), SPLIT_EVERY)]
    return parts[0]


def _combine_words(frames: list[pd.DataFrame]) -> pd.DataFrame:
    if len(frames) == 1:
        return frames[0]
    words = pd.concat(frames, ignore_index=True)
    return words.groupby("word", sort=False).agg(normalized=("normalized", "first"), count=("count", "sum")) \
        .reset_index()


def _stem_map(words: pd.DataFrame, options: dict[str, bool] | None) -> dict[str, str]:
    term_of_word, terms = pd.factorize(words["normalized"])
    stems = term_stems(words["word"].tolist(), words["count"].to_numpy(), words["normalized"].tolist(),
                       term_of_word.astype(np.int64), len(terms), options or {})
    return dict(zip(terms.tolist(), stems, strict=True))


def _total(frames: list[tuple[dd.DataFrame, int | None]], spec: _Spec):
    """The delayed merged :class:`Partial` of ``frames`` (each with its keyness side or None)."""
    blocks = [(block, side) for frame, side in frames for block in frame.to_delayed()]
    stems = None
    if spec.form == "stem":
        counted = [dask.delayed(word_counts, pure=True)(block, ngram=spec.ngram,
                                                        normalize_options=spec.normalize_options)
                   for block, _ in blocks]
        stems = settle(dask.delayed(_stem_map, pure=True)(_tree(counted, _combine_words), spec.normalize_options))
    parts = [dask.delayed(partial_counts, pure=True)(block, spec, stems, side) for block, side in blocks]
    return _tree(parts, combine), stems


def _finish_frequency(total: Partial, spec: _Spec, min_count: int, top: int | None) -> pd.DataFrame:
    counts, labels, table = coded(total, spec)
    return frequency_table(counts, labels, table, min_count=min_count, top=top)


def _finish_tfidf(total: Partial, spec: _Spec, top: int | None) -> pd.DataFrame:
    counts, labels, table = coded(total, spec)
    return tfidf_table(counts, labels, table, top=top)


def _finish_keyness(total: Partial, spec: _Spec, min_count: int, top: int | None) -> pd.DataFrame:
    counts, _, table = coded(total, spec)
    return keyness_table(counts, table, total.n_articles[0], total.n_articles[1], min_count=min_count, top=top)


def term_frequency(articles: dd.DataFrame, *, form: str = "normalized", by=None, ngram: int = 1, stopwords=True,
                   min_count: int = 1, top: int | None = None, normalize_options=None, fold=False) -> pd.DataFrame:
    """:func:`analysis.term_frequency` of a Dask DataFrame: the same pandas frame."""
    spec = _spec(articles, form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options, by=by,
                 fold=fold)
    total, stems = _total([(articles, None)], spec)  # stems: a future to keep alive until computed
    return compute(dask.delayed(_finish_frequency, pure=True)(total, spec, min_count, top))[0]


def tfidf(articles: dd.DataFrame, *, by="article_id", form: str = "normalized", ngram: int = 1, stopwords=True,
          top: int | None = 10, normalize_options=None, fold=False) -> pd.DataFrame:
    """:func:`analysis.tfidf` of a Dask DataFrame: the same pandas frame."""
    spec = _spec(articles, form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options, by=by,
                 fold=fold)
    total, stems = _total([(articles, None)], spec)
    return compute(dask.delayed(_finish_tfidf, pure=True)(total, spec, top))[0]


def keyness(target, reference, *, form: str = "normalized", ngram: int = 1, stopwords=True, min_count: int = 3,
            top: int | None = None, normalize_options=None, fold=False) -> pd.DataFrame:
    """:func:`analysis.keyness` with either side a Dask DataFrame (a pandas side is one partition)."""
    sides = [frame if is_dask(frame) else dd.from_pandas(frame, npartitions=1, sort=False)
             for frame in (target, reference)]
    spec = _spec(sides[0], form=form, ngram=ngram, stopwords=stopwords, normalize_options=normalize_options,
                 fold=fold)
    total, stems = _total([(sides[0], 0), (sides[1], 1)], spec)
    return compute(dask.delayed(_finish_keyness, pure=True)(total, spec, min_count, top))[0]
