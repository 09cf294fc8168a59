"""Saved news pages (``.html``): the article's paragraphs and the page's metadata."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

from analysis.corpus.readers.base import Parsed, ReaderError

__all__ = ["is_html", "read_html"]

#: elements whose text is never article text
_HTML_SKIP = frozenset(
    "script style noscript template svg math nav footer aside form button select option iframe "
    "object canvas dialog menu".split()
)
#: elements that end a run of text (a paragraph, a heading, a list item, a table cell ...)
_HTML_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre section article main header figure figcaption "
    "table tr td th dd dt hr address".split()
)
#: blocks kept as paragraphs when a page has them
_HTML_PARAGRAPHS = frozenset(("p", "blockquote", "h2", "h3", "h4", "pre"))
#: without paragraphs, a block of text needs this many words to count as article text
_PROSE_MIN_WORDS = 8
_HTML_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_HTML_META = {
    "og:title": "og_title",
    "og:site_name": "outlet",
    "og:url": "url",
    "og:description": "abstract",
    "description": "abstract",
    "article:published_time": "published",
    "datepublished": "published",
    "pubdate": "published",
    "author": "author",
    "article:author": "author",
    "article:section": "section",
}
_JSONLD_TYPES = ("NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting")
_HTML_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
_HTML_START_RE = re.compile(r"[\s\ufeff]*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def is_html(text: str) -> bool:
    """True when the text starts like an HTML page (``<!DOCTYPE html>`` or ``<html>``).

    >>> is_html("<!DOCTYPE html>\\n<html lang='ar'>"), is_html("<DOC>")
    (True, False)
    """
    return _HTML_START_RE.match(text) is not None


class _PageParser(HTMLParser):
    """Collects the text blocks of a page (with where they sit) and its metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.inside = {"article": 0, "main": 0, "head": 0, "header": 0, "h1": 0, "title": 0}
        self.block_tag = "body"
        self.parts: list[str] = []
        #: (text, tag, inside <article>, inside <main>, inside <header>)
        self.blocks: list[tuple[str, str, bool, bool, bool]] = []
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.h1: list[str] = []
        self.jsonld: list[str] = []
        self.in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            field = _HTML_META.get(key)
            if field and values.get("content", "").strip():
                self.meta.setdefault(field, values["content"].strip())
            return
        if tag == "link" and "canonical" in values.get("rel", "").lower() and values.get("href"):
            self.meta.setdefault("canonical", values["href"].strip())
            return
        if tag in _HTML_VOID:
            if tag in ("br", "hr"):
                self._flush()
            return
        if tag == "script" and "ld+json" in values.get("type", "").lower():
            self.in_jsonld = True
            self.jsonld.append("")
        if tag in _HTML_SKIP:
            self.skip += 1
            return
        if tag in self.inside:
            self.inside[tag] += 1
        if tag in _HTML_BLOCKS:
            self._flush()
            self.block_tag = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP:
            self.skip = max(0, self.skip - 1)
            self.in_jsonld = False
            return
        if tag in _HTML_BLOCKS:
            self._flush()
            self.block_tag = "div"
        if tag in self.inside:
            self.inside[tag] = max(0, self.inside[tag] - 1)

    def handle_data(self, data: str) -> None:
        if self.in_jsonld:
            self.jsonld[-1] += data
            return
        if self.skip:
            return
        if self.inside["title"]:
            self.title.append(data)
        elif self.inside["head"]:
            return
        if self.inside["h1"]:
            self.h1.append(data)
        self.parts.append(data)

    def _flush(self) -> None:
        # HTML collapses ASCII whitespace only: a no-break space stays.
        text = _HTML_SPACE_RE.sub(" ", "".join(self.parts)).strip(" ")
        self.parts = []
        if text and not self.inside["title"]:
            inside = self.inside
            self.blocks.append((text, self.block_tag, inside["article"] > 0, inside["main"] > 0, inside["header"] > 0))

    def close(self) -> None:
        super().close()
        self._flush()


