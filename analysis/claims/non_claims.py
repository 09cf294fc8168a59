"""Numbers that are not quantities: years, dates, times, phone numbers, names, scores.

:func:`non_claim_kind` tries :data:`RULES` in order; the first rule that recognises the
number gives its kind.  Each rule is a small function of the number's surroundings
(:class:`Around`) with an Arabic example.  The cue words are data:
``analysis/lexicons/non_claim_cues.tsv`` (word, cue) and ``months.tsv``.

>>> from analysis.claims.numbers import find_numbers, number_tokens
>>> def kinds(text):
...     toks = number_tokens(text)
...     return [non_claim_kind(toks, span) for span in find_numbers(text, toks)]
>>> kinds("تبنى القرار 2254 عام 2015 في 18 ديسمبر الساعة 10")
['name', 'year', 'date', 'time']
>>> kinds("قتل 17 شخصا")
[None]
"""

from __future__ import annotations

from collections.abc import Callable

from analysis import lexicons
from analysis.claims.number_tokens import NumToken, word_key
from analysis.claims.number_words import word_atom
from analysis.claims.numbers import NumberSpan
from analysis.claims.unit_phrase import unit_after

__all__ = ["RULES", "Around", "non_claim_kind"]


def _cues() -> dict[str, frozenset[str]]:
    by_cue: dict[str, set[str]] = {}
    for word, cue in lexicons.load("non_claim_cues").rows:
        by_cue.setdefault(cue, set()).add(word)
    return {cue: frozenset(words) for cue, words in by_cue.items()}


_CUES = _cues()
_NAME_CUES, _PHONE_CUES = _CUES["name"], _CUES["phone"]
_YEAR_BEFORE, _YEAR_AFTER, _ERA = _CUES["year_before"], _CUES["year_after"], _CUES["era"]
_CLOCK_BEFORE, _CLOCK_AFTER, _TIME_ZONE = _CUES["clock_before"], _CUES["clock_after"], _CUES["time_zone"]
_HOUR_NOUNS = _CUES["hour_noun"]
_MONTHS = lexicons.words("months")
_THIS_MONTH = _CUES.get("this_month", frozenset())
_NON_UNIT_WORDS = lexicons.words("non_unit_words")


def _is_word(tok: NumToken | None) -> bool:
    return tok is not None and tok.kind == "word"


class Around:
    """A number and the tokens around it, as the rules read them (computed once per number)."""

    __slots__ = ("toks", "span", "i", "j", "first", "prev", "prev2", "nxt", "nxt2", "single_digits", "raw",
                 "glued_prev", "glued_next", "prev_key", "prev_bare", "value")

    def __init__(self, toks: list[NumToken], span: NumberSpan) -> None:
        self.toks, self.span = toks, span
        i, j = self.i, self.j = span.tok_start, span.tok_end
        first = self.first = toks[i]
        prev = self.prev = toks[i - 1] if i > 0 else None
        self.prev2 = toks[i - 2] if i > 1 else None
        nxt = self.nxt = toks[j] if j < len(toks) else None
        self.nxt2 = toks[j + 1] if j + 1 < len(toks) else None
        #: one digit run and nothing else ("2017", not "3 ملايين"), and its digits (Western)
        self.single_digits = span.digits and not span.words and j == i + 1
        self.raw = first.key if self.single_digits else ""
        self.glued_prev = prev is not None and prev.end == (first.pre_start if first.pre_start >= 0 else first.start)
        self.glued_next = nxt is not None and nxt.start == toks[j - 1].end
        key = self.prev_key = prev.key if _is_word(prev) else ""
        #: the word before, a clitic و/ب/ل/ف dropped
        self.prev_bare = key[1:] if key[:1] in ("و", "ب", "ل", "ف") and len(key) >= 3 else key
        if key.startswith("لل") and len(key) >= 5:  # "للمادة 47": ل + المادة
            self.prev_bare = "ا" + key[1:]
        self.value = span.value


# --- the rules, in the order they are tried ------------------------------------------------------------


def glued_code(a: Around) -> str | None:
    """A code glued to a word or a dash: "G20", "F-16", "كوفيد-19" (not "على25", a missing space)."""
    prev, prev2 = a.prev, a.prev2
    if a.single_digits and a.glued_prev and not a.first.pre and prev is not None and (
            (prev.kind == "word" and prev.key not in _NON_UNIT_WORDS and prev.key not in _YEAR_BEFORE)
            or (prev.text in "-–" and _is_word(prev2) and prev2.end == prev.start)
            or (prev.text == "+" and prev2 is not None and prev2.kind == "num" and prev2.end == prev.start)):
        return "name"  # also the "1" of "مجموعة 5+1"
    return None


def after_latin_word(a: Around) -> str | None:
    """A number after a word in Latin letters names a model or a code: "Galaxy S9", "iPhone 11"."""
    return "name" if _is_word(a.prev) and a.prev.text.isascii() and a.prev.text.isalpha() else None


