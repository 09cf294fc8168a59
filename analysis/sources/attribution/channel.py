"""The channel of a statement ("في بيان", "لمراسل الأناضول", "عبر تويتر") and the agency it names."""

from __future__ import annotations

from analysis.sources.attribution.context import Paragraph
from analysis.sources.attribution.cues import VerbForm
from analysis.sources.attribution.words import (
    ATTRIBUTION_PHRASE_WORDS,
    CHANNEL_NOUNS,
    CHANNEL_PARTICIPLES,
    CHANNEL_PREPOSITIONS,
    MEDIA_NOUNS,
    Span,
    Token,
    bare,
    tokens,
    trim,
)
from analysis.text.normalize import NormText


def agency_span(par: Paragraph, toks: list[Token]) -> str | None:
    """The key when the words are exactly one agency or outlet name ("كونا"، "أ ش أ")."""
    a, b = toks[0][1], toks[-1][2]
    text = par.text[a:b]
    hits = par.tables.agencies.find(NormText(text, text), context=False)
    return hits[0].key if len(hits) == 1 and hits[0].start <= 1 and hits[0].end >= b - a - 1 else None


def agency_at(par: Paragraph, pos: int) -> bool:
    """An agency or outlet name starts at ``pos`` (allowing a clitic or a quote)."""
    text = par.text[pos:min(len(par.text), pos + 40)]
    hits = par.tables.agencies.find(NormText(text, text), context=False)
    return bool(hits) and hits[0].start <= 2


def agency_in(par: Paragraph, a: int, b: int) -> str | None:
    text = par.text[a:b]
    hits = par.tables.agencies.find(NormText(text, text), context=False)
    return hits[0].key if hits else None


def channel_start(par: Paragraph, toks: list[Token], form: VerbForm | None) -> int | None:
    """Index of the first word of a channel inside a speaker segment ("في بيان"، "لمراسل الأناضول")."""
    for i, (w, s, _) in enumerate(toks):
        nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
        if w in CHANNEL_PREPOSITIONS and (nxt in CHANNEL_NOUNS or bare(nxt) in CHANNEL_NOUNS):
            return i
        if w in CHANNEL_PARTICIPLES or ((i > 0 or len(toks) > 1) and w in ATTRIBUTION_PHRASE_WORDS):
            return i
        if w.startswith("ل") and len(w) > 2:
            rest = w[2:] if w.startswith("لل") else w[1:]
            if rest in MEDIA_NOUNS or bare(rest) in MEDIA_NOUNS or agency_at(par, s + 1):
                return i
        if w == "ل" and (i > 0 or len(toks) > 1):
            return i  # "لـ"الصحيفة"": an outlet spoken to, even right after the verb ("وأضاف لـ"الصحيفة" أن")
        if i > 0 and form is not None and "told" in form.takes and agency_at(par, s):
            return i  # "أبلغ مسؤول رويترز": the agency was told
    return None


def prefix_channel(par: Paragraph, ss: int, pos: int) -> tuple[Span | None, str | None]:
    """"وفي تصريح نقلته وكالة الأناضول، قال ...": a channel before the verb."""
    toks = tokens(par.text, ss, pos)
    for i, (w, s, _) in enumerate(toks):
        head = w[1:] if w.startswith("و") else w
        nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
        if (head in CHANNEL_PREPOSITIONS and (nxt in CHANNEL_NOUNS or bare(nxt) in CHANNEL_NOUNS)) or \
                head in CHANNEL_NOUNS:
            span = trim(par.text, s, pos)
            return span, agency_in(par, *span)
    return None, None
