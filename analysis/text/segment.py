"""Paragraphs and sentences of articles, with character offsets into the article text.

Offsets make every later row (a claim, a quote) point back at its evidence:
``article.text[start:end] == row.text``.  Numbering starts at 1, as a reader counts;
``sent_no`` runs through the whole article, so ``(article_id, sent_no)`` names a
sentence on its own and ``par_no`` says which paragraph holds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

PARAGRAPH_COLUMNS = ["article_id", "par_no", "text", "start", "end"]
SENTENCE_COLUMNS = ["article_id", "par_no", "sent_no", "text", "start", "end"]

_PARAGRAPH_RE = re.compile(r"[^\n]*\S[^\n]*")
_CLOSERS = "\"'»”’)\\]}›"
# A sentence ends at . ! ? ؟ … (possibly repeated, possibly followed by closing
# quotes or brackets) when whitespace or the paragraph end follows, or when an Arabic
# letter follows with no space at all (a common scraping artefact: "تويتر".بعد).
# A match starts where a run of terminators starts (trying every position of a long run that
# ends in neither was quadratic in its length).
_SENTENCE_END_RE = re.compile(
    rf"(?<![.!?\u061f\u2026])[.!?\u061f\u2026]+[{_CLOSERS}]*(?=\s|$)"
    rf"|(?<![\d.A-Za-z!?\u061f\u2026])[.!?\u061f\u2026]+[{_CLOSERS}]*(?=[\u0621-\u064a])"
)
# "د." (Dr), "م." and other one-letter abbreviations, and "أ.ف.ب"-style initials.
_ABBREVIATION_RE = re.compile(r"(?:^|[\s(\"«])(?:\w\.)*\w\.$")


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Hard-wrapped text (older corpora store lines of ~80 characters, breaking sentences anywhere): a line
# that fills the width and does not end a sentence goes on in the next line.
_LINE_END_RE = re.compile(rf"[.!?\u061f\u2026:][{_CLOSERS}]*$")
_LIST_ITEM_RE = re.compile(r"[-\u2013\u2014\u2022*\u25cf]|\d{1,2}[-.)]\s")


def _wrap_width(lines: list[tuple[int, int]], text: str) -> int | None:
    """The width of a hard-wrapped text, or None: at least four lines, none over 120 characters, half of
    them filling the width, and most of those ending mid-sentence (one paragraph per line is the norm)."""
    if len(lines) < 4:
        return None
    width = max(e - s for s, e in lines)
    if not 40 <= width <= 120:
        return None
    full = [(s, e) for s, e in lines if e - s >= 0.75 * width]
    open_ended = [(s, e) for s, e in full if not _ends_sentence(text, e)]
    if len(full) < 0.5 * len(lines) or len(open_ended) < 0.5 * len(full):
        return None
    return width


def iter_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each non-blank line of ``text`` (a paragraph), trimmed.

    In hard-wrapped text (lines of about the same width, most ending mid-sentence) a full line
    that does not end a sentence continues in the next line: the paragraph spans both, and the
    line break inside it is read as a space.

    >>> t = "أسرت قوات المعارضة.\\n\\nوقال المتحدث إن العملية مستمرة.\\n"
    >>> [t[s:e] for s, e in iter_paragraphs(t)]
    ['أسرت قوات المعارضة.', 'وقال المتحدث إن العملية مستمرة.']
    >>> w = "عمان - الرأي - أكد أمين عمان أن الأمانة ملتزمة\\nبرقابة دائمة على المشاريع.\\n" * 2
    >>> [w[s:e].replace("\\n", "|") for s, e in iter_paragraphs(w)][0]
    'عمان - الرأي - أكد أمين عمان أن الأمانة ملتزمة|برقابة دائمة على المشاريع.'
    >>> len(list(iter_paragraphs(w)))
    2
    """
    lines = []
    for m in _PARAGRAPH_RE.finditer(text):
        start, end = _strip_span(text, m.start(), m.end())
        if end > start:
            lines.append((start, end))
    width = _wrap_width(lines, text)
    if width is None:
        yield from lines
        return
    start, end = lines[0]
    for s, e in lines[1:]:
        goes_on = (end - _line_start(text, end) >= 0.75 * width and not _ends_sentence(text, end)
                   and text.count("\n", end, s) == 1 and not _LIST_ITEM_RE.match(text, s))
        if goes_on:
            end = e
        else:
            yield start, end
            start, end = s, e
    yield start, end


