"""Arabic numbers as news writes them: digits in every system, number words, mixed forms.

:func:`parse_number` reads one number; :func:`find_numbers` finds every number in a
text with its character offsets (the claims extractor builds on it).

What is read:

* digits: Western 0-9, Arabic-Indic ٠-٩, Eastern ۰-۹, with ٫ (decimal) and ٬
  (thousands), "1,000" and "2.5"; a clitic glued to the digits ("و200", "لـ14",
  "الـ13") is not part of the number;
* words from zero to the trillions: units (masculine and feminine), teens
  ("خمسة عشر", "إحدى عشرة"), tens in both cases ("عشرون"/"عشرين"), hundreds in both
  spellings ("مائة"/"مئة", "ثلاثمائة"/"ثلاث مئة", "مئتا"/"مئتي"), thousands, millions
  and billions in the singular, dual ("ألفان", "ألفين", construct "ألفا"/"ألفي"),
  accusative ("ثلاثين ألفا") and plural ("ثلاثة آلاف", "3 ملايين"); "و" joins parts
  with or without a space; a definite article may lead ("الأربعة");
* mixed forms ("1.5 مليون", "٣٢٢ ألف" = 322000, "مليار و200 مليون"), fractions
  ("نصف"، "ربع"، "ثلث"، "مليون ونصف"، "ربع مليون"، "ثلاثة أرباع") and "فاصلة".

Vague quantities ("عشرات"، "مئات"، "آلاف"، "مئات الآلاف"، "بضعة") are found and flagged
``vague``; they have no value.  "ألفا" alone is the dual construct (2000, "ألفا
مقاتل"); after a number it is the accusative singular ("30 ألفا" = 30000).

>>> parse_number("ألفي")
2000.0
>>> parse_number("مليار و200 مليون")
1200000000.0
>>> parse_number("عشرات") is None, is_vague("عشرات")
(True, True)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.text.normalize import normalize
from analysis.text.tokens import FORMAT_CHARS, MARKS

__all__ = ["NumberSpan", "NumToken", "find_numbers", "is_vague", "number_tokens", "parse_digits", "parse_number",
           "NUMBER_HINT_PATTERN", "word_key"]

# --- lexicon (normalised spellings: no tashkeel, bare alef, ى -> ي, ة -> ه) ---------------------------

_UNIT_WORDS = {
    "واحد": 1, "واحده": 1, "واحدا": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثنتان": 2, "ثنتين": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10,
}
# Only the first word of a teen: "أحد عشر", "إحدى عشرة", "اثنا عشر", "اثني عشر".
# Alone, "أحد"/"إحدى" mean "one of" and are not read as numbers.
_TEEN_HEADS = {"احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2}
_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50, "خمسين": 50,
    "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}
_HUNDREDS = {"مائه": 100, "مئه": 100}
for _h in ("مئتان", "مئتين", "مئتا", "مئتي", "مائتان", "مائتين", "مائتا", "مائتي"):
    _HUNDREDS[_h] = 200
for _stem, _v in (("ثلاث", 3), ("ثلث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8),
                  ("ثماني", 8), ("تسع", 9)):
    for _m in ("مائه", "مئه"):
        _HUNDREDS[_stem + _m] = _v * 100
# Scales: singular, dual (nominative/oblique and construct), accusative singular (which
# is also the dual construct when nothing precedes: "ألفا مقاتل"), plural.
_SCALES: dict[str, tuple[int, str]] = {}
for _forms, _mag in (
    (("الف", "الفان", "الفين", "الفي", "الفا", "الاف", "الوف"), 10**3),
    (("مليون", "مليونان", "مليونين", "مليوني", "مليونا", "ملايين", "ملايين"), 10**6),
    (("مليار", "ملياران", "مليارين", "ملياري", "مليارا", "مليارات", "مليارات"), 10**9),
    (("بليون", "بليونان", "بليونين", "بليوني", "بليونا", "بلايين", "بليونات"), 10**9),
    (("تريليون", "تريليونان", "تريليونين", "تريليوني", "تريليونا", "تريليونات", "تريليونات"), 10**12),
    (("ترليون", "ترليونان", "ترليونين", "ترليوني", "ترليونا", "ترليونات", "ترليونات"), 10**12),
):
    sg, du_nom, du_obl, du_con, acc, pl, pl2 = _forms
    _SCALES.update({sg: (_mag, "sg"), du_nom: (_mag, "dual"), du_obl: (_mag, "dual"), du_con: (_mag, "dual"),
                    acc: (_mag, "acc"), pl: (_mag, "pl"), pl2: (_mag, "pl")})
_FRACTIONS = {"نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3, "ثلثا": 2 / 3, "ثلثي": 2 / 3}
_PLURAL_FRACTIONS = {"ارباع": 0.25, "اثلاث": 1 / 3}
# Vague quantities: "tens of", "hundreds of", "a few".  Plural scales with no number
# before them ("آلاف"، "ملايين") are vague too.
_VAGUE = {"عشرات", "مئات", "مائات", "بضع", "بضعه"}
_ZERO = {"صفر"}
_POINT = {"فاصله", "فاصل"}
_NAYYIF = {"نيف", "نيفا"}

_CONJ_PREFIXES = ("و", "ف")
_PREP_PREFIXES = ("ب", "ل", "ك")

#: A cheap regular expression (RE2-compatible, for vectorised prefilters) that every
#: text holding a number matches: a digit or the stem of a number word.
NUMBER_HINT_PATTERN = (
    r"[0-9\u0660-\u0669\u06f0-\u06f9]|واحد|اثن|ثنت|ثلاث|[أا]ربع|خمس|ست|سبع|ثمان|تسع|عشر|مئ|مائ|مي[هة]"
    r"|[أاآ]لف|[آا]لاف|[أا]لوف|مليو|ملاي|مليار|بليو|بلاي|ترلي|تريلي|نصف|ربع|ثلث|بضع|فاصل"
)

_MARK_CLASS = f"{MARKS}{FORMAT_CHARS}\u0640"
_TOKEN_RE = re.compile(
    rf"(?P<pre>(?<![^\W\d_])(?:[وفبلك]|[وفبلك]?ال|لل|[وف][بل]|[وف]لل)[{_MARK_CLASS}]*)?"
    rf"(?P<num>\d+(?:[.,\u066b\u066c]\d+)*)"
    rf"|(?P<word>[^\W\d_](?:[^\W\d_]|[{_MARK_CLASS}])*)"
    rf"|(?P<punct>[^\s{_MARK_CLASS}])"  # a bidi mark or a stray diacritic between words is no token
)


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The lookup key of a word: no tashkeel, tatweel or bidi marks, bare alef, ى -> ي, ة -> ه.

    >>> word_key("ألفَيْ"), word_key("الأربعة"), word_key("مئتى")
    ('الفي', 'الاربعه', 'مئتي')
    """
    return normalize(word, teh_marbuta=True)


