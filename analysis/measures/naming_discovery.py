"""Naming choices: other names a corpus uses for what a seed name refers to.

Outlets name the same actor differently ("داعش", "تنظيم الدولة", "الدولة الإسلامية";
"النظام السوري", "قوات الأسد").  :func:`naming_candidates` proposes such names for a
researcher to confirm: word n-grams that occupy the same slots in sentences as the
seed.  It is distributional, not a dictionary: nothing is hard-coded, and what it
proposes is evidence to read (the ``shared`` column says which contexts matched), not a
verdict; co-hyponyms ("جبهة النصرة" next to "داعش") share contexts too.

Method, vectorised over the whole corpus with NumPy:

* tokens are keyed clitic-aware: an n-gram's first word by its corpus light stem
  ("وداعش", "لداعش" -> "داعش"; "بتنظيم الدولة" -> "تنظيم الدولة"), the later words by
  their normalised form (so "تنظيم الدولة" and "تنظيم دولة" stay apart);
* each occurrence of the seed and of every frequent n-gram yields context features:
  the stem of each neighbour ``1..window`` words to the left and right, by position
  (function words included: "ضد …", "… في" say what slot a word fills); sentence ends
  and line breaks cut contexts;
* features are weighted by positive PMI (context counts smoothed to the power 0.75,
  which damps rare contexts), and candidates are ranked by the cosine of their vector
  with the seed's, shrunk for candidates seen few times (a rare n-gram can match a
  handful of contexts by chance).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from analysis.errors import OptionError
from analysis.measures.doc_terms import corpus_stemmer, sentence_stream, text_array
from analysis.measures.spellings import term_spellings
from analysis.text.normalize import normalize_many, normalizer
from analysis.text.stemming import LightStemmer
from analysis.text.stopwords import arabic_stopwords
from analysis.text.tokens import tokenize

CANDIDATE_COLUMNS = ["rank", "candidate", "term", "count", "similarity", "shared"]
MAX_WINDOW = 10
MAX_WORDS = 6
#: Context-count smoothing (Levy, Goldberg & Dagan 2015): rare contexts get less PMI.
CONTEXT_ALPHA = 0.75
#: Occurrences at which a candidate's similarity is shrunk by half (``count / (count + SHRINK)``).
SHRINK = 5
#: How many shared contexts the ``shared`` column lists.
N_SHARED = 5


def naming_candidates(
    articles: pd.DataFrame,
    seed: str,
    *,
    top: int = 20,
    window: int = 2,
    min_count: int = 5,
    max_words: int = 3,
    normalize_options: Mapping[str, bool] | None = None,
) -> pd.DataFrame:
    """Candidate alternative names for ``seed``, ranked by how much they share its contexts.

    ``seed`` is a word or a phrase; its clitic forms count as the seed ("لداعش", "وداعش").
    Candidates are n-grams of ``1..max_words`` words seen at least ``min_count`` times,
    neither starting nor ending with a function word, without numbers, and neither
    containing the seed nor contained in it.  ``window`` is how many words each side
    are compared by position.

    Columns: ``rank, candidate`` (the n-gram as most often written), ``term`` (the key
    compared: first word light-stemmed, the others normalised), ``count`` (occurrences,
    clitic forms pooled), ``similarity`` (cosine of the context vectors, 0..1, shrunk for
    rare candidates) and ``shared`` (the strongest contexts in common; "X …" means X
    stands before, "… X" after).

    >>> text = ("أعلن داعش مسؤوليته عن الهجوم. " * 3 + "أعلن التنظيم مسؤوليته عن الهجوم. " * 3
    ...         + "وقال إن داعش يسيطر على المدينة. " * 3 + "وقال إن التنظيم يسيطر على المدينة. " * 3
    ...         + "يقع السوق قرب المدينة. " * 6)
    >>> arts = pd.DataFrame({"article_id": ["a"], "text": [text]})
    >>> found = naming_candidates(arts, "داعش", min_count=3)
    >>> found[["candidate", "count", "shared"]].values.tolist()[0]
    ['التنظيم', 6, 'وقال …، … يسيطر، أعلن …، إن …، … على']
    >>> "السوق" in found["candidate"].tolist()  # frequent too, but never in the seed's slots
    False
    """
    _check_options(top=top, window=window, min_count=min_count, max_words=max_words)
    query = tokenize(seed)
    if not query:
        raise OptionError(f"seed {seed!r} has no word to look for")
    corpus = _Corpus.of(text_array(articles), dict(normalize_options or {}))
    seed_starts = corpus.find(query)
    if len(seed_starts) == 0:
        raise OptionError(f"seed {seed!r} does not occur in the corpus (clitic forms included); "
                          "check its spelling, or try a shorter or more common form")
    grams = _candidate_grams(corpus, max_words=max_words, min_count=min_count,
                             seed_stems=corpus.loose_key(query))
    rows = np.concatenate([grams.row, np.full(len(seed_starts), grams.n_grams, dtype=np.int64)])
    starts = np.concatenate([grams.start, seed_starts])
    ends = np.concatenate([grams.start + grams.length, seed_starts + len(query)]) - 1
    scores = _score(corpus, rows, starts, ends, n_rows=grams.n_grams + 1, window=window)
    similarity = scores.cosine() * grams.count / (grams.count + SHRINK)
    best = _top(similarity, top)
    return pd.DataFrame({
        "rank": np.arange(1, len(best) + 1, dtype=np.int64),
        "candidate": corpus.spell(grams, best),
        "term": corpus.term(grams, best),
        "count": grams.count[best].astype(np.int64),
        "similarity": np.clip(similarity[best], 0.0, 1.0),
        "shared": [scores.shared(r, corpus) for r in best.tolist()],
    }, columns=CANDIDATE_COLUMNS)


def _check_options(*, top: int, window: int, min_count: int, max_words: int) -> None:
    for name, value, low, high in [("top", top, 1, None), ("window", window, 1, MAX_WINDOW),
                                   ("min_count", min_count, 1, None), ("max_words", max_words, 1, MAX_WORDS)]:
        if not isinstance(value, int) or isinstance(value, bool) or value < low or (high and value > high):
            span = f"from {low} to {high}" if high else f"{low} or more"
            raise OptionError(f"{name} must be an integer {span}; got {value!r}")


@dataclass
class _Corpus:
    """Every token in reading order as codes: stem, normalised form, surface; its sentence; flags."""

    stem: np.ndarray
    norm: np.ndarray
    surface: np.ndarray
    sentence: np.ndarray
    #: a function word (or nothing once normalised) / a number
    stop: np.ndarray
    number: np.ndarray
    words: list[str]
    stems: list[str]
    norms: list[str]
    stem_spellings: list[str]
    stemmer: LightStemmer
    options: dict

    @classmethod
    def of(cls, texts, options: dict) -> _Corpus:
        stream, _ = sentence_stream(texts)
        words = stream.vocabulary
        normalized = normalize_many(words, **options)
        counts = np.bincount(stream.codes, minlength=len(words))
        stemmer = corpus_stemmer(normalized, counts, normalizer(**options))
        norm_of_word, norms = pd.factorize(pd.Index(normalized, dtype=object))
        stem_of_word, stems = pd.factorize(pd.Index([stemmer(w) for w in words], dtype=object))
        stops = arabic_stopwords() if not options else frozenset(normalize_many(sorted(arabic_stopwords()),
                                                                                  **options))
        is_stop = np.fromiter((not n or n in stops for n in normalized), dtype=bool, count=len(words))
        is_number = pc.match_substring_regex(stream.vocabulary_arrow, r"\p{Nd}").to_numpy(zero_copy_only=False)
        codes = stream.codes
        return cls(stem=stem_of_word.astype(np.int64)[codes], norm=norm_of_word.astype(np.int64)[codes],
                   surface=codes.astype(np.int64), sentence=stream.article.astype(np.int64),
                   stop=is_stop[codes], number=is_number[codes], words=words, stems=list(stems),
                   norms=list(norms), stem_spellings=term_spellings(words, counts, stem_of_word, len(stems)),
                   stemmer=stemmer, options=options)

    def __len__(self) -> int:
        return len(self.stem)

    @staticmethod
    def _codes(values: list[str], vocabulary: list[str]) -> list[int]:
        """Position of each value in ``vocabulary``, -1 when absent."""
        return pd.Index(vocabulary, dtype=object).get_indexer(pd.Index(values, dtype=object)).tolist()

    def loose_key(self, words: list[str]) -> np.ndarray:
        """Stem codes of ``words`` (-1 for a stem the corpus lacks)."""
        return np.asarray(self._codes([self.stemmer(w) for w in words], self.stems), dtype=np.int64)

    def find(self, words: list[str]) -> np.ndarray:
        """Where ``words`` start, their first word by stem, the others normalised, within one sentence."""
        first = self.loose_key(words[:1])[0]
        rest = self._codes(normalize_many(words[1:], **self.options), self.norms)
        if first < 0 or min(rest, default=0) < 0:
            return np.zeros(0, dtype=np.int64)
        at = np.flatnonzero(self.stem == first)
        at = at[at + len(rest) < len(self)]
        for k, code in enumerate(rest, start=1):
            at = at[(self.norm[at + k] == code) & (self.sentence[at + k] == self.sentence[at])]
        return at

    def spell(self, grams: _Grams, rows: np.ndarray) -> list[str]:
        """Each n-gram's commonest surface form."""
        out = []
        for r in rows.tolist():
            at = grams.start[grams.row == r]
            n = int(grams.n_words[r])
            forms = np.stack([self.surface[at + k] for k in range(n)], axis=1)
            uniq, counts = np.unique(forms, axis=0, return_counts=True)
            out.append(" ".join(self.words[c] for c in uniq[np.argmax(counts)].tolist()))
        return out

    def term(self, grams: _Grams, rows: np.ndarray) -> list[str]:
        """Each n-gram's key: its first word's stem, then the other words normalised."""
        out = []
        for r in rows.tolist():
            at = int(grams.first[r])
            n = int(grams.n_words[r])
            out.append(" ".join([self.stems[self.stem[at]], *(self.norms[self.norm[at + k]] for k in range(1, n))]))
        return out


