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
#: Invisible format characters met inside words in scraped news: ZWSP, ZWNJ, ZWJ, LRM, RLM,
#: ALM, BOM/ZWNBSP, word joiner, soft hyphen, bidi embeddings/overrides and isolates (the
#: characters :func:`analysis.text.normalize.remove_invisible` drops).
FORMAT_CHARS = "\u200b\u200c\u200d\u200e\u200f\u061c\ufeff\u2060\u00ad\u202a-\u202e\u2066-\u2069"
#: Separators allowed between digits inside one number.
NUMBER_SEPARATORS = ".,\u066b\u066c"

_INNER = f"[{MARKS}{FORMAT_CHARS}]"
# A token starts where a run of marks starts, never inside one: a match that could start inside
# the run could start at its beginning too, and trying every position of a long run of marks
# with no letter after them took time quadratic in its length.
TOKEN_PATTERN = (
    rf"(?<!{_INNER})(?:"
    rf"{_INNER}*(?:[^\W\d_]{_INNER}*)*\d+(?:[{NUMBER_SEPARATORS}]\d+)+"  # a number with separators ("و2.5")
    rf"|{_INNER}*[^\W_](?:[^\W_]|{_INNER})*"  # a word or a plain number
    r")"
)
TOKEN_RE = re.compile(TOKEN_PATTERN)



def _python_alnum_class() -> str:
    """An RE2 character class of every BMP character Python's ``str.isalnum`` accepts.

    Arrow's Unicode tables may be newer than this Python's; building the class from
    Python keeps "a plain word" the same thing on both sides.  Characters beyond the
    BMP are left to :data:`TOKEN_RE` (they are rare in news).
    """
    ranges, start = [], None
    for cp in range(0x10000):
        ok = chr(cp).isalnum() and not 0xD800 <= cp <= 0xDFFF
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            ranges.append((start, cp - 1))
            start = None
    return "".join(f"\\x{{{a:04X}}}" if a == b else f"\\x{{{a:04X}}}-\\x{{{b:04X}}}" for a, b in ranges)