_DIGIT_TABLE = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)},
                              **{chr(0x06F0 + i): str(i) for i in range(10)}, "\u066b": ".", "\u066c": ","})


def parse_digits(text: str) -> float | None:
    """Read a number written in digits, in any digit system, with its separators.

    ``٫`` is a decimal point and ``٬`` a thousands separator.  A comma or point followed
    by groups of exactly three digits separates thousands when it repeats or when the
    other separator also occurs ("1,000", "1.500.000", "1,234.5"); one comma before
    one to two digits is a decimal comma ("2,5"); one point is a decimal point.

    >>> parse_digits("٤٠٠"), parse_digits("٢٫٥"), parse_digits("1,000"), parse_digits("1.500.000"), parse_digits("2,5")
    (400.0, 2.5, 1000.0, 1500000.0, 2.5)
    """
    s = text.translate(_DIGIT_TABLE)
    if not s or not s[0].isdigit():
        return None
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):  # European: 1.234,5
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        parts = s.split(",")
        if all(len(p) == 3 for p in parts[1:]):
            s = "".join(parts)
        elif len(parts) == 2:
            s = ".".join(parts)
        else:
            return None
    elif s.count(".") > 1:
        parts = s.split(".")
        if not all(len(p) == 3 for p in parts[1:]):
            return None
        s = "".join(parts)
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