@dataclass
class _Grams:
    """Occurrences of the candidate n-grams: ``row`` (candidate id), ``start``, ``length``."""

    row: np.ndarray
    start: np.ndarray
    length: np.ndarray
    count: np.ndarray
    n_words: np.ndarray
    #: one occurrence of each candidate
    first: np.ndarray

    @property
    def n_grams(self) -> int:
        return len(self.count)


def _candidate_grams(corpus: _Corpus, *, max_words: int, min_count: int, seed_stems: np.ndarray) -> _Grams:
    """Every n-gram of 1..``max_words`` words that may be a name, seen ``min_count`` times or more."""
    n_tokens = len(corpus)
    rows, starts, lengths, counts, n_words, firsts = [], [], [], [], [], []
    offset = 0
    key = corpus.stem
    clean = ~corpus.number
    for n in range(1, max_words + 1):
        m = n_tokens - n + 1
        if m <= 0:
            break
        if n > 1:
            # the (n-1)-gram's dense id and the next word; re-factorised below so keys never overflow
            key = key[:m] * (len(corpus.norms) + 1) + corpus.norm[n - 1:]
            clean = clean[:m] & ~corpus.number[n - 1:]
        ok = clean & ~corpus.stop[:m] & ~corpus.stop[n - 1:] & (corpus.sentence[:m] == corpus.sentence[n - 1:])
        at = np.flatnonzero(ok)
        codes = pd.factorize(key[at])[0]  # hashing: faster than sorting millions of keys
        count = np.bincount(codes)
        first = np.empty(len(count), dtype=np.int64)
        first[codes[::-1]] = at[::-1]  # the last write wins: each n-gram's first occurrence
        keep = (count >= min_count) & ~_overlaps_seed(corpus, first, n, seed_stems)
        new_id = np.cumsum(keep) - 1 + offset
        occ = keep[codes]
        rows.append(new_id[codes[occ]])
        starts.append(at[occ])
        lengths.append(np.full(int(occ.sum()), n, dtype=np.int64))
        counts.append(count[keep])
        n_words.append(np.full(int(keep.sum()), n, dtype=np.int64))
        firsts.append(first[keep])
        offset += int(keep.sum())
        if n < max_words:
            key = pd.factorize(key)[0].astype(np.int64)
    return _Grams(*(np.concatenate(p) for p in (rows, starts, lengths, counts, n_words, firsts)))


