"""How a counted term is shown: its most frequent written form, the written part a stem stands for, the
spellings of a term folded from variants.  Both engines spell terms with these functions.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from analysis.text.normalize import normalizer


def display_spellings(words: list[str], counts: np.ndarray, variant_of_word: np.ndarray, variants: list[str],
                      term_of_word: np.ndarray, n_terms: int, *, stem: bool,
                      options: Mapping[str, bool] | None = None) -> list[str]:
    """How each term is shown: its most frequent spelling; for a stem, the part of that spelling the
    stem stands for ("رئيس" for "الرئيس"); for a term folded from variants, each variant's spelling,
    most frequent first ("ترامب / ترمب").  Both engines spell terms here.

    ``words[i]`` occurs ``counts[i]`` times, is the variant ``variant_of_word[i]`` (a term before
    spelling variants are folded: the normalised word, or its stem) and is counted as the term
    ``term_of_word[i]``.

    >>> words, counts = ["الرئيس", "رئيس", "ترامب", "ترمب"], np.array([5, 2, 3, 1])
    >>> display_spellings(words, counts, np.array([0, 0, 1, 2]), ["رئيس", "ترامب", "ترمب"],
    ...                   np.array([0, 0, 1, 1]), 2, stem=True)
    ['رئيس', 'ترامب / ترمب']
    """
    n_variants = len(variants)
    spelled = term_spellings(words, counts, variant_of_word, n_variants)
    if stem:
        norm = normalizer(**dict(options or {}))
        spelled = [written_part(s, v, norm) for s, v in zip(spelled, variants, strict=True)]
    variant_of_word = np.asarray(variant_of_word, dtype=np.int64)
    totals = np.bincount(variant_of_word, weights=counts, minlength=n_variants)
    term_of_variant = np.full(n_variants, -1, dtype=np.int64)
    term_of_variant[variant_of_word] = term_of_word
    out = [""] * n_terms
    shown: dict[int, list[tuple[float, str]]] = {}
    for t, total, spelling in zip(term_of_variant.tolist(), totals.tolist(), spelled, strict=True):
        if t >= 0 and spelling:
            shown.setdefault(t, []).append((-total, spelling))
    for t, found in shown.items():
        out[t] = found[0][1] if len(found) == 1 else " / ".join(dict.fromkeys(s for _, s in sorted(found)))
    return out


def first_spelling(shown: str) -> str:
    """The most frequent of the spellings :func:`display_spellings` lists (n-grams show that one)."""
    return shown.split(" / ", 1)[0]


def written_part(spelling: str, stem: str, norm=None) -> str:
    """The part of a written word a stem stands for: the clitics cut off, the writing kept.

    >>> written_part("الرئيس", "رئيس"), written_part("للأناضول", "اناضول"), written_part("عمليتهم", "عملية")
    ('رئيس', 'أناضول', 'عملية')
    """
    norm = norm or normalizer()
    if norm(spelling) == stem:
        return spelling
    n = len(spelling)
    for end_cut in range(4):
        for start_cut in range(5):
            piece = spelling[start_cut:n - end_cut]
            if len(piece) < len(stem):
                break
            if norm(piece) == stem:
                return piece
    return stem


def term_spellings(words: list[str], counts: np.ndarray, term_of_word: np.ndarray, n_terms: int) -> list[str]:
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