# --- tokens and atoms ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NumToken:
    """One token of a text as the number scanner sees it.

    ``kind`` is ``"num"`` (digits), ``"word"`` or ``"punct"``; ``start``/``end`` are
    offsets into the text; ``key`` is :func:`word_key` of a word (the digits, Western,
    for a number); ``pre`` is a clitic glued before digits ("و" of "و200") and
    ``pre_start`` where it starts; ``newline`` tells that a line break precedes it.
    """

    kind: str
    start: int
    end: int
    text: str
    key: str
    pre: str = ""
    pre_start: int = -1
    newline: bool = False


def number_tokens(text: str) -> list[NumToken]:
    """Split ``text`` into words, digit runs and single punctuation marks, with offsets.

    >>> [(t.kind, t.text, t.pre) for t in number_tokens("و400 عنصر، لـ14 شخصا")]
    [('num', '400', 'و'), ('word', 'عنصر', ''), ('punct', '،', ''), ('num', '14', 'لـ'), ('word', 'شخصا', '')]
    """
    out: list[NumToken] = []
    prev_end = 0
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup if m.lastgroup != "pre" else "num"
        if m.group("num") is not None:
            kind = "num"
        first = m.start() if m.group("pre") is None else m.start("pre")
        newline = "\n" in text[prev_end:first]
        prev_end = m.end()
        if kind == "num":
            digits = m.group("num")
            out.append(NumToken("num", m.start("num"), m.end("num"), digits, digits.translate(_DIGIT_TABLE),
                                m.group("pre") or "", m.start("pre") if m.group("pre") else -1, newline))
        elif kind == "word":
            word = m.group()
            out.append(NumToken("word", m.start(), m.end(), word, word_key(word), newline=newline))
        else:
            out.append(NumToken("punct", m.start(), m.end(), m.group(), m.group(), newline=newline))
    return out


@dataclass(frozen=True, slots=True)
class _Atom:
    type: str  # D digits, U unit (1-10), HEAD teen head, T tens, H hundreds, S scale, F fraction,
    #            FP plural fraction, V vague, Z zero, P point (فاصلة), AND standalone و, N نيف
    value: float = 0.0
    form: str = ""  # scale form: sg, dual, acc, pl
    conj: bool = False  # a glued و/ف
    definite: bool = False
    strip: int = 0  # characters of clitics (و، ب، ل) before the number word, not part of value_text
    is_ten: bool = False
    wahid: bool = False  # spelt "واحد": "one", or "و" + "أحد" with the hamza dropped ("مئة وأحد عشر")


def _split_clitics(key: str) -> list[tuple[str, bool, bool, int]]:
    """Candidate (stem, conj, definite, n_clitic_letters) readings of a word key, longest stem first."""
    out = [(key, False, False, 0)]
    for conj in ("", "و", "ف"):
        if conj and not key.startswith(conj):
            continue
        rest = key[len(conj):]
        for prep in ("", "ب", "ل", "ك"):
            if prep and not rest.startswith(prep):
                continue
            r2 = rest[len(prep):]
            if conj or prep:
                out.append((r2, bool(conj), False, len(conj) + len(prep)))
            if r2.startswith("ال"):
                out.append((r2[2:], bool(conj), True, len(conj) + len(prep)))
            elif prep == "ل" and r2.startswith("ل"):  # لل = ل + ال
                out.append((r2[1:], bool(conj), True, len(conj) + len(prep)))
    return out