def _overlaps_seed(corpus: _Corpus, starts: np.ndarray, n: int, seed: np.ndarray) -> np.ndarray:
    """Whether the n-grams at ``starts`` contain the seed or lie inside it (compared by stems)."""
    m = len(seed)
    out = np.zeros(len(starts), dtype=bool)
    big, small = (n, m) if n >= m else (m, n)
    for o in range(big - small + 1):
        match = np.ones(len(starts), dtype=bool)
        for k in range(small):
            if n >= m:  # the seed inside the n-gram, at offset o
                match &= corpus.stem[starts + o + k] == seed[k]
            else:  # the n-gram inside the seed, at offset o
                match &= corpus.stem[starts + k] == seed[o + k]
        out |= match
    return out


def _neighbours(corpus: _Corpus, d: int) -> np.ndarray:
    """For every token, the stem code of the word ``d`` places away (``d < 0``: before) in the
    same sentence, or -1."""
    n = len(corpus)
    out = np.full(n, -1, dtype=np.int64)
    src, dst = (slice(0, max(n + d, 0)), slice(-d, n)) if d < 0 else (slice(d, n), slice(0, max(n - d, 0)))
    ok = corpus.sentence[src] == corpus.sentence[dst]
    out[dst] = np.where(ok, corpus.stem[src], -1)
    return out


