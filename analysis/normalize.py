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

import unicodedata
from functools import lru_cache

#: Bidi controls, zero-width characters and the BOM used as a zero-width no-break space.
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u061c\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad"
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
    if nfkc and not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.translate(_combined_table(invisible, tashkeel, tatweel, alef, yeh, teh_marbuta, digits))
    return text.casefold() if casefold else text


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
        raise TypeError(f"unknown normalisation option(s): {', '.join(sorted(unknown))}")

    def norm(text: str) -> str:
        return normalize(text, **options)

    return norm
