"""The document-term table: how often each term occurs in each article.

Every count the package reports (term frequency, TF-IDF, keyness) is an aggregation
of this sparse table, one row per (article, term) pair that occurs.  It is built
batch by batch (a few megabytes of text at a time): each batch is tokenised with
Arrow (:func:`analysis.text.tokens.tokenize_many`), its *new* words are normalised once,
and its (article, term) pairs are sorted and counted.  Memory therefore stays a
small multiple of one batch plus the table, whatever the corpus size, and counting
normalised terms runs faster than a plain ``re.findall`` + ``Counter`` loop.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.errors import ColumnError, OptionError
from analysis.measures.spellings import display_spellings, first_spelling, term_spellings
from analysis.text.normalize import normalize_many, normalizer
from analysis.text.stemming import LightStemmer
from analysis.text.stopwords import resolve_stopwords
from analysis.text.tokens import TokenStream, tokenize_many
from analysis.text.variants import resolve_fold

FORMS = ("surface", "normalized", "stem")
#: Text per batch; small enough to bound memory, large enough for Arrow to run fast.
BATCH_BYTES = 10_000_000
# n-grams never run across these: sentence ends and line breaks (a decimal point is not one).
_NGRAM_BOUNDARY = r"[!?\x{061F}\x{2026}\n\x{061B}]+|\.(?:[\s\p{Z}]|$)"


@dataclass
class DocTermCounts:
    """A sparse article x term count table, rows sorted by (article, term).

    ``article[i]`` (row number in the articles frame), ``term[i]`` (a term code) and
    ``count[i]`` (occurrences, at least 1) describe one cell.  Term strings are made
    only when asked for (:meth:`strings`): a corpus has millions of distinct n-grams.
    A term's *spelling* is how it is most often written ("إدلب" for "ادلب").
    """

    article: np.ndarray
    term: np.ndarray
    count: np.ndarray
    n_articles: int
    #: the (unigram) terms, and how each is most often written
    words: list[str]
    word_spellings: list[str]
    #: for n-grams: the word codes of each n-gram, one row per term code
    rows: np.ndarray | None = None
    #: with ``keep_vocabulary=True``: every word as written, its occurrences (stopwords
    #: included), its unigram term code and its variant (the term before spelling variants
    #: are folded), from which the spellings are chosen
    vocabulary: tuple[list[str], np.ndarray, np.ndarray, list[str]] | None = None

    @property
    def n_terms(self) -> int:
        return len(self.words) if self.rows is None else len(self.rows)

    def strings(self, codes, *, spelling: bool = False) -> list[str]:
        """The terms (or their spellings) of ``codes``."""
        words = self.word_spellings if spelling else self.words
        codes = np.asarray(codes, dtype=np.int64)
        if self.rows is None:
            return [words[c] for c in codes.tolist()]
        if spelling:
            words = [first_spelling(w) for w in words]
        return _join(words, self.rows[codes])

    @cached_property
    def terms(self) -> list[str]:
        """Every term, by code."""
        return self.strings(np.arange(self.n_terms))

    @cached_property
    def spellings(self) -> list[str]:
        """Every term's most frequent spelling, by code."""
        return self.strings(np.arange(self.n_terms), spelling=True)


def text_array(articles: pd.DataFrame) -> pa.ChunkedArray:
    """The ``text`` column as Arrow, zero-copy when pandas already holds it in Arrow."""
    if "text" not in articles:
        raise ColumnError("the articles frame has no 'text' column (load it with analysis.load_corpus)")
    col = articles["text"]
    arr = getattr(col.array, "_pa_array", None)
    if arr is None:
        arr = pa.array(col.astype(object).where(col.notna(), "").tolist(), type=pa.large_string())
    return arr if isinstance(arr, pa.ChunkedArray) else pa.chunked_array([arr])


def term_stems(words: list[str], counts: np.ndarray, normalized: list[str], term_of_word: np.ndarray,
               n_terms: int, options: Mapping[str, bool]) -> list[str]:
    """The stem of each normalised term: its most frequent spelling, stripped by :func:`corpus_stemmer`.

    ``words[i]`` occurs ``counts[i]`` times, normalises to ``normalized[i]``, which is term
    ``term_of_word[i]``.  Both engines stem this way, from the whole corpus' word counts.

    >>> words = ["لمراسل", "مراسل", "المراسل"]
    >>> term_stems(words, np.array([1, 5, 2]), words, np.array([0, 1, 2]), 3, {})
    ['مراسل', 'مراسل', 'مراسل']
    """
    spellings = term_spellings(words, counts, term_of_word, n_terms)
    stem = corpus_stemmer(normalized, counts, normalizer(**options))
    return [stem(t) for t in spellings]