def _jsonld_article(scripts: list[str]) -> dict[str, Any]:
    """The first NewsArticle-like object of a page's JSON-LD scripts, as our fields."""
    stack: list[Any] = []
    for script in scripts:
        try:
            stack.append(json.loads(script))
        except (ValueError, RecursionError):
            continue
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        if "@graph" in item:
            stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(k in _JSONLD_TYPES for k in kinds if isinstance(k, str)):
            continue

        def name(value: Any) -> str | None:
            if isinstance(value, list):
                names = [name(v) for v in value]
                return ", ".join(n for n in names if n) or None
            if isinstance(value, dict):
                value = value.get("name")
            return value.strip() or None if isinstance(value, str) else None

        return {
            "title": name(item.get("headline")),
            "text": name(item.get("articleBody")),
            "published": name(item.get("datePublished")),
            "author": name(item.get("author")),
            "outlet": name(item.get("publisher")),
            "url": name(item.get("url")),
            "abstract": name(item.get("description")),
        }
    return {}


def read_html(text: str) -> Parsed:
    """The article of a saved news page: title, body paragraphs and the page's metadata.

    The body is the ``<p>`` paragraphs (and ``<blockquote>``, ``<h2>``-``<h4>``) inside
    ``<article>``, else inside ``<main>``, else the whole page, without scripts, styles,
    navigation, footers, asides and forms; if the page has no paragraphs, its JSON-LD
    ``articleBody``, else its blocks of eight words or more (paragraphs set in
    ``<div>``).  The title is the first ``<h1>``, else the JSON-LD headline,
    ``og:title`` or ``<title>``; ``og:site_name``, ``article:published_time``, the
    canonical URL, ``author`` and ``description`` fill outlet, published, url, author
    and abstract.  A page with no article text raises :class:`ReaderError`.

    >>> page = '''<!DOCTYPE html><html lang="ar"><head><title>خبر - الموقع</title>
    ... <meta property="og:site_name" content="الجزيرة"><script>var x = "<p>لا</p>";</script></head>
    ... <body><nav><p>الرئيسية</p></nav><article><h1>المعارضة تأسر عناصر داعش</h1>
    ... <p>أسرت قوات المعارضة 400 عنصر.</p><p>وأضاف المتحدث &quot;دحر الغزاة&quot;.</p></article>
    ... <footer><p>جميع الحقوق محفوظة</p></footer></body></html>'''
    >>> read_html(page).records
    [{'title': 'المعارضة تأسر عناصر داعش', 'text': 'أسرت قوات المعارضة 400 عنصر.\\n\\nوأضاف المتحدث "دحر الغزاة".', \
'outlet': 'الجزيرة'}]
    """
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    blocks = parser.blocks
    for scope in (2, 3, None):  # inside <article>, inside <main>, anywhere
        chosen = [b for b in blocks if scope is None or b[scope]]
        paragraphs = [b[0] for b in chosen if b[1] in _HTML_PARAGRAPHS and not b[4]]
        if paragraphs:
            break
    jsonld = _jsonld_article(parser.jsonld)
    body = "\n\n".join(paragraphs) if paragraphs else jsonld.get("text")
    if not body:  # pages that set paragraphs in <div>s: the blocks that read as prose
        scoped = [b for b in blocks if b[2]] or [b for b in blocks if b[3]] or blocks
        prose = [b[0] for b in scoped if b[1] != "h1" and not b[4] and len(b[0].split()) >= _PROSE_MIN_WORDS]
        body = "\n\n".join(prose)
    if not body:
        raise ReaderError(
            "HTML page without article text: no paragraphs, no JSON-LD articleBody, no block of "
            f"{_PROSE_MIN_WORDS} words or more (save the article itself as text, or give its text in JSON or CSV)"
        )
    meta = parser.meta
    h1 = _HTML_SPACE_RE.sub(" ", "".join(parser.h1)).strip(" ")
    title = _HTML_SPACE_RE.sub(" ", "".join(parser.title)).strip(" ")
    record: dict[str, Any] = {
        "title": h1 or jsonld.get("title") or meta.get("og_title") or title or None,
        "text": body,
        "outlet": meta.get("outlet") or jsonld.get("outlet"),
        "section": meta.get("section"),
        "published": meta.get("published") or jsonld.get("published"),
        "url": meta.get("canonical") or meta.get("url") or jsonld.get("url"),
        "author": meta.get("author") or jsonld.get("author"),
        "abstract": meta.get("abstract") or jsonld.get("abstract"),
    }
    return Parsed([{k: v for k, v in record.items() if v is not None}], [1], [])

