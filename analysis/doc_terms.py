"""The document-term table: how often each term occurs in each article.

Every count the package reports (term frequency, TF-IDF, keyness) is an aggregation
of this sparse table, one row per (article, term) pair that occurs.  It is built
batch by batch (a few megabytes of text at a time): each batch is tokenised with
Arrow (:func:`analysis.tokens.tokenize_many`), its *new* words are normalised once,
and its (article, term) pairs are sorted and counted.  Memory therefore stays a
small multiple of one batch plus the table, whatever the corpus size, and counting
normalised terms runs faster than a plain ``re.findall`` + ``Counter`` loop.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .normalize import normalize_many, normalizer
from .stemming import LightStemmer
from .stopwords import resolve_stopwords
from .tokens import tokenize_many

FORMS = ("surface", "normalized", "stem")
#: Text per batch; small enough to bound memory, large enough for Arrow to run fast.
BATCH_BYTES = 16_000_000
# n-grams never run across these: sentence ends and line breaks (a decimal point is not one).
_NGRAM_BOUNDARY = r"[!?\x{061F}\x{2026}\n\x{061B}]+|\.(?:[\s\p{Z}]|$)"


@dataclass
class DocTermCounts:
    """A sparse article x term count table, rows sorted by (article, term).

    ``article[i]`` (row number in the articles frame), ``term[i]`` (index into
    ``terms``) and ``count[i]`` (occurrences, at least 1) describe one cell;
    ``spellings[j]`` is how term ``j`` is most often written ("إدلب" for "ادلب"; an
    n-gram as first written).
    """

    terms: list[str]
    article: np.ndarray
    term: np.ndarray
    count: np.ndarray
    n_articles: int
    #: for each term, its most frequent written form in the corpus (for display)
    spellings: list[str]


def text_array(articles: pd.DataFrame) -> pa.ChunkedArray:
    """The ``text`` column as Arrow, zero-copy when pandas already holds it in Arrow."""
    if "text" not in articles:
        raise KeyError("the articles frame has no 'text' column (load it with analysis.load_corpus)")
    col = articles["text"]
    arr = getattr(col.array, "_pa_array", None)
    if arr is None:
        arr = pa.array(col.astype(object).where(col.notna(), "").tolist(), type=pa.large_string())
    return arr if isinstance(arr, pa.ChunkedArray) else pa.chunked_array([arr])


def corpus_stemmer(normalized: list[str], counts: np.ndarray, norm) -> LightStemmer:
    """A :class:`LightStemmer` whose lexicon is the corpus' own normalised word counts.

    ``normalized[i]`` is the normalised form of word ``i`` and ``counts[i]`` how often
    the word occurs (stopwords included: they attest remainders too).
    """
    lexicon = pd.Series(counts).groupby(pd.Index(normalized, dtype=object)).sum().to_dict()
    return LightStemmer(lexicon, norm=norm)


def check_form(form: str, ngram: int) -> None:
    if form not in FORMS:
        raise ValueError(f"form must be one of {', '.join(FORMS)}; got {form!r}")
    if not isinstance(ngram, int) or isinstance(ngram, bool) or ngram < 1:
        raise ValueError(f"ngram must be a positive integer; got {ngram!r}")


def _batches(texts: pa.ChunkedArray, batch_bytes: int) -> Iterator[tuple[int, pa.ChunkedArray]]:
    """Consecutive slices of about ``batch_bytes`` of text, with the row they start at."""
    if len(texts) == 0:
        return
    sizes = pc.binary_length(texts).to_numpy(zero_copy_only=False)
    ends = np.cumsum(np.nan_to_num(sizes.astype(np.float64)))
    cuts = np.searchsorted(ends, np.arange(batch_bytes, ends[-1], batch_bytes), side="right")
    bounds = np.unique(np.concatenate([[0], cuts, [len(texts)]]))
    for start, stop in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        yield start, texts.slice(start, stop - start)


class _Vocabulary:
    """Words seen so far across batches, with their normalised form, term id and stop flag."""

    def __init__(self, form: str, stops: frozenset[str], options: dict[str, bool]):
        self.form, self.stops, self.options = form, stops, options
        self.words: list[str] = []
        self.words_arrow = pa.array([], pa.large_string())
        self.normalized: list[str] = []
        self.counts = np.zeros(0, dtype=np.int64)
        self.term_of_word = np.zeros(0, dtype=np.int32)  # -1 for stopwords
        self.terms: list[str] = []
        self.terms_arrow = pa.array([], pa.large_string())

    def add(self, words: pa.Array) -> np.ndarray:
        """Global ids of ``words`` (distinct), registering the new ones; lookups run in Arrow."""
        words = words.cast(pa.large_string())
        known = pc.index_in(words, value_set=self.words_arrow).to_numpy(zero_copy_only=False)
        is_new = np.isnan(known) if known.dtype.kind == "f" else np.zeros(len(known), dtype=bool)
        ids = np.where(is_new, 0, np.nan_to_num(known)).astype(np.int32)
        new_at = np.flatnonzero(is_new)
        if len(new_at) == 0:
            return ids
        ids[new_at] = np.arange(len(self.words), len(self.words) + len(new_at), dtype=np.int32)
        new_arrow = words.take(pa.array(new_at))
        new = new_arrow.to_pylist()
        self.words.extend(new)
        self.words_arrow = pa.concat_arrays([self.words_arrow, new_arrow])
        normalized = normalize_many(new, **self.options)
        self.normalized.extend(normalized)
        keys = new if self.form == "surface" else normalized
        self.term_of_word = np.concatenate([self.term_of_word, self._term_ids(keys, normalized)])
        self.counts = np.concatenate([self.counts, np.zeros(len(new), dtype=np.int64)])
        return ids


    def _term_ids(self, keys: list[str], normalized: list[str]) -> np.ndarray:
        """Term id of each new word: -1 for a stopword, else an id shared by equal keys."""
        term_ids = np.full(len(keys), -1, dtype=np.int32)
        counted = np.flatnonzero(np.fromiter((bool(n) and n not in self.stops for n in normalized), dtype=bool,
                                             count=len(normalized)))
        if len(counted) == 0:
            return term_ids
        wanted = pa.array(keys, pa.large_string()).take(pa.array(counted))
        known = pc.index_in(wanted, value_set=self.terms_arrow).to_numpy(zero_copy_only=False)
        is_new = np.isnan(known) if known.dtype.kind == "f" else np.zeros(len(known), dtype=bool)
        ids = np.where(is_new, 0, np.nan_to_num(known)).astype(np.int32)
        if is_new.any():
            codes, uniques = pd.factorize(np.asarray(wanted.take(pa.array(np.flatnonzero(is_new))).to_pylist(),
                                                     dtype=object))
            ids[is_new] = len(self.terms) + codes
            self.terms.extend(uniques.tolist())
            self.terms_arrow = pa.concat_arrays([self.terms_arrow, pa.array(uniques.tolist(), pa.large_string())])
        term_ids[counted] = ids
        return term_ids


def _cells(key: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of ``key`` (sorted) and their total weight (or multiplicity)."""
    if weights is None:
        key = np.sort(key)
        if len(key) == 0:
            return key, np.zeros(0, dtype=np.int32)
        starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
        sizes = np.diff(np.append(starts, len(key)))
        return key[starts], sizes.astype(np.int32)
    order = np.argsort(key, kind="stable")
    key, weights = key[order], weights[order]
    if len(key) == 0:
        return key, weights.astype(np.int32)
    starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    return key[starts], np.add.reduceat(weights, starts).astype(np.int32)


