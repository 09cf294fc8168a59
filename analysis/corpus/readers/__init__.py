"""Parsers for the file formats a news corpus comes in: decoded text (or bytes) in, records out.

Each reader is a pure function.  It returns a :class:`Parsed` (record dicts, their
1-based numbers in the file, and one message per record it had to skip) or raises
:class:`ReaderError` with a message fit for a load report when the whole file is
unusable.  Plain-text, TREC, HTML and WARC readers already name fields like the articles
frame (``title``, ``text``, ``outlet`` ...); JSON, CSV, spreadsheet, Parquet and Arrow
records keep the file's own field names, which :mod:`analysis.corpus.schemas` maps afterwards.

>>> read_trec("<DOC><DOCNO>AL-1</DOCNO><TITLE>عاجل &amp; مهم</TITLE><TEXT>\\nنص الخبر\\n</TEXT></DOC>").records
[{'article_id': 'AL-1', 'title': 'عاجل & مهم', 'text': 'نص الخبر'}]
"""

from analysis.corpus.readers.base import Parsed, ReaderError, strip_blank_lines, unescape_entities
from analysis.corpus.readers.html import is_html, read_html
from analysis.corpus.readers.records import iter_arrow, iter_jsonl, read_csv, read_json, read_jsonl, read_parquet
from analysis.corpus.readers.spreadsheet import read_spreadsheet
from analysis.corpus.readers.text import read_text_article
from analysis.corpus.readers.trec import TREC_FIELDS, is_trec, iter_trec, read_trec
from analysis.corpus.readers.warc import read_warc

__all__ = [
    "Parsed",
    "ReaderError",
    "TREC_FIELDS",
    "is_html",
    "is_trec",
    "iter_arrow",
    "iter_jsonl",
    "iter_trec",
    "read_csv",
    "read_html",
    "read_json",
    "read_jsonl",
    "read_parquet",
    "read_spreadsheet",
    "read_text_article",
    "read_trec",
    "read_warc",
    "strip_blank_lines",
    "unescape_entities",
]

