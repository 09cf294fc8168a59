"""Plain-text articles: a title line, an optional section line, then the body."""

from __future__ import annotations

import re
from typing import Any

from analysis.corpus.readers.base import ReaderError, strip_blank_lines

__all__ = ["TITLE_MAX_CHARS", "read_text_article"]

_SECTION_MAX_WORDS = 5
# Sentence punctuation, quotes and digits: a line with any of them is prose, not a section name.
_NOT_SECTION_RE = re.compile(r"[.،:؟?!؛;\"«»()\[\]0-9\u0660-\u0669\u06f0-\u06f9]")
#: a first line longer than this is a paragraph, not a title
TITLE_MAX_CHARS = 300


def _lines(text: str, pos: int):
    """Yield (start, end) of each line from ``pos`` on, without splitting the whole text."""
    n = len(text)
    while pos < n:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        yield pos, end
        pos = end + 1


def _is_section_line(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _SECTION_MAX_WORDS and _NOT_SECTION_RE.search(line) is None


def read_text_article(text: str) -> dict[str, Any]:
    """Split a plain-text article into title, optional section line and body.

    Layout: the title on the first non-empty line; then optionally a short section
    line (at most five words, no sentence punctuation or digits) followed by a blank
    line; then the body, kept exactly (only leading and trailing blank lines go).
    A file with a single non-empty line, or a first line too long for a title, is
    all body.

    >>> read_text_article("المعارضة تأسر عناصر داعش\\n\\nعربي ودولي\\n\\n\\nأسرت قوات المعارضة.\\nوأضاف.\\n")
    {'title': 'المعارضة تأسر عناصر داعش', 'section': 'عربي ودولي', 'text': 'أسرت قوات المعارضة.\\nوأضاف.'}
    """
    lines = _lines(text, 0)
    nonblank = ((s, e) for s, e in lines if not text[s:e].isspace() and s != e)
    first = next(nonblank, None)
    if first is None:
        raise ReaderError("blank file (only whitespace)")
    second = next(nonblank, None)
    title = text[first[0] : first[1]].strip()
    if second is None or len(title) > TITLE_MAX_CHARS:
        return {"title": None, "section": None, "text": strip_blank_lines(text)}

    section = None
    body_start = second[0]
    candidate = text[second[0] : second[1]]
    if _is_section_line(candidate):
        after = next(_lines(text, second[1] + 1), None)
        if after is not None and text[after[0] : after[1]].strip() == "":
            third = next(nonblank, None)
            if third is not None:
                section = candidate.strip()
                body_start = third[0]
    return {"title": title, "section": section, "text": strip_blank_lines(text[body_start:])}