def word_counts(
    articles: pd.DataFrame,
    *,
    ngram: int = 1,
    normalize_options: Mapping[str, bool] | None = None,
    batch_bytes: int = BATCH_BYTES,
) -> pd.DataFrame:
    """Every word as written, its normalised form and its occurrences (stopwords included).

    Tokenised as :func:`doc_term_counts` tokenises for ``ngram`` (n-grams read sentence
    by sentence), so summing these over parts of a corpus gives the counts that
    :func:`doc_term_counts` sees for the whole (the stem lexicon and the spellings).

    >>> word_counts(pd.DataFrame({"text": ["في إدلب وفي ادلب"]})).values.tolist()
    [['في', 'في', 1], ['إدلب', 'ادلب', 1], ['وفي', 'وفي', 1], ['ادلب', 'ادلب', 1]]
    """
    check_form("normalized", ngram)
    vocab = _Vocabulary("normalized", frozenset(), dict(normalize_options or {}))
    tokenize = tokenize_many if ngram == 1 else sentence_stream
    for _, stream in _ahead(lambda item: (item[0], tokenize(item[1])), _batches(text_array(articles), batch_bytes)):
        _word_codes(stream if ngram == 1 else stream[0], vocab)
    return pd.DataFrame({"word": pd.array(vocab.words, dtype="str"),
                         "normalized": pd.array(vocab.normalized, dtype="str"), "count": vocab.counts})


def corpus_stemmer(normalized: list[str], counts: np.ndarray, norm) -> LightStemmer:
    """A :class:`LightStemmer` whose lexicon is the corpus' own normalised word counts.

    ``normalized[i]`` is the normalised form of word ``i`` and ``counts[i]`` how often
    the word occurs (stopwords included: they attest remainders too).
    """
    lexicon = pd.Series(counts).groupby(pd.Index(normalized, dtype=object)).sum().to_dict()
    return LightStemmer(lexicon, norm=norm)


def check_form(form: str, ngram: int) -> None:
    if form not in FORMS:
        raise OptionError(f"form must be one of {', '.join(FORMS)}; got {form!r}")
    if not isinstance(ngram, int) or isinstance(ngram, bool) or ngram < 1:
        raise OptionError(f"ngram must be a positive integer; got {ngram!r}")


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
    """Words seen so far across batches, with their normalised form, term id and stop flag.

    Stopwords get a term id too (an n-gram may have one inside), and ``is_stop`` says
    which words are not counted on their own or at an n-gram's edge.
    """

    def __init__(self, form: str, stops: frozenset[str], options: dict[str, bool]):
        self.form, self.stops, self.options = form, stops, options
        self.words: list[str] = []
        self.words_arrow = pa.array([], pa.large_string())
        self.normalized: list[str] = []
        self.counts = np.zeros(0, dtype=np.int64)
        self.term_of_word = np.zeros(0, dtype=np.int32)
        self.is_stop = np.zeros(0, dtype=bool)
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
        self.term_of_word = np.concatenate([self.term_of_word, self._term_ids(keys)])
        stop = np.fromiter((not n or n in self.stops for n in normalized), dtype=bool, count=len(normalized))
        self.is_stop = np.concatenate([self.is_stop, stop])
        self.counts = np.concatenate([self.counts, np.zeros(len(new), dtype=np.int64)])
        return ids


    def _term_ids(self, keys: list[str]) -> np.ndarray:
        """Term id of each new word, shared by equal keys."""
        wanted = pa.array(keys, pa.large_string())
        known = pc.index_in(wanted, value_set=self.terms_arrow).to_numpy(zero_copy_only=False)
        is_new = np.isnan(known) if known.dtype.kind == "f" else np.zeros(len(known), dtype=bool)
        ids = np.where(is_new, 0, np.nan_to_num(known)).astype(np.int32)
        if is_new.any():
            codes, uniques = pd.factorize(np.asarray(wanted.take(pa.array(np.flatnonzero(is_new))).to_pylist(),
                                                     dtype=object))
            ids[is_new] = len(self.terms) + codes
            self.terms.extend(uniques.tolist())
            self.terms_arrow = pa.concat_arrays([self.terms_arrow, pa.array(uniques.tolist(), pa.large_string())])
        return ids


