"""Arabic numbers as news writes them: digits in every system, number words, mixed forms.

:func:`parse_number` reads one number; :func:`find_numbers` finds every number in a
text with its character offsets (the claims extractor builds on it).  The stages:
:mod:`~analysis.claims.number_tokens` (tokens, digits), :mod:`~analysis.claims.number_words`
(the words, from ``analysis/lexicons/number_words.tsv``) and :mod:`~analysis.claims.number_grammar`.

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

import re
from dataclasses import dataclass

from analysis.claims.number_grammar import parse_atoms, vague_run
from analysis.claims.number_tokens import (
    MARK_CLASS,
    NUMBER_HINT_PATTERN,
    NumToken,
    number_tokens,
    parse_digits,
    word_key,
)
from analysis.claims.number_words import Atom, atom, is_number_word

__all__ = ["NUMBER_HINT_PATTERN", "NumToken", "NumberSpan", "find_numbers", "is_number_word", "is_vague",
           "number_tokens", "parse_digits", "parse_number", "word_key"]


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


_MONDAY = frozenset({"الاثنين", "الاثنان", "والاثنين", "بالاثنين", "للاثنين"})


def find_numbers(text: str, tokens: list[NumToken] | None = None) -> list[NumberSpan]:
    """Every number in ``text``, left to right, longest reading first.

    >>> [(s.text, s.value) for s in find_numbers("أسر حوالي 400 عنصر وألفي مقاتل خلال الأربعة أيام")]
    [('400', 400.0), ('ألفي', 2000.0), ('الأربعة', 4.0)]
    >>> [(s.text, s.value, s.vague) for s in find_numbers("نزح مئات الآلاف و1.5 مليون لاجئ")]
    [('مئات الآلاف', None, True), ('1.5 مليون', 1500000.0, False)]
    """
    toks = number_tokens(text) if tokens is None else tokens
    atoms = [atom(t) for t in toks]
    n = len(atoms)
    for k in range(n - 1):  # "الاثنين والعشرين" (22), not Monday: a ten with و follows
        if atoms[k] is None and toks[k].key in _MONDAY and atoms[k + 1] is not None \
                and atoms[k + 1].type == "T" and atoms[k + 1].conj:
            atoms[k] = Atom("U", 2, definite=True, strip=len(toks[k].key) - len(toks[k].key.lstrip("وبلف")))
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
            j = vague_run(atoms, i, limit)
            spans.append(_span(text, toks, atoms, i, j, None, vague=True))
            i = j
            continue
        parsed = parse_atoms(atoms, i, limit)
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


_MARK_RE = re.compile(f"[{MARK_CLASS}]")


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
