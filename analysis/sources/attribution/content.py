"""Where the speaker ends and the content starts: a colon, "أن"/"إن", a quote, "قائلا", a preposition.

A marker is ``(speaker_end, content_span, quote)``: the speaker lies between the verb and
``speaker_end``; the content is the quoted words or the clause from its "أن".

>>> from analysis.sources.attribution.context import Paragraph, attribution_tables
>>> from analysis.sources.attribution.cues import verb_table
>>> from analysis.text.normalize import norm
>>> text = norm("وقال الوزير إن المحادثات مستمرة")
>>> par = Paragraph(text, ((0, len(text)),), [], attribution_tables())
>>> end, (c0, c1), quote = marker(par, 4, len(text), len(text), verb_table().forms["قال"])
>>> text[4:end].strip(), text[c0:c1], quote
('الوزير', 'ان المحادثات مستمرة', 'indirect')
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from analysis.sources.attribution.context import Paragraph
from analysis.sources.attribution.cues import VerbForm
from analysis.sources.attribution.quotes import inside, quote_kind
from analysis.sources.attribution.words import (
    CONTENT_PREPOSITIONS,
    NOT_SPEECH_BEFORE_COMP,
    NOT_W_AFTER,
    NOT_W_BEFORE,
    QUOTE_OPEN,
    TIME_WORDS,
    WORD_RE,
    Span,
    nwords,
    trim,
)

Marker = tuple[int, Span, str]

# a complementizer with its clitics and pronoun: "أن"، "بأن"، "فإنه"، "إنها"
COMP = r"[بف]?[ال]?ان(?:ه|ها|هم|هما|هن|نا|ني|كم|ك)?"
MARKER_RE = re.compile(
    r"(?P<colon>:)"
    rf"|{NOT_W_BEFORE}(?:(?P<prep>الي|علي|في|من|عن)\s+)?(?P<comp>{COMP}){NOT_W_AFTER}"
    rf"|(?P<quote>[{QUOTE_OPEN}])"
    rf"|{NOT_W_BEFORE}(?P<qaala>قائل(?:ا|ة|ين|ون|تين)){NOT_W_AFTER}"
    rf"|{NOT_W_BEFORE}(?P<qawl>قول(?:ه|ها|هم|هما|هن)){NOT_W_AFTER}"
)


@lru_cache(maxsize=64)
def prep_re(preps: tuple[str, ...]) -> re.Pattern | None:
    """The prepositions of a verb that open its content as a noun phrase ("دعا إلى"، "طالب ب")."""
    words = [p for p in preps if p != "ب"]
    parts = []
    if words:
        parts.append(rf"(?:{'|'.join(words)})\s+")
    if "ب" in preps:
        parts.append(r"ب(?=[^\W\d_]{3})")  # "طالب بوقف ...", "نوه بأن" (the latter is a complementizer)
    return re.compile(rf"{NOT_W_BEFORE}(?:{'|'.join(parts)})") if parts else None


def marker(par: Paragraph, pos: int, limit: int, se: int, form: VerbForm) -> Marker | None:
    """Where the speaker ends and the content starts: ``(speaker_end, content_span, quote)`` or None."""
    P = par.text
    # "وأشارت اللجنة إلى وجود ... وأن ...": a preposition of the verb before the first "أن" opens the content
    early = prep_marker(par, pos, limit, se, form, CONTENT_PREPOSITIONS)

    def pick(found):
        return early if early is not None and found is not None and early[0] < found[0] else found

    skipped = False
    n_words, counted_to = 0, pos  # words from pos to the marker, counted once (a run of quotes was quadratic)
    for mk in MARKER_RE.finditer(P, pos, limit):
        n_words += nwords(P, counted_to, mk.start())
        counted_to = mk.start()
        if n_words > 25:
            return None
        if mk.group("colon"):
            c0 = mk.end()
            while c0 < se and P[c0] == " ":
                c0 += 1
            span = inside(c0 + 1, par.quotes) if c0 < len(P) and P[c0] in QUOTE_OPEN else None
            if span and span[0] == c0:
                return pick((mk.start(), trim(P, span[0] + 1, span[1], " \t\n"), "direct"))
            c0, c1 = trim(P, c0, se)
            return pick((mk.start(), (c0, c1), "direct")) if c1 > c0 else None
        if mk.group("comp"):
            prep = mk.group("prep")
            # "إلى أن"، "على أن" open the content of the verbs that take them; "محمد علي إن": a name
            start = mk.start() if prep is None or prep == "الي" or prep in form.preps else mk.start("comp")
            before = WORD_RE.findall(P, max(pos, start - 30), start)
            if before and before[-1] in NOT_SPEECH_BEFORE_COMP:
                continue
            c0 = mk.start("comp")
            c1 = trim(P, c0, se)[1]
            return pick((start, (c0, c1), quote_kind(P, c0, c1, par.quotes)))
        if mk.group("quote"):
            span = inside(mk.start() + 1, par.quotes)
            if span is None or span[0] != mk.start():
                continue
            if skipped or (mk.start() > 0 and P[mk.start() - 1].isalpha()):
                skipped = True
                continue  # لـ"وصول ...": a quoted noun after a preposition, not speech
            after = P[span[1] + 1:se].strip(" .،,")
            if nwords(P, span[0], span[1]) >= 3 or not after:
                return pick((mk.start(), trim(P, span[0] + 1, span[1], " \t\n"), "direct"))
            # a quoted name inside the speaker: حركة "حماس"
        if mk.group("qaala") or mk.group("qawl"):
            # "وأضاف قائلا: ..."، "عن الوزير قوله في رحلته إنه ...": the content follows shortly
            rest = marker(par, mk.end(), se, se, form)
            if rest is not None and nwords(P, mk.end(), rest[1][0]) <= 12:
                return pick((mk.start(), rest[1], rest[2]))
            c0, c1 = trim(P, mk.end(), se)
            return pick((mk.start(), (c0, c1), "direct")) if c1 > c0 else None
    return prep_marker(par, pos, limit, se, form, form.preps)


def prep_marker(par: Paragraph, pos: int, limit: int, se: int, form: VerbForm,
                allowed: Collection[str]) -> Marker | None:
    """"دعا إلى وقف ..."، "طالب بالإفراج عن ...": the content as a noun phrase after the verb's preposition."""
    P = par.text
    prep = prep_re(tuple(p for p in form.preps if p in allowed))
    if prep is None:
        return None
    mk = prep.search(P, pos, limit)
    if mk is None or nwords(P, pos, mk.start()) > 12:
        return None
    c0, c1 = trim(P, mk.end(), se)
    return (mk.start(), (c0, c1), quote_kind(P, c0, c1, par.quotes)) if c1 > c0 else None


def lead_object(par: Paragraph, pos: int, limit: int, se: int, form: VerbForm) -> Marker | None:
    """"أعلن الرئيس التركي، رجب طيب أردوغان، الثلاثاء، عزم بلاده ...": the object after the day."""
    P = par.text
    if "bare_content" not in form.takes or form.participle:
        return None
    segments, start = [], pos
    for sm in re.finditer(r"[،,]", P[pos:limit]):
        segments.append((start, pos + sm.start()))
        start = pos + sm.end()
    for k, (a, b) in enumerate(segments[:4]):
        words = WORD_RE.findall(P, a, b)
        if k >= 1 and words and all(w in TIME_WORDS for w in words):
            c0, c1 = trim(P, b, se)
            if nwords(P, c0, c1) >= 2:
                return a, (c0, c1), quote_kind(P, c0, c1, par.quotes)
            return None
    return None
