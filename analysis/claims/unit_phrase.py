"""The unit phrase of a number: the counted noun after it ("400 عنصرا", "150 من الجنود", "10 أفضل لاعبين"),
the noun before it ("الأيام الأربعة"), or the noun a tally names earlier ("ارتفع عدد القتلى إلى 50").

>>> from analysis.claims.number_tokens import number_tokens
>>> unit_after(number_tokens("150 من الجنود"), 1, allow_definite=False)
('جندي', 'الجنود', 2, 3)
>>> count_context(number_tokens("ارتفع عدد القتلى إلى 50"), 4)
('قتيل', 'القتلى')
"""

from __future__ import annotations

from analysis import lexicons
from analysis.claims.number_tokens import NumToken
from analysis.claims.number_words import word_atom
from analysis.claims.units import (
    AREA_WORDS,
    CURRENCIES,
    CURRENCY_ADJECTIVES,
    DISTANCES,
    PERCENT_PAIRS,
    PERCENT_WORDS,
    VOLUME_WORDS,
    is_plural_form,
    unit_key,
)
from analysis.claims.verbs import looks_verbal
from analysis.text.normalize import normalize

__all__ = ["count_context", "noun_before", "text_of", "unit_after"]

_NON_UNIT_WORDS = lexicons.words("non_unit_words")
_TIME_WORDS = lexicons.words("claim_time_words")
_MONTHS = lexicons.words("months")
_ELATIVES = lexicons.words("elatives")
_WAW_NOUNS = lexicons.words("nouns_beginning_with_waw")
_BL_NOUNS = lexicons.words("nouns_beginning_with_ba_lam")
_TALLY_NOUNS = lexicons.words("tally_nouns")
_OPENING_QUOTES = ("“", "«")  # not '"': it opens and closes alike ('مجلة "رولينغ ستون" فرانكلين')
_CLOSING_QUOTES = ("”", "»")


def unit_after(toks: list[NumToken], k: int, *, allow_definite: bool) -> tuple[str, str, int, int] | None:
    """The unit right after token ``k``: (key, unit_text, first token, end token) or None."""
    n = len(toks)
    if k >= n:
        return None
    tok = toks[k]
    if tok.kind == "punct" and tok.text in ("%", "\u066a"):
        return "%", tok.text, k, k + 1
    if tok.kind == "punct" and tok.text in _OPENING_QUOTES and k + 1 < n and toks[k + 1].kind == "word":
        found = unit_after(toks, k + 1, allow_definite=allow_definite)  # 'أربعة “كابلات”' (ma-hespress-5)
        if found is None:
            return None
        end = found[3] + (found[3] < n and toks[found[3]].text in _CLOSING_QUOTES)
        return found[0], found[1], k, end
    if tok.kind != "word" or (tok.newline and k > 0):
        return None
    key = tok.key
    if key in PERCENT_WORDS:
        return "%", tok.text, k, k + 1
    if k + 1 < n and (key, toks[k + 1].key) in PERCENT_PAIRS:
        return "%", f"{tok.text} {toks[k + 1].text}", k, k + 2
    if key == "من":  # partitive: "150 من الجنود"، "5 من عناصر الحركة"، "3.4 مليون من موظفي الدولة"
        if k + 1 < n and toks[k + 1].kind == "word":
            noun = toks[k + 1]
            construct = k + 2 < n and toks[k + 2].kind == "word" and toks[k + 2].key.startswith("ال") \
                and not toks[k + 2].newline
            small = k >= 1 and toks[k - 1].kind == "word" and (a := word_atom(toks[k - 1].key)) is not None \
                and a.type in ("U", "HEAD", "T")
            owned = _possessed(noun) if small else None
            if owned is not None:  # "اثنين من أفرادها"; not "أقيل أكثر من 140 ألفاً من وظائفهم" (from their jobs)
                return owned[0], noun.text, k + 1, k + 2
            if noun.key.startswith(("ال", "لل")) or (construct and noun.key not in _NON_UNIT_WORDS):
                found = unit_after(toks, k + 1, allow_definite=True)
                if found is not None and construct and not noun.key.startswith("ال") and noun.key.endswith("ي") \
                        and len(noun.key) >= 5 and found[0] == normalize(noun.text):
                    found = (unit_key(noun.text + "ن") or found[0],) + found[1:]  # موظفي -> موظفين -> موظف
                return found
        return None
    if key in _NON_UNIT_WORDS or key in _MONTHS or key in _TIME_WORDS or looks_verbal(key):
        return None
    if tok.text.isascii() or not key:
        return None
    if key[:1] == "و" and key not in _WAW_NOUNS and not allow_definite:
        return None  # "95.048 وعزز": a new clause, not a counted noun
    if key in _ELATIVES:  # "10 أفضل لاعبين"، "4 من كبار المطربين"
        if k + 1 < n and toks[k + 1].kind == "word":
            return unit_after(toks, k + 1, allow_definite=True)
        return None
    if key == "عدد" and k + 1 < n and toks[k + 1].kind == "word" and toks[k + 1].key.startswith("ال"):
        found = unit_after(toks, k + 1, allow_definite=True)  # "رفع إلى 245 عدد الضحايا"
        return None if found is None else (found[0], found[1], k, found[3])
    if key in ("م", "كم") and k + 1 < n and toks[k + 1].kind == "num" and toks[k + 1].key == "2" \
            and toks[k + 1].start == tok.end:
        area = "متر مربع" if key == "م" else "كيلومتر مربع"  # "419.291م2"
        return area, text_of(toks, k, k + 2), k, k + 2
    if key[:1] in ("ب", "ل") and not key.startswith(("بال", "لل")) and len(key) > 3:
        lemma = unit_key(tok.text)
        if (lemma not in _BL_NOUNS and not (lemma or "").endswith("ي")) or key.endswith("يا"):
            return None
    definite = key.startswith(("ال", "وال", "بال", "لل")) and key not in ("الف", "الفي", "الفا", "الفين", "الاف")
    if definite and not allow_definite:
        return None
    end = k + 1
    if key == "كيلو" and k + 1 < n and toks[k + 1].key in ("متر", "مترا", "مترات", "غرام", "جرام", "غراما"):
        end = k + 2
    elif k + 1 < n and toks[k + 1].kind == "word" and toks[k + 1].key in ("اساس", "مءويه", "مئويه") \
            and key.startswith("نقط"):
        end = k + 2
    unit_words = " ".join(t.text for t in toks[k:end])
    lemma = unit_key(unit_words)
    if lemma is None:
        return None
    if end < n and toks[end].kind == "word":
        nxt = toks[end].key
        if lemma in DISTANCES and (nxt in AREA_WORDS or nxt in VOLUME_WORDS):
            end += 1
            lemma = unit_key(" ".join(t.text for t in toks[k:end]))
        elif lemma in CURRENCIES and nxt in CURRENCY_ADJECTIVES:
            end += 1
    return lemma, " ".join(t.text for t in toks[k:end]) if end - k > 1 else tok.text, k, end