def _batch_cells(texts: pa.ChunkedArray, vocab: _Vocabulary, first_row: int) -> tuple[np.ndarray, ...]:
    stream = tokenize_many(texts)
    ids = vocab.add(stream.vocabulary_arrow)
    vocab.counts[ids] += np.bincount(stream.codes, minlength=len(ids))  # ids are distinct
    term = vocab.term_of_word[ids][stream.codes]
    keep = term >= 0
    n_terms = max(len(vocab.terms), 1)
    cells, counts = _cells(stream.article[keep].astype(np.int64) * n_terms + term[keep])
    return (cells // n_terms + first_row).astype(np.int32), (cells % n_terms).astype(np.int32), counts


def _merge(article: np.ndarray, term: np.ndarray, count: np.ndarray, n_terms: int) -> tuple[np.ndarray, ...]:
    """Sum cells that became equal after ``term`` was remapped; threads over article ranges."""
    key = article.astype(np.int64) * n_terms + term
    bounds = [0, len(key)]
    if len(key) > 1_000_000:
        n_slices = os.cpu_count() or 1
        at = np.linspace(0, len(key) - 1, n_slices + 1).astype(np.int64)[1:-1]
        bounds = [0, *np.unique(np.searchsorted(article, article[at])).tolist(), len(key)]
    slices = list(zip(bounds[:-1], bounds[1:], strict=True))
    with ThreadPoolExecutor(len(slices)) as pool:
        parts = list(pool.map(lambda ab: _cells(key[ab[0]:ab[1]], count[ab[0]:ab[1]]), slices))
    cells = np.concatenate([c for c, _ in parts])
    counts = np.concatenate([n for _, n in parts])
    return (cells // n_terms).astype(np.int32), (cells % n_terms).astype(np.int32), counts


def doc_term_counts(
    articles: pd.DataFrame,
    *,
    form: str = "normalized",
    ngram: int = 1,
    stopwords: bool | Iterable[str] = True,
    normalize_options: Mapping[str, bool] | None = None,
    batch_bytes: int = BATCH_BYTES,
) -> DocTermCounts:
    """Count every term of every article into a :class:`DocTermCounts` table.

    ``form`` is ``surface``, ``normalized`` or ``stem``.  Stopwords are judged on the
    normalised word whatever the form, and words that normalise to nothing (a lone
    tatweel) are dropped.  An n-gram is kept unless it starts or ends with a stopword
    ("وزير الخارجية" stays, "في إدلب" goes) and never spans a sentence end or a line break.

    >>> arts = pd.DataFrame({"text": ["قال المتحدث إن المتحدث في إدلب", "والمعارضة في إدلب"]})
    >>> t = doc_term_counts(arts)
    >>> sorted((int(a), t.terms[w], int(n)) for a, w, n in zip(t.article, t.term, t.count))
    [(0, 'ادلب', 1), (0, 'المتحدث', 2), (1, 'ادلب', 1), (1, 'والمعارضة', 1)]
    """
    check_form(form, ngram)
    options = dict(normalize_options or {})
    stops = resolve_stopwords(stopwords)
    if options and stops:
        stops = frozenset(normalize_many(sorted(stops), **options))
    texts = text_array(articles)
    if ngram > 1:
        return _ngram_counts(texts, ngram, form, stops, options)

    vocab = _Vocabulary("surface" if form == "surface" else "normalized", stops, options)
    parts = [_batch_cells(batch, vocab, start) for start, batch in _batches(texts, batch_bytes)]
    # Term ids grew while batching; earlier batches' codes stay valid (ids only get appended).
    article = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int32)
    term = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int32)
    count = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, np.int32)
    del parts
    terms, term_of_word = vocab.terms, vocab.term_of_word
    spellings = _spellings(vocab.words, vocab.counts, term_of_word, len(terms))
    if form == "stem":
        stem = corpus_stemmer(vocab.normalized, vocab.counts, normalizer(**options))
        stem_codes, stems = pd.factorize(pd.Index([stem(t) for t in spellings], dtype=object))
        stem_codes = stem_codes.astype(np.int32)
        article, term, count = _merge(article, stem_codes[term], count, max(len(stems), 1))
        terms = list(stems)
        term_of_word = np.where(term_of_word >= 0, stem_codes[term_of_word], -1)
        spellings = _spellings(vocab.words, vocab.counts, term_of_word, len(terms))
    return DocTermCounts(terms, article, term, count, len(texts), spellings)


