"""The tokens of the number scanner: words, digit runs (in every digit system) and punctuation, with offsets.

:func:`number_tokens` splits a text; :func:`word_key` is the lookup key of a word (number words,
units and every claims word list are stored in it); :func:`parse_digits` reads a digit run.

>>> [(t.kind, t.text, t.key) for t in number_tokens("أسرت ٤٠٠ عنصرٍ")]
[('word', 'أسرت', 'اسرت'), ('num', '٤٠٠', '400'), ('word', 'عنصرٍ', 'عنصر')]
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.text.normalize import normalize
from analysis.text.tokens import FORMAT_CHARS, MARKS

__all__ = ["MARK_CLASS", "NUMBER_HINT_PATTERN", "NumToken", "number_tokens", "parse_digits", "word_key"]

#: A cheap regular expression (RE2-compatible, for vectorised prefilters) that every
#: text holding a number matches: a digit or the stem of a number word.
NUMBER_HINT_PATTERN = (
    r"[0-9\u0660-\u0669\u06f0-\u06f9]|واحد|اثن|ثنت|ثلاث|[أا]ربع|خمس|ست|سبع|ثمان|تسع|عشر|مئ|مائ|مي[هة]"
    r"|[أاآ]لف|[آا]لاف|[أا]لوف|مليو|ملاي|مليار|بليو|بلاي|ترلي|تريلي|نصف|ربع|ثلث|بضع|فاصل"
)


MARK_CLASS = f"{MARKS}{FORMAT_CHARS}\u0640"
_TOKEN_RE = re.compile(
    rf"(?P<pre>(?<![^\W\d_])(?:[وفبلك]|[وفبلك]?ال|لل|[وف][بل]|[وف]لل)[{MARK_CLASS}]*)?"
    rf"(?P<num>\d+(?:(?:[.,\u066b\u066c]|ر(?=\d))\d+)*)"  # "2ر5": the Arabic decimal mark of the Gulf press
    rf"|(?P<word>[^\W\d_](?:[^\W\d_]|[{MARK_CLASS}])*)"
    rf"|(?P<punct>[^\s{MARK_CLASS}])"  # a bidi mark or a stray diacritic between words is no token
)


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The lookup key of a word: no tashkeel, tatweel or bidi marks, bare alef, ى -> ي, ة -> ه.

    >>> word_key("ألفَيْ"), word_key("الأربعة"), word_key("مئتى")
    ('الفي', 'الاربعه', 'مئتي')
    """
    return normalize(word, teh_marbuta=True)


_DIGIT_TABLE = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)},
                              **{chr(0x06F0 + i): str(i) for i in range(10)}, "\u066b": ".", "\u066c": ",",
                              "ر": "."})


def parse_digits(text: str) -> float | None:
    """Read a number written in digits, in any digit system, with its separators.

    ``٫`` and ``ر`` between digits ("2ر5") are decimal points and ``٬`` a thousands separator.
    A comma or point followed by groups of exactly three digits separates thousands when it repeats or when the
    other separator also occurs ("1,000", "1.500.000", "1,234.5"); one comma before
    one to two digits is a decimal comma ("2,5"); one point is a decimal point.

    >>> parse_digits("٤٠٠"), parse_digits("٢٫٥"), parse_digits("1,000"), parse_digits("1.500.000"), parse_digits("2,5")
    (400.0, 2.5, 1000.0, 1500000.0, 2.5)
    >>> parse_digits("2ر5"), parse_digits("1.635.092,22"), parse_digits("2.414.30")
    (2.5, 1635092.22, 2414.3)
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
        if all(len(p) == 3 for p in parts[1:]):
            s = "".join(parts)
        elif all(len(p) == 3 for p in parts[1:-1]) and len(parts[-1]) <= 2:
            s = "".join(parts[:-1]) + "." + parts[-1]  # "2.414.30" (qa-aljazeera-12): the last point is decimal
        else:
            return None
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


# --- tokens ----------------------------------------------------------------------------------


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