def is_number_word(key: str) -> bool:
    """Whether a word (as :func:`word_key` normalises it) is a number word, clitics allowed.

    >>> is_number_word(word_key("وألفي")), is_number_word(word_key("مقاتل"))
    (True, False)
    """
    return _word_atom(key) is not None


@lru_cache(maxsize=100_000)
def _word_atom(key: str) -> _Atom | None:
    if key == "و":
        return _Atom("AND")
    for stem, conj, definite, n_clitics in _split_clitics(key):
        if len(stem) < 3 and stem not in ("ست",):
            continue
        if stem == "ست" and n_clitics and not (conj and n_clitics == 1):
            continue  # "لست", "بست" are not six
        kw = {"conj": conj, "definite": definite, "strip": n_clitics}
        if stem in _UNIT_WORDS and not (definite and stem in ("اثنين", "اثنان")):  # الاثنين: Monday
            v = _UNIT_WORDS[stem]
            return _Atom("U", v, is_ten=v == 10, wahid=stem == "واحد" and not n_clitics, **kw)
        if stem in _TEEN_HEADS:
            return _Atom("HEAD", _TEEN_HEADS[stem], **kw)
        if stem in _TENS:
            return _Atom("T", _TENS[stem], **kw)
        if stem in _HUNDREDS:
            return _Atom("H", _HUNDREDS[stem], **kw)
        if stem in _SCALES:
            mag, form = _SCALES[stem]
            return _Atom("S", mag, form, **kw)
        if stem in _FRACTIONS and not definite:
            return _Atom("F", _FRACTIONS[stem], **kw)
        if stem in _PLURAL_FRACTIONS:
            return _Atom("FP", _PLURAL_FRACTIONS[stem], **kw)
        if stem in _VAGUE:
            return _Atom("V", **kw)
        if stem in _ZERO and not n_clitics:
            return _Atom("Z", 0, **kw)
        if stem in _POINT and not definite:
            return _Atom("P", **kw)
        if stem in _NAYYIF and conj:
            return _Atom("N", **kw)
    return None


def _atom(tok: NumToken) -> _Atom | None:
    if tok.kind == "num":
        value = parse_digits(tok.text)
        if value is None:
            return None
        pre = word_key(tok.pre) if tok.pre else ""
        return _Atom("D", value, conj=pre[:1] in ("و", "ف"), definite="ال" in pre or pre.endswith("لل"))
    if tok.kind == "word":
        return _word_atom(tok.key)
    return None


