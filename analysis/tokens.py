"""Tokenisation of Arabic news text: Arabic, Latin and numbers in every digit system.

A token is a run of letters or digits that may carry Arabic diacritics, tatweel and
invisible format characters (bidi marks, zero-width joiners, a stray U+FEFF) inside
it, so that "مُحَمَّد", "الـمعارضة" or a word with an RLM in the middle stays one
token.  A number keeps its decimal and thousands separators ("1.5", "٢٫٥", "1,000").
Punctuation, quotes, hashtags and underscores separate tokens.

The same definition has two implementations: :func:`tokenize` / :func:`iter_tokens`
(one text, with character offsets) and :func:`tokenize_many` (a whole corpus at once,
vectorised with Arrow, used for counting).  Tests hold them equal on real corpora.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

#: Combining marks that may sit inside a word: Arabic tashkeel, Quranic marks,
#: superscript alef, and the generic Latin combining block.
MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u08d3-\u08ff"
#: Invisible format characters met inside words in scraped news: ZWNJ, ZWJ, LRM, RLM,
#: ALM, BOM/ZWNBSP, bidi embeddings/overrides and isolates.
FORMAT_CHARS = "\u200c\u200d\u200e\u200f\u061c\ufeff\u202a-\u202e\u2066-\u2069"
#: Separators allowed between digits inside one number.
NUMBER_SEPARATORS = ".,\u066b\u066c"

_INNER = f"[{MARKS}{FORMAT_CHARS}]"
TOKEN_PATTERN = (
    rf"{_INNER}*(?:[^\W\d_]{_INNER}*)*\d+(?:[{NUMBER_SEPARATORS}]\d+)+"  # a number with separators ("و2.5")
    rf"|{_INNER}*[^\W_](?:[^\W_]|{_INNER})*"  # a word or a plain number
)
TOKEN_RE = re.compile(TOKEN_PATTERN)

# A chunk made only of letters and decimal digits is exactly one token (Python's
# [^\W_] is the same set of letters and digits).
_SIMPLE_TOKEN = r"^[\p{L}\p{Nd}]+$"
# Punctuation that may be trimmed off both ends of a whitespace-separated chunk: none of
# it can belong to a token there (a separator only counts between two digits).
_EDGE_PUNCTUATION = (
    "\u060c\u061b\u061f\u066a\u066b\u066c\u06d4!?.,:;\"'()[]{}\u00ab\u00bb\u201c\u201d\u2018\u2019\u2026"
    "-\u2013\u2014/\\|*#@%&+=<>_~^`$"
)


def iter_tokens(text: str) -> Iterator[re.Match]:
    """Yield one regex match per token of ``text`` (``.group()``, ``.start()``, ``.end()``).

    >>> [m.group() for m in iter_tokens("قتل 12 عنصرا، و«داعش» ينسحب.")]
    ['قتل', '12', 'عنصرا', 'و', 'داعش', 'ينسحب']
    """
    return TOKEN_RE.finditer(text)


def tokenize(text: str) -> list[str]:
    """Split ``text`` into surface tokens, as written (no normalisation).

    >>> tokenize("أسرت قوات المعارضة ٤٠٠ عنصر بنسبة 2.5% (Anadolu)")
    ['أسرت', 'قوات', 'المعارضة', '٤٠٠', 'عنصر', 'بنسبة', '2.5', 'Anadolu']
    """
    return TOKEN_RE.findall(text)


def count_words(texts: Sequence[str] | pa.Array) -> np.ndarray:
    """Number of tokens in each text, as :func:`tokenize` counts them (vectorised).

    >>> count_words(["قال المتحدث", "", "400 عنصر من داعش"]).tolist()
    [2, 0, 4]
    """
    chunked = tokenize_many(texts)
    return np.bincount(chunked.article, minlength=chunked.n_texts)


class TokenStream:
    """Every token of a corpus in reading order, as integer codes into ``vocabulary``.

    ``codes[i]`` is the token, ``article[i]`` the index of the text it came from.
    """

    __slots__ = ("vocabulary", "codes", "article", "n_texts")

    def __init__(self, vocabulary: list[str], codes: np.ndarray, article: np.ndarray, n_texts: int):
        self.vocabulary = vocabulary
        self.codes = codes
        self.article = article
        self.n_texts = n_texts

    def __len__(self) -> int:
        return len(self.codes)


def _split_and_encode(texts: pa.Array) -> tuple[pa.DictionaryArray, np.ndarray]:
    """Whitespace-separated chunks of ``texts``, dictionary-encoded, and how many per text."""
    pieces = pc.utf8_split_whitespace(texts)
    encoded = pc.dictionary_encode(pc.list_flatten(pieces))
    return encoded, pc.list_value_length(pieces).to_numpy(zero_copy_only=False)


def _text_slices(arr: pa.Array, n: int) -> list[tuple[int, pa.Array]]:
    size = max(1, -(-len(arr) // n))
    return [(start, arr.slice(start, size)) for start in range(0, len(arr), size)] or [(0, arr)]


def tokenize_many(texts: Sequence[str] | pa.Array, *, threads: int | None = None) -> TokenStream:
    """Tokenise many texts at once; same tokens as :func:`tokenize`, in the same order.

    Arrow splits the texts on whitespace and hashes the pieces (C++, on ``threads``
    threads, default: all cores); each distinct piece is then tokenised once (trimmed
    of punctuation when that leaves a plain word, else by :data:`TOKEN_RE`), and the
    results are spread back over the corpus with NumPy.

    >>> s = tokenize_many(["قال المتحدث", "المتحدث قال: 400"])
    >>> [s.vocabulary[c] for c in s.codes], s.article.tolist()
    (['قال', 'المتحدث', 'المتحدث', 'قال', '400'], [0, 0, 1, 1, 1])
    """
    arr = texts if isinstance(texts, (pa.Array, pa.ChunkedArray)) else pa.array(list(texts), type=pa.large_string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    arr = pc.fill_null(arr, "")
    n_texts = len(arr)
    threads = threads or min(os.cpu_count() or 1, 8)
    slices = _text_slices(arr, threads if n_texts >= 1000 else 1)
    with ThreadPoolExecutor(len(slices)) as pool:
        parts = list(pool.map(lambda item: _split_and_encode(item[1]), slices))
    unified = pa.chunked_array([enc for enc, _ in parts], type=parts[0][0].type).unify_dictionaries()
    chunk_codes = np.concatenate([c.indices.to_numpy() for c in unified.chunks])
    pieces_per_text = np.concatenate([n for _, n in parts])
    chunks = unified.chunk(0).dictionary if unified.num_chunks else pa.array([], pa.large_string())
    n_chunks = len(chunks)

    # Most chunks are one plain token once the punctuation around them is trimmed
    # ("سوريا،" -> "سوريا"); only the others go through TOKEN_RE.
    trimmed = pc.utf8_trim(chunks, characters=_EDGE_PUNCTUATION)
    simple = pc.match_substring_regex(trimmed, _SIMPLE_TOKEN).to_numpy(zero_copy_only=False)
    simple_ids = np.flatnonzero(simple)
    # Arrow may know letters that this Python's Unicode tables do not: ask Python too.
    python_agrees = np.fromiter((w.isalnum() for w in trimmed.take(pa.array(simple_ids)).to_pylist()), dtype=bool,
                                count=len(simple_ids))
    if not python_agrees.all():
        simple[simple_ids[~python_agrees]] = False
        simple_ids = simple_ids[python_agrees]
    tokens = pc.dictionary_encode(trimmed.take(pa.array(simple_ids)))
    vocabulary: list[str] = tokens.dictionary.to_pylist()
    first = np.full(n_chunks, -1, dtype=np.int32)
    first[simple_ids] = tokens.indices.to_numpy()
    index = {w: i for i, w in enumerate(vocabulary)}
    extra: dict[int, list[int]] = {}
    complex_ids = np.flatnonzero(~simple)
    for cid, chunk in zip(complex_ids.tolist(), chunks.take(pa.array(complex_ids)).to_pylist(), strict=True):
        ids = []
        for tok in TOKEN_RE.findall(chunk):
            code = index.get(tok)
            if code is None:
                code = index[tok] = len(vocabulary)
                vocabulary.append(tok)
            ids.append(code)
        if ids:
            first[cid] = ids[0]
        if len(ids) > 1:
            extra[cid] = ids[1:]

    # Every position gets the first token of its chunk (-1 when it has none); the
    # further tokens of the few multi-token chunks are inserted right after it.
    codes = first[chunk_codes]
    article = np.repeat(np.arange(n_texts, dtype=np.int32), pieces_per_text)
    if extra:
        is_multi = np.zeros(n_chunks, dtype=bool)
        is_multi[list(extra)] = True
        where = np.flatnonzero(is_multi[chunk_codes])
        rest = [extra[c] for c in chunk_codes[where].tolist()]
        sizes = np.fromiter((len(r) for r in rest), dtype=np.int64, count=len(rest))
        at = np.repeat(where + 1, sizes)
        codes = np.insert(codes, at, np.fromiter((c for r in rest for c in r), dtype=np.int32, count=int(sizes.sum())))
        article = np.insert(article, at, np.repeat(article[where], sizes))
    keep = codes >= 0
    return TokenStream(vocabulary, codes[keep], article[keep], n_texts)
