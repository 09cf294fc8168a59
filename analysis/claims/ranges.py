"""Ranges: two numbers that state one quantity between two ends ("بين 5.25% و5.50%"، "من 20 إلى 25 مليون").

:func:`range_pair` tells whether the claim read at tokens ``a`` and the one at ``b`` (left to
right) are the two ends of one range, and :func:`range_start` where such a range opens
("بين"/"ما بين"/"من" before the first end).  The sentence stage merges such a pair into one
claim whose ``low``/``high`` are the ends and whose ``value`` is their centre.

The words are data: ``analysis/lexicons/range_words.tsv`` (the word before the first end, the
word linking the ends).  A pair read as a change ("انخفض من 90.2 إلى 87.2"، "ارتفع من 20 إلى 25")
is no range: the first end must be the lower one, and "من ... إلى" may not follow a verb or a word of
change (``change`` rows: "ارتفع عدد القتلى من 20 إلى 25").

>>> from analysis.claims.number_tokens import number_tokens
>>> toks = number_tokens("أبقى على سعر الفائدة الرئيسي بين 5.25% و5.50%")
>>> range_pair(toks, (6, 8, 5.25), (8, 10, 5.5))
True
>>> toks = number_tokens("انخفض من 90.2 إلى 87.2 بالمائة")
>>> range_pair(toks, (2, 3, 90.2), (4, 5, 87.2))
False
"""

from __future__ import annotations

from analysis import lexicons
from analysis.claims.number_tokens import NumToken, word_key
from analysis.claims.verbs import looks_verbal, verb_lemma

__all__ = ["range_pair", "range_start"]


def _words() -> dict[str, frozenset[str]]:
    by_role: dict[str, set[str]] = {}
    for word, role in lexicons.load("range_words").rows:
        by_role.setdefault(role, set()).add(word)
    return {role: frozenset(words) for role, words in by_role.items()}


_ROLES = _words()
_BETWEEN = _ROLES.get("between", frozenset())  # "بين" ... "و"
_FROM = _ROLES.get("from", frozenset())  # "من" ... "إلى"
_TO = _ROLES.get("to", frozenset())  # the link of "من ... إلى" and of a bare "20 إلى 25 مليون"
_AND = _ROLES.get("and", frozenset())  # the link of "بين ... و"
_CHANGE = _ROLES.get("change", frozenset())  # "ارتفع ... من A إلى B" is a change
_DASHES = ("-", "–", "—")


def range_start(toks: list[NumToken], i: int) -> tuple[str, int] | None:
    """The word opening a range before token ``i`` ("بين"، "ما بين"، "من"): (role, its token index)."""
    if i < 1 or toks[i - 1].kind != "word":
        return None
    key = toks[i - 1].key
    bare = key[1:] if key[:1] in ("و", "ف", "ل", "ب") and key[1:] in _BETWEEN else key
    if bare in _BETWEEN:
        at = i - 1
        if at >= 1 and toks[at - 1].kind == "word" and toks[at - 1].key == "ما":
            at -= 1
        return "between", at
    if key in _FROM:
        return "from", i - 1
    return None


def range_pair(toks: list[NumToken], a: tuple[int, int, float | None], b: tuple[int, int, float | None], *,
               first_unit: bool = False) -> bool:
    """Whether the numbers at tokens ``a`` = (first, end, value) and ``b`` are one range's two ends.

    "بين A و B"، "ما بين A و B"، "من A إلى B" (not after a verb: "ارتفع من" is a change), "A - B"
    and "A إلى B" with a unit after B; A below B.  With no opening word, the first end may not have a unit
    of its own (``first_unit``): "تراجع نيكي 440,65 نقطة إلى 21857,43 نقطة" is a change.
    """
    (ai, aj, av), (bi, _bj, bv) = a, b
    if av is None or bv is None or not av < bv:
        return False
    start = range_start(toks, ai)
    link = toks[aj] if aj < len(toks) else None
    glued_and = bi == aj and toks[bi].kind == "num" and word_key(toks[bi].pre) in _AND
    word_link = bi == aj + 1 and link is not None and link.kind == "word" and link.key in _AND | _TO
    dash = bi == aj + 1 and link is not None and link.kind == "punct" and link.text in _DASHES
    if start is not None and start[0] == "between":
        return glued_and or (word_link and link.key in _AND) or dash
    to_link = word_link and link.key in _TO
    if start is not None and start[0] == "from":
        before = toks[start[1] - 1] if start[1] >= 1 else None
        if before is not None and before.kind == "word" and (verb_lemma(before.key) or looks_verbal(before.key)):
            return False
        window = toks[max(0, start[1] - 4):start[1]]
        if any(t.kind == "word" and (t.key in _CHANGE or t.key[1:] in _CHANGE) for t in window):
            return False  # "ارتفع عدد القتلى من 20 إلى 25"
        return to_link or dash
    return (dash or to_link) and not first_unit
