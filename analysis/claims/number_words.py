"""Number words as atoms: what one word (or digit run) is worth to the number grammar.

The words and their values are data: ``analysis/lexicons/number_words.tsv`` (class: unit,
teen_head, ten, hundred, scale, fraction, plural_fraction, vague, zero, point, nayyif).
:func:`word_atom` reads one word key with its clitics ("وألفي" = و + ألفي);
:func:`atom` one token.

>>> word_atom(word_key("وألفي"))
Atom(type='S', value=1000, form='dual', conj=True, definite=False, strip=1, is_ten=False, wahid=False)
>>> is_number_word(word_key("مقاتل"))
False
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from analysis import lexicons
from analysis.claims.number_tokens import NumToken, parse_digits, word_key

__all__ = ["Atom", "atom", "is_number_word", "word_atom"]


def _tables() -> dict[str, dict[str, object]]:
    """number_words.tsv by class: word -> value (a (magnitude, form) pair for a scale; None when valueless)."""
    by_class: dict[str, dict[str, object]] = {}
    for word, cls, value, form in lexicons.load("number_words").rows:
        number = None if value == "" else Fraction(value)
        number = None if number is None else (int(number) if number.denominator == 1 else float(number))
        by_class.setdefault(cls, {})[word] = (number, form) if cls == "scale" else number
    return by_class


_BY_CLASS = _tables()
_UNIT_WORDS = _BY_CLASS["unit"]
# Only the first word of a teen: "أحد عشر"; alone, "أحد"/"إحدى" mean "one of" and are not numbers.
_TEEN_HEADS = _BY_CLASS["teen_head"]
_TENS = _BY_CLASS["ten"]
_HUNDREDS = _BY_CLASS["hundred"]
_SCALES = _BY_CLASS["scale"]
_FRACTIONS = _BY_CLASS["fraction"]
_PLURAL_FRACTIONS = _BY_CLASS["plural_fraction"]
_VAGUE = set(_BY_CLASS["vague"])
_ZERO = set(_BY_CLASS["zero"])
_POINT = set(_BY_CLASS["point"])
_NAYYIF = set(_BY_CLASS["nayyif"])

@dataclass(frozen=True, slots=True)
class Atom:
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
    return word_atom(key) is not None


@lru_cache(maxsize=100_000)
def word_atom(key: str) -> Atom | None:
    if key == "و":
        return Atom("AND")
    for stem, conj, definite, n_clitics in _split_clitics(key):
        if len(stem) < 3 and stem not in ("ست",):
            continue
        if stem == "ست" and n_clitics and not (conj and n_clitics == 1):
            continue  # "لست", "بست" are not six
        kw = {"conj": conj, "definite": definite, "strip": n_clitics}
        if stem in _UNIT_WORDS and not (definite and stem in ("اثنين", "اثنان")):  # الاثنين: Monday
            v = _UNIT_WORDS[stem]
            return Atom("U", v, is_ten=v == 10, wahid=stem == "واحد" and not n_clitics, **kw)
        if stem in _TEEN_HEADS:
            return Atom("HEAD", _TEEN_HEADS[stem], **kw)
        if stem in _TENS:
            return Atom("T", _TENS[stem], **kw)
        if stem in _HUNDREDS:
            return Atom("H", _HUNDREDS[stem], **kw)
        if stem in _SCALES:
            mag, form = _SCALES[stem]
            return Atom("S", mag, form, **kw)
        if stem in _FRACTIONS and not definite:
            return Atom("F", _FRACTIONS[stem], **kw)
        if stem in _PLURAL_FRACTIONS:
            return Atom("FP", _PLURAL_FRACTIONS[stem], **kw)
        if stem in _VAGUE:
            return Atom("V", **kw)
        if stem in _ZERO and not n_clitics:
            return Atom("Z", 0, **kw)
        if stem in _POINT and not definite:
            return Atom("P", **kw)
        if stem in _NAYYIF and conj:
            return Atom("N", **kw)
    return None


def atom(tok: NumToken) -> Atom | None:
    if tok.kind == "num":
        value = parse_digits(tok.text)
        if value is None:
            return None
        pre = word_key(tok.pre) if tok.pre else ""
        return Atom("D", value, conj=pre[:1] in ("و", "ف"), definite="ال" in pre or pre.endswith("لل"))
    if tok.kind == "word":
        return word_atom(tok.key)
    return None

