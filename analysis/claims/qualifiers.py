"""Qualifiers: the words that soften or bound a number ("حوالي 400", "أكثر من 50", "400 على الأقل").

The phrases are data: ``analysis/lexicons/qualifiers.tsv`` (phrase, position before/after).

>>> from analysis.claims.number_tokens import number_tokens
>>> text = "أسر ما لا يقل عن 400 عنصر"
>>> qualifier_before(number_tokens(text), 5, text)
('ما لا يقل عن', 1)
"""

from __future__ import annotations

import re

from analysis import lexicons
from analysis.claims.number_tokens import NumToken

__all__ = ["is_qualifier_word", "letters_to_chars", "qualifier_after", "qualifier_before"]


def _phrases(position: str) -> list[tuple[str, ...]]:
    return [tuple(phrase.split()) for phrase, where in lexicons.load("qualifiers").rows if where == position]


# Longest first, so "ما يزيد عن" wins over "يزيد عن".  Every one makes the value not exact.
_BEFORE = sorted(_phrases("before"), key=len, reverse=True)
_AFTER = _phrases("after")
_QUALIFIER_HEADS = frozenset(p[0] for p in _BEFORE)
_BEFORE_LAST = frozenset(p[-1] for p in _BEFORE)
# Phrases that look like a qualifier and state the value reached: "ارتفعت ... لتصل إلى 2.414.30 دولارا".
_EXACT = _phrases("exact")
# Clitics a qualifier before the number may carry: "وحوالي", "بأكثر من".
_QUALIFIER_CLITICS = ("و", "ب", "ل", "وب", "ول", "ف", "فب")
# One "نسبتها"/"قيمته"/"عددهم" may stand between a qualifier and its number.
_MEASURE_PRONOUN = re.compile(r"^(?:نسبت|قيمت|عدد|حجم|مساحت)(?:ه|ها|هم|هما)$")
# Or one word of qualifiers.tsv's "between" rows: "لم تتجاوز عتبة 650 ألف" (ma-ahdath-11).
_BETWEEN = frozenset(phrase for phrase, where in lexicons.load("qualifiers").rows if where == "between")


def qualifier_before(toks: list[NumToken], k: int, text: str) -> tuple[str, int] | None:
    """A qualifier ending right before token ``k``: (text as written, first token index).

    One "نسبتها"/"قيمته"/"عددهم" may stand between: "لا تتجاوز نسبتها خمسة في المئة".
    """
    if _exact_ending_at(toks, k):
        return None
    found = _qualifier_ending_at(toks, k, text)
    if found is None and k > 0 and toks[k - 1].kind == "word" and (_MEASURE_PRONOUN.match(toks[k - 1].key)
                                                                     or toks[k - 1].key in _BETWEEN):
        found = _qualifier_ending_at(toks, k - 1, text)
    return found


def _qualifier_ending_at(toks: list[NumToken], k: int, text: str) -> tuple[str, int] | None:
    if k < 1 or toks[k - 1].kind != "word":
        return None
    last = toks[k - 1].key
    if last not in _BEFORE_LAST and not any(last.startswith(c) and last[len(c):] in _BEFORE_LAST
                                            for c in _QUALIFIER_CLITICS):
        return None  # no phrase ends with this word (the only word of a phrase may carry a clitic)
    for pattern in _BEFORE:
        n = len(pattern)
        first = k - n
        if first < 0:
            continue
        window = toks[first:k]
        if not all(t.kind == "word" for t in window):
            continue
        keys = [t.key for t in window]
        if keys[1:] != list(pattern[1:]):
            continue
        head, want = keys[0], pattern[0]
        strip = 0
        if head != want:
            for clitic in _QUALIFIER_CLITICS:
                if head == clitic + want:
                    strip = len(clitic)
                    break
            else:
                continue
        start = window[0].start + letters_to_chars(window[0].text, strip)
        return text[start:window[-1].end], first
    return None


def _exact_ending_at(toks: list[NumToken], k: int) -> bool:
    """An ``exact`` phrase of qualifiers.tsv ends right before token ``k`` ("لتصل إلى", qa-aljazeera-12)."""
    return any(k >= len(p) and all(t.kind == "word" for t in toks[k - len(p):k])
               and tuple(t.key for t in toks[k - len(p):k]) == p for p in _EXACT)


def letters_to_chars(raw: str, letters: int) -> int:
    """Characters of ``raw`` that hold its first ``letters`` letters (marks between them included)."""
    if not letters:
        return 0
    seen = 0
    for pos, ch in enumerate(raw):
        if ch.isalpha():
            seen += 1
            if seen == letters:
                return pos + 1
    return 0


def qualifier_after(toks: list[NumToken], k: int, text: str) -> str | None:
    """A qualifier starting at token ``k`` (after the number and its unit): the text as written."""
    for pattern in _AFTER:
        window = toks[k:k + len(pattern)]
        if len(window) == len(pattern) and all(t.kind == "word" for t in window) and \
                tuple(t.key for t in window) == pattern:
            return text[window[0].start:window[-1].end]
    return None


def is_qualifier_word(key: str) -> bool:
    """Whether a word key opens a qualifier before a number ("حوالي", "أكثر")."""
    return key in _QUALIFIER_HEADS