def text_of(toks: list[NumToken], first: int, end: int) -> str:
    """The tokens ``first``..``end`` as written, single-spaced."""
    return " ".join(t.text for t in toks[first:end])


def noun_before(toks: list[NumToken], k: int) -> tuple[str, str, int] | None:
    """The noun right before token ``k`` that a following number describes ("أسبوع واحد"، "الأيام الأربعة")."""
    j = k - 1
    if j >= 1 and toks[j].text in _CLOSING_QUOTES:  # '“الكابلات” الثلاثة' (ma-hespress-5)
        j -= 1
    if j < 0 or toks[j].kind != "word":
        return None
    key = toks[j].key
    if key in _NON_UNIT_WORDS or key in _TIME_WORDS or looks_verbal(key) or key in _MONTHS:
        return None
    lemma = unit_key(toks[j].text)
    if lemma is None:
        return None
    return lemma, toks[j].text, j


def count_context(toks: list[NumToken], k: int) -> tuple[str, str] | None:
    """The noun after "عدد"/"حصيلة" earlier in the clause: "ارتفع عدد القتلى إلى 50" -> قتيل."""
    for j in range(k - 1, max(-1, k - 9), -1):
        t = toks[j]
        if t.kind == "num" or (t.kind == "punct" and t.text in ".؛;:"):
            return None
        bare = t.key[1:] if t.key[:1] in ("و", "ب") else t.key
        if t.kind == "word" and bare in _TALLY_NOUNS and j + 1 < k and toks[j + 1].kind == "word":
            noun = toks[j + 1]
            if noun.key.startswith("ال") and noun.key not in _NON_UNIT_WORDS:
                lemma = unit_key(noun.text)
                if lemma is not None:
                    return lemma, noun.text
    return None


_POSSESSIVES = ("هما", "هم", "هن", "ها", "ه", "نا")


def _possessed(noun: NumToken) -> tuple[str] | None:
    """A plural noun with a possessive pronoun after a partitive "من": "اثنين من أفرادها" -> (فرد,).

    >>> from analysis.claims.number_tokens import number_tokens
    >>> unit_after(number_tokens("اثنين من أفرادها"), 1, allow_definite=False)
    ('فرد', 'أفرادها', 2, 3)
    """
    key = noun.key
    if key.startswith("ال") or key in _NON_UNIT_WORDS:
        return None
    for suffix in _POSSESSIVES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            bare = key[:-len(suffix)]
            written = noun.text[:len(noun.text) - len(suffix)]
            if is_plural_form(bare) and not looks_verbal(key):
                lemma = unit_key(written)
                return (lemma,) if lemma else None
            return None
    return None