class _Grams:
    """n-grams seen so far across batches: rows of ``n`` term ids and their global id."""

    def __init__(self, n: int):
        self.n = n
        self.rows: list[np.ndarray] = []
        self.size = 0
        self.keys_arrow = pa.array([], pa.int64())  # bigrams: both ids packed in one int64
        self.index: dict[tuple[int, ...], int] = {}  # longer n-grams

    def ids(self, rows: np.ndarray) -> np.ndarray:
        """Global ids of n-gram ``rows`` (k x n term ids), registering the new ones."""
        if self.n == 2:
            packed = (rows[:, 0].astype(np.int64) << 31) | rows[:, 1]
            codes, uniques = pd.factorize(packed)
            known = pc.index_in(pa.array(uniques), value_set=self.keys_arrow).to_numpy(zero_copy_only=False)
            is_new = np.isnan(known) if known.dtype.kind == "f" else np.zeros(len(known), dtype=bool)
            gram = np.where(is_new, 0, np.nan_to_num(known)).astype(np.int32)
            gram[is_new] = np.arange(self.size, self.size + int(is_new.sum()), dtype=np.int32)
            new = uniques[is_new]
            self.keys_arrow = pa.concat_arrays([self.keys_arrow, pa.array(new)])
            self.rows.append(np.stack([new >> 31, new & 0x7FFFFFFF], axis=1).astype(np.int32))
        else:
            uniques, codes = np.unique(rows, axis=0, return_inverse=True)
            start = len(self.index)
            gram = np.fromiter((self.index.setdefault(t, len(self.index)) for t in map(tuple, uniques.tolist())),
                               dtype=np.int32, count=len(uniques))
            self.rows.append(uniques[gram >= start])
        self.size += len(self.rows[-1])
        return gram[np.ravel(codes)]

    def table(self) -> np.ndarray:
        return np.concatenate(self.rows) if self.rows else np.zeros((0, self.n), dtype=np.int32)


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


def sentence_stream(texts: pa.ChunkedArray) -> tuple[TokenStream, np.ndarray]:
    """Tokens of each sentence (n-grams stop at sentence ends) and the text each sentence is in."""
    sentences, owners, offset = [], [], 0
    for chunk in texts.chunks:
        pieces = pc.split_pattern_regex(pc.fill_null(chunk, ""), _NGRAM_BOUNDARY)
        owners.append(pc.list_parent_indices(pieces).to_numpy().astype(np.int64) + offset)
        sentences.append(pc.list_flatten(pieces))
        offset += len(chunk)
    stream = tokenize_many(pa.chunked_array(sentences, type=texts.type))
    return stream, (np.concatenate(owners) if owners else np.zeros(0, np.int64))


def _word_codes(stream: TokenStream, vocab: _Vocabulary) -> np.ndarray:
    """Register a batch's words; return their global ids, counted."""
    ids = vocab.add(stream.vocabulary_arrow)
    vocab.counts[ids] += np.bincount(stream.codes, minlength=len(ids))  # ids are distinct
    return ids