# --- the grammar ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """A number found in a text.

    ``start``/``end``: offsets of the number as written (clitics such as "و"/"ب"/"ل"
    before it excluded, a definite article kept: "الأربعة"); ``text`` that slice;
    ``value`` the number (``None`` when ``vague``); ``tok_start``/``tok_end`` the
    token range in :func:`number_tokens`; ``definite`` when it carries "ال";
    ``digits``/``words`` what it is written with; ``fraction_only`` for a bare
    fraction ("نصف"); ``approx`` when "ونيف" follows it; ``n_words`` word tokens.
    """

    start: int
    end: int
    text: str
    value: float | None
    vague: bool = False
    definite: bool = False
    digits: bool = False
    words: bool = False
    fraction_only: bool = False
    approx: bool = False
    tok_start: int = 0
    tok_end: int = 0
    n_words: int = 0


class _State:
    __slots__ = ("total", "group", "started", "last", "last_scale", "fraction_only", "approx", "scale_end",
                 "group_after_scale")

    def __init__(self) -> None:
        self.total = 0.0
        self.group = 0.0
        self.started = False
        self.last = ""
        self.last_scale = math.inf
        self.fraction_only = False
        self.approx = False
        self.scale_end = 0  # atom index just after the last scale word
        self.group_after_scale = False  # the current group follows "و" after a scale

    @property
    def after_scale(self) -> bool:
        return self.started and self.last in ("S", "F") and self.group == 0 and self.total > 0


def _decimal_part(atoms: list[_Atom | None], j: int, n: int) -> tuple[float, int] | None:
    """Read what follows "فاصلة": leading zeros, then an integer; return (fraction, next index)."""
    zeros = 0
    while j < n and atoms[j] is not None and atoms[j].type == "Z":
        zeros += 1
        j += 1
    if j < n and atoms[j] is not None and atoms[j].type == "D" and atoms[j].value.is_integer():
        digits = "0" * zeros + str(int(atoms[j].value))
        return float("0." + digits), j + 1
    sub = _parse(atoms, j, n, allow_scales=False) if j < n else None
    if sub is None:
        return (0.0, j) if zeros else None
    value, end = sub[0], sub[1]
    if not float(value).is_integer():
        return None
    return float("0." + "0" * zeros + str(int(value))), end


def _parse(atoms: list[_Atom | None], i: int, n: int, *, allow_scales: bool = True):
    """Parse the longest number starting at atom ``i``; return (value, end, state) or None."""
    st = _State()
    j = i
    end = i
    joined_next = False
    while j < n:
        a = atoms[j]
        if a is None:
            break
        if a.type == "AND":
            if not st.started or joined_next:
                break
            joined_next = True
            j += 1
            continue
        joined = joined_next or (a.conj and st.started)
        if a.wahid and st.started and not joined and (st.last == "H" or (
                st.last == "S" and j + 1 < n and atoms[j + 1] is not None and atoms[j + 1].is_ten)):
            joined = True  # "مئة وأحد عشر" normalises to "مئة واحد عشر"
        if st.started and a.conj and joined_next:
            break  # "و و"
        nxt = atoms[j + 1] if j + 1 < n else None
        consumed = 1
        t = a.type
        if a.definite and st.started and not joined:
            break  # a definite word after a number starts something else ("ثلاثة الأيام")
        if t == "D":
            if not st.started:
                st.group = a.value
            elif joined and st.after_scale and a.value < st.last_scale:
                st.group = a.value
            else:
                break
            st.last = "D"
        elif t == "U" and a.value == 1 and not joined and st.last == "S" and st.group == 0 \
                and st.total == st.last_scale:
            st.last = "S"  # "مليار واحد", "مليون واحد": one billion, said twice
        elif t in ("U", "HEAD"):
            v = a.value
            if v < 10 and nxt is not None and nxt.type == "U" and nxt.is_ten and not nxt.conj and not nxt.definite:
                v = 10 + v
                consumed = 2
                kind = "TEEN"
            elif t == "HEAD":
                # "أحد"/"إحدى" alone mean "one of": only "إحدى وعشرون" reads on.
                nxt2 = atoms[j + 2] if j + 2 < n else None
                joined_tens = (nxt is not None and nxt.type == "T" and nxt.conj) or (
                    nxt is not None and nxt.type == "AND" and nxt2 is not None and nxt2.type == "T")
                if not joined_tens:
                    break
                kind = "U"
            else:
                kind = "U"
            if not st.started:
                st.group = v
            elif joined and st.last == "H" and st.group % 100 == 0:
                st.group += v
            elif joined and st.after_scale:
                st.group = v
            else:
                break
            st.last = kind
        elif t == "T":
            if not st.started:
                st.group = a.value
            elif joined and st.last == "U" and 0 < st.group % 100 < 10:
                st.group += a.value
            elif joined and st.last == "H":
                st.group += a.value
            elif joined and st.after_scale:
                st.group = a.value
            else:
                break
            st.last = "T"
        elif t == "H":
            if not st.started:
                st.group = a.value
            elif not joined and st.last == "U" and a.value == 100 and 1 <= st.group <= 9 and not a.definite:
                st.group *= 100  # "ثلاث مئة"
            elif joined and st.after_scale:
                st.group = a.value
            else:
                break
            st.last = "H"
        elif t == "S":
            if not allow_scales:
                break
            mag, form = a.value, a.form
            if mag >= st.last_scale:
                if st.group == 0 and st.total == st.last_scale and form in ("sg", "acc") and not joined:
                    st.total = st.last_scale * mag  # "ألف مليار", "ألف مليون"
                    st.last_scale = mag
                    st.scale_end = j + 1
                    j += 1
                    end = j
                    continue
                if st.group > 0 and st.group_after_scale:
                    # "3 مليارات و15 مليار": the second number starts at "و", not inside the first
                    return st.total, st.scale_end, st
                break
            if st.started and st.group > 0 and not joined and st.last in ("D", "U", "TEEN", "T", "H", "F", "P"):
                if form == "dual":
                    break
                if form == "pl" and st.last in ("U", "TEEN", "T", "H") and not 3 <= st.group <= 10:
                    break
                st.total += st.group * mag
            elif form == "pl":
                break  # "آلاف" with no number before it is vague: handled by the caller
            elif not st.started or (joined and st.after_scale):
                st.total += (1 if form == "sg" else 2) * mag
            else:
                break
            st.group = 0.0
            st.last_scale = mag
            st.last = "S"
        elif t == "F":
            if not st.started:
                st.group = a.value
                st.fraction_only = True
            elif joined and st.last == "S" and st.group == 0:
                st.total += a.value * st.last_scale  # "مليون ونصف"
            elif joined and st.last in ("U", "TEEN", "T", "D", "H") and st.last_scale == math.inf:
                st.group += a.value  # "ثلاثة ونصف"
            else:
                break
            st.last = "F"
        elif t == "FP":
            if st.started and not joined and st.last == "U" and 1 <= st.group <= 9:
                st.group *= a.value  # "ثلاثة أرباع"
                st.last = "F"
            else:
                break
        elif t == "Z":
            if st.started:
                break
            st.last = "Z"
        elif t == "P":
            if not st.started or st.last not in ("D", "U", "TEEN", "T", "H", "Z") or st.group != int(st.group):
                break
            dec = _decimal_part(atoms, j + 1, n)
            if dec is None:
                break
            st.group += dec[0]
            st.last = "P"
            consumed = dec[1] - j
        elif t == "N":
            if not st.started or not a.conj:
                break
            st.approx = True
        else:  # V
            break
        if st.fraction_only and t != "F":
            st.fraction_only = False
        if t == "S" or (t == "F" and st.last_scale != math.inf):
            st.scale_end = j + consumed
            st.group_after_scale = False
        elif joined and st.last_scale != math.inf and t in ("D", "U", "T", "H"):
            st.group_after_scale = True
        st.started = True
        joined_next = False
        j += consumed
        end = j
    if not st.started:
        return None
    return st.total + st.group, end, st


def _vague_run(atoms: list[_Atom | None], i: int, n: int) -> int:
    """End of a vague quantity starting at ``i`` ("عشرات"، "مئات الآلاف"، "بضعة آلاف"), or ``i``."""
    j = i
    while j < n:
        a = atoms[j]
        if a is None:
            break
        if j > i and a.conj:
            break
        if a.type == "V" or (a.type == "S" and a.form == "pl"):
            j += 1
        elif j > i and a.type == "S" and a.definite:  # "مئات الألوف"
            j += 1
        else:
            break
    return j


def find_numbers(text: str, tokens: list[NumToken] | None = None) -> list[NumberSpan]:
    """Every number in ``text``, left to right, longest reading first.

    >>> [(s.text, s.value) for s in find_numbers("أسر حوالي 400 عنصر وألفي مقاتل خلال الأربعة أيام")]
    [('400', 400.0), ('ألفي', 2000.0), ('الأربعة', 4.0)]
    >>> [(s.text, s.value, s.vague) for s in find_numbers("نزح مئات الآلاف و1.5 مليون لاجئ")]
    [('مئات الآلاف', None, True), ('1.5 مليون', 1500000.0, False)]
    """
    toks = number_tokens(text) if tokens is None else tokens
    atoms = [_atom(t) for t in toks]
    n = len(atoms)
    # A line break ends a number: ``line_end[i]`` is the first token after i's line.
    line_end = [n] * n
    for k in range(n - 1, 0, -1):
        line_end[k - 1] = k if toks[k].newline else line_end[k]
    spans: list[NumberSpan] = []
    i = 0
    while i < n:
        a = atoms[i]
        if a is None or a.type in ("AND", "P", "N", "FP"):
            i += 1
            continue
        limit = line_end[i]
        if a.type == "V" or (a.type == "S" and a.form == "pl"):
            j = _vague_run(atoms, i, limit)
            spans.append(_span(text, toks, atoms, i, j, None, vague=True))
            i = j
            continue
        parsed = _parse(atoms, i, limit)
        if parsed is None:
            i += 1
            continue
        value, j, st = parsed
        spans.append(_span(text, toks, atoms, i, j, float(value), fraction_only=st.fraction_only, approx=st.approx))
        i = j
    return spans


def _span(text, toks, atoms, i, j, value, *, vague=False, fraction_only=False, approx=False) -> NumberSpan:
    first = toks[i]
    start = first.start
    if first.kind == "word" and atoms[i].strip:
        start = _skip_letters(text, start, atoms[i].strip)
    end_tok = j
    # "ونيف" is part of what was written but not of the number: keep it out of the span.
    while end_tok > i + 1 and atoms[end_tok - 1] is not None and atoms[end_tok - 1].type == "N":
        end_tok -= 1
    end = toks[end_tok - 1].end
    kinds = {toks[k].kind for k in range(i, j)}
    return NumberSpan(start, end, text[start:end], value, vague=vague, definite=atoms[i].definite,
                      digits="num" in kinds, words="word" in kinds, fraction_only=fraction_only, approx=approx,
                      tok_start=i, tok_end=j, n_words=sum(1 for k in range(i, j) if toks[k].kind == "word"))


def _skip_letters(text: str, start: int, count: int) -> int:
    """Offset after ``count`` letters from ``start``, skipping marks and tatweel between them."""
    pos = start
    seen = 0
    while pos < len(text) and seen < count:
        if not _MARK_RE.match(text, pos):
            seen += 1
        pos += 1
    while pos < len(text) and _MARK_RE.match(text, pos):
        pos += 1
    return pos


_MARK_RE = re.compile(f"[{_MARK_CLASS}]")


def _whole(text: str) -> NumberSpan | None:
    toks = [t for t in number_tokens(text)]
    while toks and toks[-1].kind == "punct" and toks[-1].text in ".،,؛;:!؟?)»\"'":
        toks.pop()
    if not toks:
        return None
    spans = find_numbers(text, toks)
    if len(spans) != 1:
        return None
    span = spans[0]
    if span.tok_start != 0 or span.tok_end != len(toks):
        # Only clitics/words that are not part of the number may surround it: none here.
        return None
    return span


def parse_number(text: str) -> float | None:
    """The number ``text`` writes, or ``None`` (not a number, or a vague quantity).

    ``text`` must be one number and nothing else (clitics such as "و"/"ب" and
    trailing punctuation aside).

    >>> [parse_number(s) for s in ["٤٠٠", "٢٫٥ مليون", "ثلاث مئة", "الأربعة", "واحد وعشرون", "مليون ونصف"]]
    [400.0, 2500000.0, 300.0, 4.0, 21.0, 1500000.0]
    >>> [parse_number(s) for s in ["٣٢٢ ألف", "نصف مليون", "ثلاثة فاصلة خمسة", "بضعة", "قتيلا"]]
    [322000.0, 500000.0, 3.5, None, None]
    """
    span = _whole(text)
    if span is None or span.vague:
        return None
    return span.value


def is_vague(text: str) -> bool:
    """Whether ``text`` is a vague quantity ("عشرات"، "مئات الآلاف"، "بضعة آلاف").

    >>> is_vague("مئات الآلاف"), is_vague("بضعة"), is_vague("ثلاثة آلاف")
    (True, True, False)
    """
    span = _whole(text)
    return bool(span is not None and span.vague)