def _ends_sentence(text: str, end: int) -> bool:
    return _LINE_END_RE.search(text, max(0, end - 8), end) is not None


def _line_start(text: str, end: int) -> int:
    return text.rfind("\n", 0, end) + 1


def iter_sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each sentence within ``text[start:end]``.

    Decimal points ("2.5"), initials ("أ.ف.ب", "د. محمد") and terminators inside
    quotes that continue the sentence do not end it.

    >>> t = 'وأضاف "لقد قمنا بأسر حوالي 400 عنصر". وأشار د. أحمد إلى أن النسبة 2.5 بالمئة؟ نعم!'
    >>> [t[s:e] for s, e in iter_sentences(t)]
    ['وأضاف "لقد قمنا بأسر حوالي 400 عنصر".', 'وأشار د. أحمد إلى أن النسبة 2.5 بالمئة؟', 'نعم!']
    """
    end = len(text) if end is None else end
    cursor = start
    for m in _SENTENCE_END_RE.finditer(text, start, end):
        if m.group().startswith(".") and _ABBREVIATION_RE.search(text, cursor, m.start() + 1):
            continue
        s, e = _strip_span(text, cursor, m.end())
        if e > s:
            yield s, e
        cursor = m.end()
    s, e = _strip_span(text, cursor, end)
    if e > s:
        yield s, e


def paragraphs(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph: ``article_id, par_no, text, start, end``.

    >>> arts = pd.DataFrame({"article_id": ["a1"], "text": ["أسرت قوات المعارضة 400 عنصر.\\nوقال المتحدث: نعم."]})
    >>> paragraphs(arts)[["par_no", "text", "start", "end"]].values.tolist()
    [[1, 'أسرت قوات المعارضة 400 عنصر.', 0, 28], [2, 'وقال المتحدث: نعم.', 29, 47]]
    """
    rows: dict[str, list] = {c: [] for c in PARAGRAPH_COLUMNS}
    for article_id, text in zip(articles["article_id"].tolist(), articles["text"].tolist(), strict=True):
        text = _text(text)
        for par_no, (s, e) in enumerate(iter_paragraphs(text), start=1):
            _append(rows, article_id=article_id, par_no=par_no, text=text[s:e], start=s, end=e)
    return _frame(rows, PARAGRAPH_COLUMNS)


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``article_id, par_no, sent_no, text, start, end``.

    >>> arts = pd.DataFrame({"article_id": ["a1"], "text": ["أسرت قوات المعارضة 400 عنصر. وقال المتحدث: نعم.\\nانتهى"]})
    >>> sentences(arts)[["par_no", "sent_no", "text", "start"]].values.tolist()
    [[1, 1, 'أسرت قوات المعارضة 400 عنصر.', 0], [1, 2, 'وقال المتحدث: نعم.', 29], [2, 3, 'انتهى', 48]]
    """
    rows: dict[str, list] = {c: [] for c in SENTENCE_COLUMNS}
    for article_id, text in zip(articles["article_id"].tolist(), articles["text"].tolist(), strict=True):
        text = _text(text)
        sent_no = 0
        for par_no, (ps, pe) in enumerate(iter_paragraphs(text), start=1):
            for s, e in iter_sentences(text, ps, pe):
                sent_no += 1
                _append(rows, article_id=article_id, par_no=par_no, sent_no=sent_no, text=text[s:e], start=s, end=e)
    return _frame(rows, SENTENCE_COLUMNS)


def _text(value) -> str:
    """An article's text; a missing one (None, or the NaN pandas writes for it) has no sentence."""
    return value if isinstance(value, str) else ""


def _append(rows: dict[str, list], **values) -> None:
    for key, value in values.items():
        rows[key].append(value)


def _frame(rows: dict[str, list], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("par_no", "sent_no", "start", "end"):
        if col in frame:
            frame[col] = frame[col].astype("int64")
    frame["text"] = frame["text"].astype("str")
    return frame