def _spellings(words: list[str], counts: np.ndarray, term_of_word: np.ndarray, n_terms: int) -> list[str]:
    """For each term, the word that most often stands for it (ties: the smallest word,
    which puts undiacritised spellings first)."""
    table = pa.table({"term": term_of_word, "count": counts, "word": pa.array(words, pa.large_string())})
    order = pc.sort_indices(table, sort_keys=[("count", "descending"), ("word", "ascending")]).to_numpy()
    term_sorted = term_of_word[order]
    _, first = np.unique(term_sorted, return_index=True)  # first row of each term in that order
    best = order[first]
    best = best[term_of_word[best] >= 0]
    spelling = [""] * n_terms
    for t, i in zip(term_of_word[best].tolist(), best.tolist(), strict=True):
        spelling[t] = words[i]
    return spelling


def _ngram_counts(texts: pa.ChunkedArray, n: int, form: str, stops: frozenset[str],
                  options: dict[str, bool]) -> DocTermCounts:
    # Tokenise sentence by sentence so that n-grams stop at sentence ends.
    sentences, owners, offset = [], [], 0
    for chunk in texts.chunks:
        pieces = pc.split_pattern_regex(pc.fill_null(chunk, ""), _NGRAM_BOUNDARY)
        owners.append(pc.list_parent_indices(pieces).to_numpy().astype(np.int64) + offset)
        sentences.append(pc.list_flatten(pieces))
        offset += len(chunk)
    stream = tokenize_many(pa.chunked_array(sentences, type=texts.type))
    segment = stream.article
    article = np.concatenate(owners)[segment] if owners else segment

    normalized = normalize_many(stream.vocabulary, **options)
    is_stop = np.fromiter((w in stops or not w for w in normalized), dtype=bool, count=len(normalized))
    if form == "surface":
        words = stream.vocabulary
    elif form == "normalized":
        words = normalized
    else:
        counts = np.bincount(stream.codes, minlength=len(normalized))
        stem = corpus_stemmer(normalized, counts, normalizer(**options))
        words = [stem(w) for w in stream.vocabulary]
    word_codes, uniques = pd.factorize(pd.Index(words, dtype=object))
    unigrams = list(uniques)
    codes = word_codes.astype(np.int64)[stream.codes]
    stop = is_stop[stream.codes]

    m = len(codes) - n + 1
    if m <= 0:
        empty = np.zeros(0, np.int32)
        return DocTermCounts([], empty, empty, empty, len(texts), [])
    valid = (segment[:m] == segment[n - 1:]) & ~stop[:m] & ~stop[n - 1:]
    first = np.flatnonzero(valid)
    combined = codes[first]
    for k in range(1, n):
        # Re-factorise after each step so the combined key never overflows int64.
        combined, _ = pd.factorize(combined * len(unigrams) + codes[first + k])
        combined = combined.astype(np.int64)
    gram_codes, _ = pd.factorize(combined)
    # Spell each distinct n-gram from the position where it first occurs.
    spelled_at = first[np.unique(gram_codes, return_index=True)[1]]
    grams = [" ".join(unigrams[c] for c in codes[p: p + n]) for p in spelled_at.tolist()]
    written = [" ".join(stream.vocabulary[c] for c in stream.codes[p: p + n]) for p in spelled_at.tolist()]
    n_grams = max(len(grams), 1)
    cells, counts = _cells(article[first].astype(np.int64) * n_grams + gram_codes)
    return DocTermCounts(grams, (cells // n_grams).astype(np.int32), (cells % n_grams).astype(np.int32), counts,
                         len(texts), written)
