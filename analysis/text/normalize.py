"""Arabic normalisation for counting (never for display: the original text is kept).

One small pure function per step, with its character table as data, and
:func:`normalize` to run the steps a caller switches on.  Defaults follow what an
Arabic reader counts as "the same word" in news:

===================  =======  ===============================================
step                 default  effect
===================  =======  ===============================================
``nfkc``             on       presentation forms and ligatures to letters (ﻻ -> لا)
``invisible``        on       drop bidi marks, zero-width chars, stray U+FEFF
``tashkeel``         on       drop diacritics (مُحَمَّد -> محمد)
``tatweel``          on       drop the kashida ـ (الـمعارضة -> المعارضة)
``alef``             on       أ إ آ ٱ -> ا
``yeh``              on       ى -> ي (the seed's title writes "فى")
``teh_marbuta``      off      ة -> ه (merges مدرسة/مدرسه, but also ة/ه words)
``digits``           on       ٠-٩ and ۰-۹ -> 0-9, ٫ -> . and ٬ -> ,
``casefold``         on       Latin case (Reuters -> reuters)
===================  =======  ===============================================
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from analysis.errors import OptionTypeError

#: Bidi controls, zero-width characters (and the word joiner), the BOM used as a zero-width
#: no-break space, and the soft hyphen.
INVISIBLE = ("\u200b\u200c\u200d\u200e\u200f\u061c\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
             "\u2060\u00ad")
#: Arabic diacritics: harakat, tanween, shadda, sukun, superscript alef, Quranic marks.
TASHKEEL = "".join(
    chr(c)
    for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E5),
              0x06E7, 0x06E8, *range(0x06EA, 0x06EE), *range(0x08D3, 0x08E2), *range(0x08E3, 0x0900)]
)
TATWEEL = "\u0640"
#: Hamza-carrying and wasla alef forms, all read as bare alef when counting.
ALEF_FORMS = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627"}
YEH_FORMS = {"\u0649": "\u064a"}  # alef maqsura -> yeh
TEH_MARBUTA_FORMS = {"\u0629": "\u0647"}
DIGIT_FORMS = {
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Eastern (Persian/Urdu)
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
}


#: Letters whose compatibility form is a space and a mark: the isolated harakat and shadda
#: ligatures of the presentation forms (U+FE70 "ﹰ" is " " + U+064B) and the Greek
#: ypogegrammeni.  NFKC would leave a space inside the word they are written in; they are read
#: as their mark alone.
SPACED_MARKS = {c: unicodedata.normalize("NFKC", c).lstrip(" ")
                for c in ["\u037a", *map(chr, range(0xFC5E, 0xFC64)), *map(chr, range(0xFE70, 0xFE7F, 2))]}
_SPACED_MARKS_RE = re.compile("[" + "".join(SPACED_MARKS) + "]")


def _table(mapping: dict[str, str] | str) -> dict[int, str | None]:
    if isinstance(mapping, str):
        return {ord(c): None for c in mapping}
    return {ord(k): v for k, v in mapping.items()}


def remove_invisible(text: str) -> str:
    """Drop bidi controls, zero-width characters and stray U+FEFF.

    >>> remove_invisible("\u200fالأناضول\ufeff")
    'الأناضول'
    """
    return text.translate(_table(INVISIBLE))


def remove_tashkeel(text: str) -> str:
    """Drop Arabic diacritics (harakat, tanween, shadda, sukun, dagger alef).

    >>> remove_tashkeel("مُحَمَّدٌ")
    'محمد'
    """
    return text.translate(_table(TASHKEEL))


def remove_tatweel(text: str) -> str:
    """Drop the kashida used to stretch words.

    >>> remove_tatweel("الـمـعارضة")
    'المعارضة'
    """
    return text.translate(_table(TATWEEL))


def normalize_alef(text: str) -> str:
    """Read أ إ آ ٱ as bare alef.

    >>> normalize_alef("أكد إن الآن")
    'اكد ان الان'
    """
    return text.translate(_table(ALEF_FORMS))


def normalize_yeh(text: str) -> str:
    """Read alef maqsura ى as yeh ي.

    >>> normalize_yeh("فى مستشفى")
    'في مستشفي'
    """
    return text.translate(_table(YEH_FORMS))


def normalize_teh_marbuta(text: str) -> str:
    """Read teh marbuta ة as heh ه (off by default in :func:`normalize`).

    >>> normalize_teh_marbuta("المعارضة")
    'المعارضه'
    """
    return text.translate(_table(TEH_MARBUTA_FORMS))


def normalize_digits(text: str) -> str:
    """Write Arabic-Indic and Eastern digits, ٫ and ٬ the Western way.

    >>> normalize_digits("٤٠٠ و۱۲ و٢٫٥")
    '400 و12 و2.5'
    """
    return text.translate(_table(DIGIT_FORMS))


def normalize_nfkc(text: str) -> str:
    """Unicode NFKC: presentation forms and ligatures back to plain letters.

    >>> normalize_nfkc("ﺍﻟﻤﻌﺎﺭﺿﺔ ﻻ")
    'المعارضة لا'
    """
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=64)
def _combined_table(invisible: bool, tashkeel: bool, tatweel: bool, alef: bool, yeh: bool, teh_marbuta: bool,
                    digits: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for enabled, chars in ((invisible, INVISIBLE), (tashkeel, TASHKEEL), (tatweel, TATWEEL), (alef, ALEF_FORMS),
                           (yeh, YEH_FORMS), (teh_marbuta, TEH_MARBUTA_FORMS), (digits, DIGIT_FORMS)):
        if enabled:
            table.update(_table(chars))
    return table


def normalize(
    text: str,
    *,
    nfkc: bool = True,
    invisible: bool = True,
    tashkeel: bool = True,
    tatweel: bool = True,
    alef: bool = True,
    yeh: bool = True,
    teh_marbuta: bool = False,
    digits: bool = True,
    casefold: bool = True,
) -> str:
    """Normalise Arabic text for counting; every step can be switched off.

    >>> normalize("وأكّد المُتحدّث لـمراسل الأناضول فى إدلب ٤٠٠ Reuters")
    'واكد المتحدث لمراسل الاناضول في ادلب 400 reuters'
    >>> normalize("المعارضة", teh_marbuta=True)
    'المعارضه'
    >>> normalize("أكد", alef=False)
    'أكد'
    """
    table = _combined_table(invisible, tashkeel, tatweel, alef, yeh, teh_marbuta, digits)
    if not nfkc or text.isascii():
        text = text.translate(table)
        return text.casefold() if casefold else text
    if _SPACED_MARKS_RE.search(text):
        text = text.translate(_table(SPACED_MARKS))
    text = _settle(text, table)
    if casefold:
        folded = text.casefold()
        if folded != text:
            text = _settle(folded, table)
    return text


def _settle(text: str, table: dict[int, str | None]) -> str:
    """NFKC and the character table, again until nothing changes.

    Dropping a mark can let two characters compose ("A" + U+0653 + U+0300 -> "À") and a mapped
    letter can take a following mark ("إ" + U+0654 -> "أ"): one pass is not always stable, and
    normalising twice must be normalising once.  Case folding comes after the text settled (it
    does not commute with NFKC), so that ``normalize(normalize(t, casefold=False)) == normalize(t)``.
    """
    text = unicodedata.normalize("NFKC", text).translate(table)
    for _ in range(8):
        if unicodedata.is_normalized("NFKC", text):
            break
        text = unicodedata.normalize("NFKC", text).translate(table)
    return text


def normalize_many(words: list[str], **options: bool) -> list[str]:
    """Normalise many single words (no whitespace inside) at once, as :func:`normalize` would.

    One pass over the joined words instead of one call per word: the steps never
    create, remove or move a line break, so splitting back on it is exact.

    >>> normalize_many(["أكّد", "فى", "ﻻ", "٤٠٠"])
    ['اكد', 'في', 'لا', '400']
    """
    if not words:
        return []
    joined = "\n".join(words)
    if joined.count("\n") != len(words) - 1:
        return [normalize(w, **options) for w in words]
    out = normalize(joined, **options).split("\n")
    return out if len(out) == len(words) else [normalize(w, **options) for w in words]


def normalizer(**options: bool):
    """Return ``normalize`` with fixed options, for mapping over many words.

    >>> norm = normalizer(teh_marbuta=True)
    >>> [norm(w) for w in ["المعارضة", "إدلب"]]
    ['المعارضه', 'ادلب']
    """
    unknown = set(options) - {"nfkc", "invisible", "tashkeel", "tatweel", "alef", "yeh", "teh_marbuta", "digits",
                              "casefold"}
    if unknown:
        raise OptionTypeError(f"unknown normalisation option(s): {', '.join(sorted(unknown))}")

    def norm(text: str) -> str:
        return normalize(text, **options)

    return norm


# --- normalisation that keeps offsets (matching with evidence) ------------------------------------
# Used to find words and phrases in a text and report them as written, at their offsets.

_DROP = frozenset(TASHKEEL + TATWEEL + INVISIBLE)
# Every step below maps one character to one character, so a text without droppable
# characters or presentation forms keeps its offsets: the common, fast case.
# Farsi yeh and keheh (ی ک) also turn up in Arabic news copied from other sources.
_MAP = str.maketrans({**ALEF_FORMS, **YEH_FORMS, **DIGIT_FORMS, **{chr(c): chr(c + 32) for c in range(65, 91)},
                      "\u06cc": "\u064a", "\u06a9": "\u0643", "\u00a0": " ", "\u202f": " ", "\u2009": " "})
_SLOW_RE = re.compile("[" + re.escape("".join(sorted(_DROP))) + "\ufb50-\ufdff\ufe70-\ufefc]")
_DROP_RE = re.compile("[" + re.escape("".join(sorted(_DROP))) + "]+")
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
# Text in decomposed form (NFD, as some editors save it) writes أ ؤ ئ آ as a letter and a
# combining hamza or madda; NFKC composes them, so the matching form must too.
_COMPOSING = "\u0653\u0654\u0655"
_SLOW_CHARS_RE = re.compile(f"[{_COMPOSING}\ufb50-\ufdff\ufe70-\ufefc]")


def _composed(text: str, i: int, out: list[str], index: list[int]) -> bool:
    """Compose the combining hamza/madda ``text[i]`` with the letter it follows, as NFKC would.

    The letter is the last one kept in ``out`` when only lower-class marks (harakat, shadda)
    stand between them in ``text``; the composed letter replaces it, alef forms read as alef.
    """
    mark = unicodedata.combining(text[i])
    k = i - 1
    while k >= 0 and 0 < unicodedata.combining(text[k]) < mark:
        k -= 1
    if k < 0 or not index or index[-1] != k or len(out[-1]) != 1:
        return False
    both = unicodedata.normalize("NFC", text[k] + text[i])
    if len(both) != 1:
        return False
    out[-1] = both.translate(_MAP)
    return True


@dataclass(frozen=True)
class NormText:
    """A text normalised for matching, with the way back to the original offsets.

    ``norm`` is ``text`` with alef/yeh/digit forms unified, Latin lower-cased, tashkeel,
    tatweel and invisible marks dropped and presentation forms decomposed.  ``index``
    maps each position of ``norm`` to a position of ``text`` (``None``: the same).

    >>> nt = NormText.of("وأكّد المتحدث")
    >>> nt.norm
    'واكد المتحدث'
    >>> a, b = nt.span(0, 4)
    >>> nt.text[a:b]
    'وأكّد'
    """

    text: str
    norm: str
    index: list[int] | None = None

    @classmethod
    def of(cls, text: str) -> NormText:
        norm, index = normalize_with_offsets(text)
        return cls(text, norm, index)

    def pos(self, i: int) -> int:
        """Original offset of the character at ``norm[i]`` (``len(text)`` past the end)."""
        if self.index is None:
            return i
        return self.index[i] if i < len(self.index) else len(self.text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of ``norm[start:end]``; a trailing dropped mark stays with its letter."""
        if self.index is None:
            return start, end
        if end <= start:
            p = self.pos(start)
            return p, p
        a, b = self.index[start], self.index[end - 1] + 1
        while b < len(self.text) and self.text[b] in _DROP:  # "مُحَمَّدٌ" keeps its last mark
            b += 1
        return a, b

    def to_norm(self, i: int) -> int:
        """First ``norm`` position at or after original offset ``i``."""
        return i if self.index is None else bisect_left(self.index, i)

    def orig(self, start: int, end: int) -> str:
        """The original text of ``norm[start:end]``."""
        a, b = self.span(start, end)
        return self.text[a:b]


