"""Units: what a number counts or measures, reduced to one key, and the kind of claim it makes.

:func:`unit_key` reduces a unit as written to the key that groups all its forms
("عنصرا"/"عناصر"/"عنصر" -> "عنصر"); :func:`kind_of` names the claim's kind by that key.
The forms and kinds are data: ``analysis/lexicons/units.tsv`` (unit key, kind, forms that
the rules below cannot reduce: broken plurals, synonyms, abbreviations),
``singular_nouns_like_plurals.tsv``, ``percent_words.tsv``, ``area_volume_words.tsv``,
``currency_adjectives.tsv`` and ``dual_durations.tsv``.

>>> kind_of(unit_key("دولارات")), kind_of(unit_key("كم")), kind_of(unit_key("أيام")), kind_of(unit_key("قتلى"))
('money', 'distance', 'duration', 'count')
"""

from __future__ import annotations

import math
from functools import lru_cache

import pandas as pd

from analysis import lexicons
from analysis.claims.number_tokens import NumToken, word_key
from analysis.text.normalize import normalize

__all__ = ["AREA_WORDS", "CURRENCIES", "CURRENCY_ADJECTIVES", "DISTANCES", "PERCENT_PAIRS", "PERCENT_WORDS",
           "VOLUME_WORDS", "dual_count", "dual_duration", "dual_stems", "is_age", "is_plural_form", "kind_of",
           "unit_key"]


def _units() -> tuple[dict[str, str], dict[str, str]]:
    """units.tsv: (word key of a form -> unit key, unit key -> kind)."""
    lemmas: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for lemma, kind, forms in lexicons.load("units").rows:
        kinds[lemma] = kind
        for form in forms.split():
            lemmas[word_key(form)] = lemma
    return lemmas, kinds


_LEMMAS, _KINDS = _units()
CURRENCIES = frozenset(u for u, k in _KINDS.items() if k == "money")
DISTANCES = frozenset(u for u, k in _KINDS.items() if k == "distance")
# Units of a measured kind keep a masculine sound plural: "كيلوغرامات" -> كيلوغرام.
_MEASURED = frozenset(u for u, k in _KINDS.items() if k != "count")
_CLAIM_KIND = {"money": "money", "distance": "distance", "duration": "duration", "measure": "other"}
_KEEP = lexicons.words("singular_nouns_like_plurals")
_PERCENT_PHRASES = lexicons.words("percent_words")
PERCENT_WORDS = frozenset(p for p in _PERCENT_PHRASES if " " not in p)
PERCENT_PAIRS = frozenset(tuple(p.split()) for p in _PERCENT_PHRASES if " " in p)
_SHAPES = dict(lexicons.load("area_volume_words").rows)
AREA_WORDS = frozenset(w for w, shape in _SHAPES.items() if shape == "مربع")
VOLUME_WORDS = frozenset(w for w, shape in _SHAPES.items() if shape == "مكعب")
CURRENCY_ADJECTIVES = lexicons.words("currency_adjectives")
_DUAL_DURATIONS = {word_key(dual): unit for unit, duals in lexicons.load("dual_durations").rows
                   for dual in duals.split()}
# Counted nouns with a broken plural (عنصر/عناصر، جندي/جنود، عضو/أعضاء): their "ـين"/"ـان" is a dual.
_BROKEN_PLURALS = {word_key(lemma): lemma for lemma, kind, forms in lexicons.load("units").rows
                   if kind == "count" and any(not f.endswith(("ين", "ون", "ات")) for f in forms.split())}
_NOT_DUALS = lexicons.words("not_duals")


def dual_stems() -> list[str]:
    """The counted nouns whose "ـان"/"ـين" is a dual ("جندي" of "جنديان"), as word keys (ة → ه).

    >>> "جندي" in dual_stems() and "مقاتل" not in dual_stems()
    True
    """
    return sorted(_BROKEN_PLURALS)
_AGE = {role: frozenset(w for w, r in lexicons.load("age_cues").rows if r == role)
        for role in ("before", "after", "died")}