def _score(corpus: _Corpus, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, *, n_rows: int,
           window: int) -> _Scores:
    """PPMI context vectors of every row (the last row is the seed) compared with the seed's, slot by slot.

    A slot is one position: the d-th word before the n-gram or the d-th after.  Each slot is
    weighted on its own ("X before" and "X after" are different contexts) and only adds
    its terms to the dot products and norms, so slots run in parallel and memory stays
    one slot's worth.  (A bag of words further out, tried on the ANT corpus, pulled in
    places and topics, "دمشق", "الغوطة الشرقية", rather than names: positions say *what
    slot* a word fills, which is what two names of one actor share.)
    """
    slots = [(starts, -d) for d in range(1, window + 1)] + [(ends, d) for d in range(1, window + 1)]
    n_stems = len(corpus.stems)

    def run(slot: tuple[np.ndarray, int]) -> tuple[np.ndarray, ...]:
        anchor, d = slot
        context = _neighbours(corpus, d)[anchor]
        ok = context >= 0
        return _slot_scores(rows[ok] * n_stems + context[ok], n_rows=n_rows, n_stems=n_stems, side=int(d > 0))

    with ThreadPoolExecutor(min(len(slots), os.cpu_count() or 1)) as pool:
        parts = list(pool.map(run, slots))
    dot, norm2, seed2 = (sum(p[i] for p in parts) for i in range(3))
    return _Scores(dot, norm2, float(seed2), *(np.concatenate([p[i] for p in parts]) for i in range(3, 6)))


def _slot_scores(keys: np.ndarray, *, n_rows: int, n_stems: int, side: int) -> tuple[np.ndarray, ...]:
    """One slot's share of the dot products with the seed (the last row) and of the squared norms,
    and the cells both share: (row, side * n_stems + stem, gain)."""
    cells, count = np.unique(keys, return_counts=True)
    row, stem = cells // n_stems, cells % n_stems
    row_total = np.bincount(row, count, minlength=n_rows)
    context = np.bincount(stem, count, minlength=n_stems) ** CONTEXT_ALPHA
    with np.errstate(divide="ignore"):
        pmi = np.log(count * context.sum() / (row_total[row] * context[stem]))
    keep = pmi > 0
    row, stem, weight, count = row[keep], stem[keep], pmi[keep], count[keep]
    seed, seed_count = np.zeros(n_stems), np.zeros(n_stems)
    is_seed = row == n_rows - 1
    seed[stem[is_seed]], seed_count[stem[is_seed]] = weight[is_seed], count[is_seed]
    gain = weight * seed[stem]
    both = (gain > 0) & ~is_seed
    # what a reader is shown: strong contexts that both sides meet more than once or twice
    evidence = gain[both] * np.log1p(np.minimum(count[both], seed_count[stem[both]]))
    return (np.bincount(row, gain, minlength=n_rows)[:-1], np.bincount(row, weight ** 2, minlength=n_rows)[:-1],
            seed @ seed, row[both], side * n_stems + stem[both], evidence)


@dataclass
class _Scores:
    """Dot products of each candidate's context vector with the seed's, the squared norms, and
    the shared cells (row, feature = side * n_stems + stem, gain = product of the two weights
    times the log of the rarer side's count of that context)."""

    dot: np.ndarray
    norm2: np.ndarray
    seed2: float
    row: np.ndarray
    feature: np.ndarray
    gain: np.ndarray

    def cosine(self) -> np.ndarray:
        norm = np.sqrt(self.norm2 * self.seed2)
        return np.divide(self.dot, norm, out=np.zeros(len(norm)), where=norm > 0)

    def shared(self, row: int, corpus: _Corpus) -> str:
        """The contexts that add most to ``row``'s similarity, pooled over positions on each side."""
        cells = self.row == row
        by = pd.Series(self.gain[cells]).groupby(self.feature[cells]).sum()
        by = by.sort_values(ascending=False, kind="stable").head(N_SHARED)
        n_stems = len(corpus.stems)
        marks = ("{} …", "… {}")
        return "، ".join(marks[f // n_stems].format(corpus.stem_spellings[f % n_stems]) for f in by.index.tolist())


def _top(similarity: np.ndarray, top: int) -> np.ndarray:
    """Rows of the ``top`` highest similarities (> 0), best first, ties in row order."""
    order = np.lexsort((np.arange(len(similarity)), -similarity))
    order = order[similarity[order] > 0]
    return order[:top]