def _batch_cells(stream: TokenStream, vocab: _Vocabulary, first_row: int) -> tuple[np.ndarray, ...]:
    ids = _word_codes(stream, vocab)
    term = vocab.term_of_word[ids][stream.codes]
    keep = ~vocab.is_stop[ids][stream.codes]
    n_terms = max(len(vocab.terms), 1)
    cells, counts = _cells(stream.article[keep].astype(np.int64) * n_terms + term[keep])
    return (cells // n_terms + first_row).astype(np.int32), (cells % n_terms).astype(np.int32), counts


def _ngram_batch_cells(sentence_stream: tuple[TokenStream, np.ndarray], vocab: _Vocabulary, grams: _Grams,
                       first_row: int) -> tuple[np.ndarray, ...]:
    stream, owners = sentence_stream
    ids = _word_codes(stream, vocab)
    term = vocab.term_of_word[ids][stream.codes]
    stop = vocab.is_stop[ids][stream.codes]
    segment, n = stream.article, grams.n
    m = len(term) - n + 1
    if m <= 0:
        empty = np.zeros(0, np.int32)
        return empty, empty, empty
    first = np.flatnonzero((segment[:m] == segment[n - 1:]) & ~stop[:m] & ~stop[n - 1:])
    gram = grams.ids(np.stack([term[first + k] for k in range(n)], axis=1))
    article = owners[segment[first]]
    n_grams = max(grams.size, 1)
    cells, counts = _cells(article * n_grams + gram)
    return (cells // n_grams + first_row).astype(np.int32), (cells % n_grams).astype(np.int32), counts


def _ahead(func, items: Iterable):
    """``func(item)`` for each item, in order, the next one computed in a background thread.

    Tokenising runs mostly in Arrow without the GIL, so batch k+1 is tokenised while
    batch k is counted in Python.
    """
    with ThreadPoolExecutor(1) as pool:
        pending = None
        for item in items:
            future = pool.submit(func, item)
            if pending is not None:
                yield pending.result()
            pending = future
        if pending is not None:
            yield pending.result()


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
    stems: Mapping[str, str] | None = None,
    keep_vocabulary: bool = False,
    fold=False,
) -> DocTermCounts:
    """Count every term of every article into a :class:`DocTermCounts` table.

    With ``form="stem"``, ``stems`` maps each normalised term to its stem (from
    :func:`term_stems` over a whole corpus, when ``articles`` is one part of it); by
    default the stems come from ``articles``' own words.  ``keep_vocabulary`` keeps
    the words and their counts in :attr:`DocTermCounts.vocabulary`.  ``fold`` counts spelling
    variants as one term (True: the shipped table, see :mod:`analysis.text.variants`): the
    term is the standard ("ترامب"), the spelling lists what was written ("ترامب / ترمب").
    A stem's spelling is the written part it stands for ("رئيس" for "الرئيس").

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
    vocab = _Vocabulary("surface" if form == "surface" else "normalized", stops, options)
    grams = _Grams(ngram) if ngram > 1 else None
    tokenize = tokenize_many if grams is None else sentence_stream
    tokenized = _ahead(lambda item: (item[0], tokenize(item[1])), _batches(texts, batch_bytes))
    parts = [_batch_cells(stream, vocab, start) if grams is None else _ngram_batch_cells(stream, vocab, grams, start)
             for start, stream in tokenized]
    # Ids only grew while batching, so earlier batches' codes stay valid.
    article, term, count = (np.concatenate([p[k] for p in parts]) if parts else np.zeros(0, np.int32)
                            for k in range(3))
    del parts
    term_of_word, n_terms = vocab.term_of_word, len(vocab.terms)
    folder = resolve_fold(fold, normalize_options=options)
    variants = vocab.terms  # the terms before folding; a stem or a fold maps them to their term
    variant_of_word = term_of_word
    if form == "stem" or folder is not None:
        if form != "stem":
            mapped = vocab.terms
        elif stems is None:
            mapped = term_stems(vocab.words, vocab.counts, vocab.normalized, term_of_word, n_terms, options)
        else:
            mapped = [stems[t] for t in vocab.terms]
        if form == "stem":
            # variants are the stems before folding, so that "ترمب" and "ترامب" show as spelled
            variant_codes, variant_terms = pd.factorize(pd.Index(mapped, dtype=object))
            variants, variant_of_word = list(variant_terms), variant_codes.astype(np.int32)[term_of_word]
        if folder is not None:
            mapped = [folder(t) for t in mapped]
        stem_codes, stem_terms = pd.factorize(pd.Index(mapped, dtype=object))
        stem_codes = stem_codes.astype(np.int32)
        term_of_word, n_terms, unigrams = stem_codes[term_of_word], len(stem_terms), list(stem_terms)
        if grams is None:
            article, term, count = _merge(article, stem_codes[term], count, max(n_terms, 1))
    else:
        stem_codes = None
        unigrams = vocab.terms
    spellings = display_spellings(vocab.words, vocab.counts, variant_of_word, variants, term_of_word, n_terms,
                                  stem=form == "stem", options=options)
    vocabulary = None
    if keep_vocabulary:
        vocabulary = (vocab.words, vocab.counts, term_of_word, [variants[v] for v in variant_of_word.tolist()])
    if grams is None:
        return DocTermCounts(article, term, count, len(texts), unigrams, spellings, vocabulary=vocabulary)

    rows = grams.table()
    if stem_codes is not None:
        # Two n-grams whose words share stems (or fold to one word) are one n-gram now.
        regrouped, rows = _regroup(stem_codes[rows])
        article, term, count = _merge(article, regrouped[term], count, max(len(rows), 1))
    return DocTermCounts(article, term, count, len(texts), unigrams, spellings, rows, vocabulary)


def _regroup(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """New id of each row and the distinct rows."""
    distinct, codes = np.unique(rows, axis=0, return_inverse=True)
    return np.ravel(codes).astype(np.int32), distinct.astype(np.int32)


def _join(words: list[str], rows: np.ndarray) -> list[str]:
    """Spell each row of word ids as the words joined by spaces (in Arrow)."""
    if len(rows) == 0:
        return []
    vocabulary = pa.array(words, pa.large_string())
    columns = [vocabulary.take(pa.array(rows[:, k])) for k in range(rows.shape[1])]
    return pc.binary_join_element_wise(*columns, pa.scalar(" ", pa.large_string())).to_pylist()