@lru_cache(maxsize=50_000)
def _lemma(word: str) -> str | None:
    """Key of one counted noun as written (clitic article stripped), or None if nothing is left."""
    norm = normalize(word)
    if norm in ("%", "\u066a"):
        return "%"
    for art in ("وال", "بال", "فال", "كال", "لل", "ال"):
        if norm.startswith(art) and len(norm) - len(art) >= 2:
            rest = norm[len(art):]
            # "لليلة" is ل + الليلة: the article's lam and the noun's merged
            if art == "لل" and ("ل" + rest in _MEASURED or word_key("ل" + rest) in _LEMMAS):
                rest = "ل" + rest
            norm = rest
            break
    key = word_key(norm)
    if key in _LEMMAS:
        return _LEMMAS[key]
    if key in _KEEP:
        return norm
    if key.endswith("ايا") and len(key) >= 5:  # ضحايا-like: قضايا -> قضية
        return norm[:-3] + "ية"
    if key.endswith("ات") and len(key) >= 5:
        stem = norm[:-2]
        skey = key[:-2]
        if stem in _MEASURED or (len(skey) >= 5 and skey[0] == "ا") or (
                len(skey) == 5 and skey[0] == "ت" and (skey[3] == "ي" or skey[2] == "ا")):
            return stem  # انتصارات، تغييرات، تعادلات، كيلوغرامات: masculine singulars
        return stem + "ة"
    if key.endswith(("ين", "ون")) and len(key) >= 5:
        return norm[:-2]
    if key.endswith("ا") and len(key) >= 4:  # accusative tanween alif: عنصرا، قتيلا
        stem = norm[:-1]
        return _LEMMAS.get(word_key(stem), stem)
    return norm


def unit_key(unit: str | None) -> str | None:
    """The grouping key of a unit as written: one lemma-like form for all the noun's forms.

    Plurals, the accusative "ـا", the article and spelling variants meet in one key;
    percent words become "%"; years and "عام" are "سنة"; "كم"/"كيلو متر" are
    "كيلومتر"; an area adds "مربع".  Keys are normalised (bare alef, ى -> ي).

    >>> [unit_key(w) for w in ["عنصرا", "عناصر", "عنصر", "أعوام", "عاما", "بالمئة", "كيلو متر", "قتلى"]]
    ['عنصر', 'عنصر', 'عنصر', 'سنة', 'سنة', '%', 'كيلومتر', 'قتيل']
    >>> unit_key("كيلومتر مربع"), unit_key("مقاتلين"), unit_key("سيارات"), unit_key(None)
    ('كيلومتر مربع', 'مقاتل', 'سيارة', None)
    """
    if unit is None or (isinstance(unit, float) and math.isnan(unit)) or unit is pd.NA:
        return None
    words = str(unit).split()
    if not words:
        return None
    keys = [word_key(w) for w in words]
    if keys[0] in PERCENT_WORDS or tuple(keys[:2]) in PERCENT_PAIRS or keys[0] in ("%", "\u066a"):
        return "%"
    if keys[0] == "كيلو" and len(keys) > 1:  # "كيلو متر", "كيلو غرام" written apart
        if keys[1] in ("متر", "مترا", "مترات"):
            return "كيلومتر"
        if keys[1] in ("غرام", "جرام", "غراما", "جراما"):
            return "كيلوغرام"
    lemma = _lemma(words[0])
    if lemma is None:
        return None
    if len(keys) > 1 and lemma in DISTANCES:
        if keys[1] in AREA_WORDS:
            return lemma + " مربع"
        if keys[1] in VOLUME_WORDS:
            return lemma + " مكعب"
    return lemma


def kind_of(unit: str | None) -> str:
    """The claim's kind for a unit key: count, percent, money, distance, duration or other.

    >>> kind_of("%"), kind_of("متر مربع"), kind_of("طن"), kind_of(None)
    ('percent', 'other', 'other', 'other')
    """
    if unit is None:
        return "other"
    if unit == "%":
        return "percent"
    if unit.endswith((" مربع", " مكعب")):
        return "other"
    return _CLAIM_KIND.get(_KINDS.get(unit, "count"), "count")


def is_plural_form(key: str) -> bool:
    """Whether a word key is a plural ("الأيام", "المطالب", "الجنود"): a listed form or a sound plural ending."""
    bare = key[2:] if key.startswith("ال") else key
    return bare in _LEMMAS or bare.endswith(("ات", "ين", "ون"))