def after_name_cue(a: Around) -> str | None:
    """After a noun that names or ranks: "القرار 2254", "الدقيقة 90"; a long number after "هاتف" is a phone.

    Not after "ما": "ما مجموعه 1410 لائحة" is a total (ma-ahdath-8), not group 1410."""
    if (a.prev_key in _NAME_CUES or a.prev_bare in _NAME_CUES) and not (_is_word(a.prev2) and a.prev2.key == "ما"):
        if a.prev_bare in _PHONE_CUES and a.single_digits and len(a.raw) >= 6:
            return "phone"
        return "name"
    return None


def before_dash_word(a: Around) -> str | None:
    """A number glued to a dash and a word: "19-كوفيد", "16-إف"."""
    nxt, nxt2 = a.nxt, a.nxt2
    if nxt is not None and a.glued_next and nxt.text == "-" and _is_word(nxt2) and nxt2.start == nxt.end:
        return "name"
    return None


def hours_before_colon(a: Around) -> str | None:
    """The hours of a clock time: "10:30"."""
    nxt, nxt2 = a.nxt, a.nxt2
    if a.single_digits and a.glued_next and nxt.text == ":" and nxt2 is not None and nxt2.kind == "num" \
            and nxt2.start == nxt.end:
        return "time"
    return None


def minutes_after_colon(a: Around) -> str | None:
    """The minutes of a clock time: the "30" of "10:30"."""
    prev, prev2 = a.prev, a.prev2
    if prev is not None and prev.kind == "punct" and prev.text == ":" and prev2 is not None \
            and prev2.kind == "num" and prev.start == prev2.end and a.glued_prev:
        return "time"
    return None


def after_hour_word(a: Around) -> str | None:
    """"الساعة 10", "ساعة 5" (up to 24): a time of day, unless hours follow ("الساعة 10 ساعات" is not)."""
    if (a.prev_bare == "الساعه" or (a.prev_key in _CLOCK_BEFORE and a.value is not None and a.value <= 24)) \
            and not (a.nxt is not None and _is_word(a.nxt) and a.nxt.key in _HOUR_NOUNS):
        return "time"
    return None


def before_day_part(a: Around) -> str | None:
    """"5 مساء", "10 صباحا" (up to 24): a time of day."""
    if _is_word(a.nxt) and a.nxt.key in _CLOCK_AFTER and a.value is not None and a.value <= 24:
        return "time"
    return None


def before_time_zone(a: Around) -> str | None:
    """"(0900 ت غ)", "13.00 ت.غ", "10 بتوقيت مكة": a time."""
    nxt, nxt2 = a.nxt, a.nxt2
    if _is_word(nxt) and (nxt.key in _TIME_ZONE or (
            nxt.key == "ت" and nxt2 is not None and (nxt2.key == "غ" or nxt2.text == "."))):
        return "time"
    return None


def before_era(a: Around) -> str | None:
    """An era marker after the number: "688 م", "683هـ", "605 هجرية"."""
    nxt, nxt2 = a.nxt, a.nxt2
    if a.single_digits and _is_word(nxt) and nxt.key in _ERA and not (
            nxt2 is not None and nxt2.kind == "num" and nxt2.start == nxt.end):
        return "year"
    return None


def list_marker(a: Around) -> str | None:
    """"1." or "11-" opening a sentence: the number of a list item."""
    if a.single_digits and a.i == 0 and a.glued_next and a.nxt.text in ".-–)" and a.value is not None \
            and a.value < 100:
        return "name"
    return None


def in_brackets(a: Around) -> str | None:
    """A bare number in brackets, "(49)": a minute, a rank, with nothing counted."""
    if a.single_digits and a.prev is not None and a.prev.text == "(" and a.nxt is not None and a.nxt.text == ")":
        return "name"
    return None


def score(a: Around) -> str | None:
    """A score or result: "6-1", "3 - 2", "2-صفر" (two numbers up to 99 across a dash, nothing counted after)."""
    toks, i, j = a.toks, a.i, a.j
    if not (a.single_digits and a.value is not None and a.value <= 99 and a.value == int(a.value)):
        return None
    for left, dash, right in ((toks[i], a.nxt, a.nxt2), (a.prev2, a.prev, toks[i])):
        if left is not None and right is not None and dash is not None and dash.text in "-–" and (
                (right.kind == "num" and right.key.isdigit() and int(right.key) <= 99)
                or (right.kind == "word" and right.key == "صفر")
                or (left.kind == "word" and left.key == "صفر")) and left.kind in ("num", "word"):
            after = toks.index(right) + 1 if right is not toks[i] else j
            if after < len(toks) and toks[after].kind == "word" and (s := word_atom(toks[after].key)) is not None \
                    and s.type == "S":
                return None  # "20 - 25 مليون": a range of millions (not "بالتعادل 2-2 الأحد")
            if right is toks[i] or unit_after(toks, after, allow_definite=False) is None:
                return "score"
    return None