# A chunk made only of these characters is exactly one token.
_SIMPLE_TOKEN = f"^[{_python_alnum_class()}]+$"
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
    ``vocabulary`` is a list of str; ``vocabulary_arrow`` the same words as Arrow.
    """

    __slots__ = ("vocabulary_arrow", "_vocabulary", "codes", "article", "n_texts")

    def __init__(self, vocabulary: list[str] | pa.Array, codes: np.ndarray, article: np.ndarray, n_texts: int):
        if isinstance(vocabulary, pa.Array):
            self.vocabulary_arrow, self._vocabulary = vocabulary, None
        else:
            self.vocabulary_arrow, self._vocabulary = pa.array(vocabulary, pa.large_string()), vocabulary
        self.codes = codes
        self.article = article
        self.n_texts = n_texts

    @property
    def vocabulary(self) -> list[str]:
        if self._vocabulary is None:
            self._vocabulary = self.vocabulary_arrow.to_pylist()
        return self._vocabulary

    def __len__(self) -> int:
        return len(self.codes)


def _split_and_encode(texts: pa.Array) -> tuple[pa.DictionaryArray, np.ndarray]:
    """Whitespace-separated chunks of ``texts``, dictionary-encoded, and how many per text."""
    pieces = pc.utf8_split_whitespace(texts)
    encoded = pc.dictionary_encode(pc.list_flatten(pieces))
    return encoded, pc.list_value_length(pieces).to_numpy(zero_copy_only=False)


def _text_slices(texts: pa.ChunkedArray, n: int) -> list[pa.Array]:
    """Zero-copy slices of ``texts`` in order, about ``n`` of them, none spanning two chunks."""
    size = max(1, -(-len(texts) // n))
    slices = []
    for chunk in texts.chunks:
        for start in range(0, len(chunk), size):
            piece = chunk.slice(start, size)
            slices.append(pc.fill_null(piece, "") if piece.null_count else piece)
    return slices or [pa.array([], pa.large_string())]


def tokenize_many(texts: Sequence[str] | pa.Array | pa.ChunkedArray, *, threads: int | None = None) -> TokenStream:
    """Tokenise many texts at once; same tokens as :func:`tokenize`, in the same order.

    Arrow splits the texts on whitespace and hashes the pieces (C++, on ``threads``
    threads, default: all cores, a slice of the corpus at a time to bound memory);
    each distinct piece is then tokenised once (trimmed of punctuation when that
    leaves a plain word, else by :data:`TOKEN_RE`), and the results are spread back
    over the corpus with NumPy.

    >>> s = tokenize_many(["قال المتحدث", "المتحدث قال: 400"])
    >>> [s.vocabulary[c] for c in s.codes], s.article.tolist()
    (['قال', 'المتحدث', 'المتحدث', 'قال', '400'], [0, 0, 1, 1, 1])
    """
    if isinstance(texts, pa.Array):
        texts = pa.chunked_array([texts])
    elif not isinstance(texts, pa.ChunkedArray):
        texts = pa.chunked_array([pa.array(list(texts), type=pa.large_string())])
    n_texts = len(texts)
    threads = threads or min(os.cpu_count() or 1, 8)
    slices = _text_slices(texts, threads if n_texts >= 1000 else 1)
    with ThreadPoolExecutor(threads) as pool:
        parts = list(pool.map(_split_and_encode, slices))
    unified = pa.chunked_array([enc for enc, _ in parts], type=parts[0][0].type).unify_dictionaries()
    pieces_per_text = np.concatenate([n for _, n in parts])
    del parts
    chunk_codes = np.concatenate([c.indices.to_numpy() for c in unified.chunks])
    chunks = unified.chunk(0).dictionary if unified.num_chunks else pa.array([], pa.large_string())
    del unified
    # Arrow keeps freed memory in its pool; hand it back before NumPy needs memory of its own.
    pa.default_memory_pool().release_unused()
    n_chunks = len(chunks)

    # Most chunks are one plain token once the punctuation around them is trimmed
    # ("سوريا،" -> "سوريا"); only the others go through TOKEN_RE.
    trimmed = pc.utf8_trim(chunks, characters=_EDGE_PUNCTUATION)
    simple = pc.match_substring_regex(trimmed, _SIMPLE_TOKEN).to_numpy(zero_copy_only=False)
    simple_ids = np.flatnonzero(simple)
    tokens = pc.dictionary_encode(trimmed.take(pa.array(simple_ids)))
    vocab_array = tokens.dictionary
    first = np.full(n_chunks, -1, dtype=np.int32)
    first[simple_ids] = tokens.indices.to_numpy()

    # The other chunks go through TOKEN_RE; their tokens are looked up among the plain ones.
    complex_ids = np.flatnonzero(~simple).tolist()
    found = [TOKEN_RE.findall(chunk) for chunk in chunks.take(pa.array(complex_ids, pa.int64())).to_pylist()]
    flat = [tok for toks in found for tok in toks]
    known = pc.index_in(pa.array(flat, pa.large_string()), value_set=vocab_array).to_numpy(zero_copy_only=False)
    new_words: dict[str, int] = {}
    flat_ids = []
    for tok, code in zip(flat, known.tolist(), strict=True):
        if code != code:  # NaN: not a plain token anywhere in this batch
            code = new_words.setdefault(tok, len(vocab_array) + len(new_words))
        flat_ids.append(int(code))
    if new_words:
        added = pa.array(list(new_words), pa.large_string())
        vocab_array = pa.concat_arrays([vocab_array.cast(pa.large_string()), added])
    extra: dict[int, list[int]] = {}
    at = 0
    for cid, toks in zip(complex_ids, found, strict=True):
        ids = flat_ids[at: at + len(toks)]
        at += len(toks)
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
    return TokenStream(vocab_array, codes[keep], article[keep], n_texts)