def normalize_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Normalise ``text`` for matching and return ``(norm, index)``.

    ``index[i]`` is the offset in ``text`` of ``norm[i]``, or ``index`` is ``None`` when
    every character kept its place (no tashkeel, tatweel, invisible marks or
    presentation forms to drop or expand).  Same steps as
    :func:`analysis.text.normalize.normalize` with its defaults, minus case folding beyond ASCII.

    >>> normalize_with_offsets("قالت رويترز ٤٠٠")
    ('قالت رويترز 400', None)
    >>> normalize_with_offsets("لـمراسل")
    ('لمراسل', [0, 2, 3, 4, 5, 6])
    """
    if not _SLOW_RE.search(text):
        return text.translate(_MAP), None
    index: list[int] = []
    if not _SLOW_CHARS_RE.search(text):
        # only characters to drop: copy the runs between them (much faster than char by char)
        pieces, pos = [], 0
        for m in _DROP_RE.finditer(text):
            if m.start() > pos:
                pieces.append(text[pos:m.start()])
                index.extend(range(pos, m.start()))
            pos = m.end()
        pieces.append(text[pos:])
        index.extend(range(pos, len(text)))
        return "".join(pieces).translate(_MAP), index
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            if ch in _COMPOSING:
                _composed(text, i, out, index)
            continue
        if "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufefc":
            ch = "".join(c for c in SPACED_MARKS.get(ch) or unicodedata.normalize("NFKC", ch) if c not in _DROP)
        ch = ch.translate(_MAP)
        out.append(ch)
        index.extend([i] * len(ch))
    return "".join(out), index


def norm(text: str) -> str:
    """The matching form of a short string (a pattern, a cue word).

    >>> norm("الأناضول")
    'الاناضول'
    """
    return normalize_with_offsets(text)[0]