def dual_duration(tok: NumToken) -> tuple[str, int] | None:
    """A dual noun of time ("يومين"، "لعامين"، "اليومين"): (unit key, clitic letters before it).

    >>> from analysis.claims.number_tokens import number_tokens
    >>> dual_duration(number_tokens("لعامين")[0])
    ('سنة', 1)
    """
    key = tok.key
    for pre in ("", "و", "ب", "ل", "ف", "ال", "وال", "بال", "لل", "ول", "وب"):
        if key.startswith(pre) and key[len(pre):] in _DUAL_DURATIONS:
            return _DUAL_DURATIONS[key[len(pre):]], len(pre) - (1 if pre == "لل" else 0)
    return None


def dual_count(tok: NumToken, nxt: NumToken | None) -> tuple[str, int] | None:
    """A dual noun that counts two ("غارتين"، "مرتين"، "جنديان"): (unit key, clitic letters).

    A feminine dual ("ـتين"، "ـتان") of a noun of three letters or more; a masculine dual ("ـين"، "ـان")
    of a counted noun whose plural is broken (units.tsv), so not a sound plural ("مقاتلين"), nor a
    participle in م ("موقعين إصابات").  The construct "ـي" ("عضوي المكتب") is left: it is also the
    construct of sound plurals and of singulars ("مصدري السيارات"، "نادي الاتفاق").  Definite duals
    ("الدولتين") name a known pair, not a count; names such as "بوتين" are in ``not_duals.tsv``.

    >>> from analysis.claims.number_tokens import number_tokens
    >>> toks = number_tokens("شنّت الطائرات الحربية الإسرائيلية غارتين على مدينة بنت جبيل")
    >>> dual_count(toks[4], toks[5]), dual_count(number_tokens("بوتين")[0], None)
    (('غارة', 0), None)
    >>> dual_count(number_tokens("أصيب جنديان")[1], None)
    ('جندي', 0)
    """
    key = tok.key
    if key.startswith(("ال", "وال", "بال", "فال", "لل")) or not tok.text.isalpha() \
            or key in _NOT_DUALS or (key[:1] in "وبلف" and key[1:] in _NOT_DUALS):
        return None  # "بوتين"، "لبوتين"
    feminine = None
    for pre in ("و", "ب", "ل", "ف", ""):  # a clitic is split off when what is left is a known unit: "بنقطتين"
        if not key.startswith(pre):
            continue
        stem = key[len(pre):]
        if stem.endswith(("تين", "تان")) and len(stem) >= 5 and not stem.endswith("ستان"):
            lemma = unit_key(normalize(tok.text)[len(pre):-3] + "ة")
            if lemma in _KINDS or not pre:
                return lemma, len(pre)
            feminine = feminine or (unit_key(normalize(tok.text)[:-3] + "ة"), 0)
            continue
        if stem.endswith(("ين", "ان")) and stem[:-2] in _BROKEN_PLURALS and not (
                stem.endswith("ين") and stem[0] == "م" and not (nxt is not None and nxt.key.endswith("ين"))):
            # "موقعين إصابات" is a participle; "محورين استراتيجيين" (ma-hespress-11) a dual and its adjective
            return _BROKEN_PLURALS[stem[:-2]], len(pre)
    return feminine


def is_age(toks: list[NumToken], i: int, after: int) -> bool:
    """Whether years at token ``i`` (unit ending before ``after``) are an age (``age_cues.tsv``).

    "وهو البالغ من العمر 81 عامًا" (qa-aljazeera-1), "توفي عن 80 عاما", "الشاب (25 عاما)".

    >>> from analysis.claims.number_tokens import number_tokens
    >>> is_age(number_tokens("وهو البالغ من العمر 81 عامًا"), 4, 6), is_age(number_tokens("منذ 30 عاما"), 1, 3)
    (True, False)
    """
    before = [t.key for t in toks[max(0, i - 3):i] if t.kind == "word"]
    if any(k in _AGE["before"] for k in before):
        return True
    if after + 1 < len(toks) and toks[after].key == "من" and toks[after + 1].key in _AGE["after"]:
        return True
    if i >= 2 and toks[i - 1].key == "عن" and (toks[i - 2].key in _AGE["died"] or toks[i - 2].key[1:] in _AGE["died"]):
        return True
    return 0 < i and after < len(toks) and toks[i - 1].text == "(" and toks[after].text == ")"
