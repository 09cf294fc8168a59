"""Quoted spans of a paragraph, and whether a content is a direct, indirect or mixed quotation.

>>> text = 'وقال: «لن نتراجع» ثم "غادر'
>>> quote_spans(text, [(0, len(text))])
[(6, 16), (21, 26)]
>>> inside(8, [(6, 16)]), inside(6, [(6, 16)])
((6, 16), None)
"""

from __future__ import annotations

from bisect import bisect_left

from analysis.sources.attribution.words import QUOTE_CHARS, Span, nwords

# the marks that may close a quote opened with each mark
_CLOSERS = {"«": "»", "“": "”", "„": "“”", '"': '"”', "”": '”"', "‘": "’", "'": "'’"}


def quote_spans(text: str, sentences: list[Span]) -> list[Span]:
    """Quoted spans ``(open, close)`` of a paragraph; a quote left open runs to the end of its sentence."""
    spans = []
    opened, closer = None, ""
    for i, ch in enumerate(text):
        if ch not in QUOTE_CHARS:
            continue
        if opened is None:
            if ch in _CLOSERS:
                opened, closer = i, _CLOSERS[ch]
        elif ch in closer:
            spans.append((opened, i))
            opened = None
    if opened is not None:
        end = next((e for s, e in sentences if s <= opened < e), len(text))
        spans.append((opened, end))
    return spans


def inside(pos: int, spans: list[Span]) -> Span | None:
    """The span of ``spans`` (sorted, not overlapping, as :func:`quote_spans` gives) strictly around ``pos``."""
    k = bisect_left(spans, (pos,))  # the last span that opens before pos is the only candidate
    if k and spans[k - 1][0] < pos < spans[k - 1][1]:
        return spans[k - 1]
    return None


def quote_kind(text: str, c0: int, c1: int, quotes: list[Span]) -> str:
    """``mixed`` when an indirect content carries a quotation of three words or more, else ``indirect``."""
    for s, e in quotes:
        if c0 <= s < c1 and nwords(text, s, min(e, c1)) >= 3:
            return "mixed"
    return "indirect"