def around_slash(a: Around) -> str | None:
    """Decree and reference numbers, dates with spaces: "36 / 9", "21 / 4 / 1439"."""
    nxt, nxt2, prev, prev2 = a.nxt, a.nxt2, a.prev, a.prev2
    if a.single_digits and ((nxt is not None and nxt.text == "/" and nxt2 is not None and nxt2.kind == "num")
                            or (prev is not None and prev.text == "/" and prev2 is not None and prev2.kind == "num")):
        return "date"
    return None


def phone_number(a: Around) -> str | None:
    """A long digit string with a leading zero or a plus: "0933123456", "+963 ..."."""
    raw = a.raw
    if a.single_digits and raw.isdigit() and len(raw) >= 7 and (raw.startswith("0") or (a.prev and a.prev.text == "+")):
        return "phone"
    return None


def date_before_separator(a: Around) -> str | None:
    """The first part of a glued date: the "12" of "12/5/2018", the "2018" of "2018-05-12"."""
    nxt, nxt2 = a.nxt, a.nxt2
    if a.single_digits and a.glued_next and nxt.text in "/-" and nxt2 is not None and nxt2.kind == "num" \
            and nxt2.start == nxt.end and (nxt.text == "/" or len(a.raw) == 4 or len(nxt2.key) == 4):
        return "date"
    return None


def date_after_separator(a: Around) -> str | None:
    """A later part of a glued date: the "5" and "2018" of "12/5/2018"."""
    prev, prev2 = a.prev, a.prev2
    if a.single_digits and a.glued_prev and prev.text in "/-" and prev2 is not None and prev2.kind == "num" \
            and prev2.end == prev.start and (prev.text == "/" or len(a.raw) == 4 or len(prev2.key) == 4):
        return "date"
    return None


def day_before_month(a: Around) -> str | None:
    """A day of the month before its name: "15 تموز", "3 من يناير"."""
    value = a.value
    if value is not None and a.span.digits and value == int(value) and 1 <= value <= 31:
        after = a.nxt2 if _is_word(a.nxt) and a.nxt.key == "من" or (a.nxt is not None and a.nxt.text in "/-") else a.nxt
        if _is_word(after) and (after.key in _MONTHS or after.key[1:] in _MONTHS or after.key in _THIS_MONTH
                                and a.nxt.key == "من"):
            return "date"  # "15 تموز"، "يوم 21 من الشهر"
        if a.nxt is not None and a.nxt.kind == "num" and word_key(a.nxt.pre) == "و" and _is_word(a.nxt2) \
                and (a.nxt2.key in _MONTHS or a.nxt2.key[1:] in _MONTHS):
            return "date"  # the first day of "18 و19 يونيو"
    return None


def year(a: Around) -> str | None:
    """Four digits from 1800 to 2100 (or a Hijri 1300-1500): a year ("عام 2017", "2017 الماضي", a bare
    "2018"), unless a unit follows and counts it ("2000 شخص"); "2015%" is no year but no claim either."""
    raw, value = a.raw, a.value
    if not (a.single_digits and raw.isdigit() and len(raw) == 4 and (1800 <= value <= 2100 or 1300 <= value <= 1500)):
        return None
    if _is_word(a.nxt) and (a.nxt.key in _YEAR_AFTER or a.nxt.key in _MONTHS):
        return "year"
    if a.prev_key in _YEAR_BEFORE or a.prev_bare in _YEAR_BEFORE or a.prev_key in _MONTHS \
            or a.prev_bare in _MONTHS or (a.prev is not None and a.prev.text in "/-"):
        return "year"
    if value < 1800 or partitive_pronoun(a):
        return None  # a Hijri year has its cue ("1438 هـ"); "ووجدوا أن 1325 منها" (ma-ahdath-15) counts
    return "year" if unit_after(a.toks, a.j, allow_definite=False) is None else None


def partitive_pronoun(a: Around) -> bool:
    """"منها"/"منهم" right after the number: a count of those named before ("ووجدوا أن 1325 منها")."""
    return _is_word(a.nxt) and a.nxt.key in ("منها", "منهم", "منهن", "منه")


def day_after_month(a: Around) -> str | None:
    """A day of the month after its name: "يوليو 15"."""
    if _is_word(a.prev) and (a.prev_key in _MONTHS or a.prev_bare in _MONTHS) and a.value is not None \
            and a.value <= 31 and a.span.digits:
        return "date"
    return None


#: The rules in the order they are tried: names before times, times before dates, dates before years.
RULES: tuple[Callable[[Around], str | None], ...] = (
    glued_code, after_latin_word, after_name_cue, before_dash_word,
    hours_before_colon, minutes_after_colon, after_hour_word, before_day_part, before_time_zone,
    before_era, list_marker, in_brackets, score, around_slash, phone_number,
    date_before_separator, date_after_separator, day_before_month, year, day_after_month,
)


def non_claim_kind(toks: list[NumToken], span: NumberSpan) -> str | None:
    """year / date / time / phone / name / score for a number that is not a quantity, else None."""
    around = Around(toks, span)
    for rule in RULES:
        kind = rule(around)
        if kind is not None:
            return kind
    return None
