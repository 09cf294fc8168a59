"""The columns of the articles frame, the formats a file may be read as, and how record values fill them."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "ARTICLE_COLUMNS",
    "FILE_COLUMNS",
    "FORMATS",
    "METADATA_COLUMNS",
    "clean_value",
    "domain_of",
    "empty_articles",
]

#: values accepted by ``format=``
FORMATS = ("text", "trec", "json", "jsonl", "csv", "parquet", "html", "warc", "xlsx", "ods", "arrow")
#: formats whose records keep the file's own field names (mapped onto ours by the loader)
RECORD_FORMATS = {"json", "jsonl", "csv", "parquet", "xlsx", "ods", "arrow"}
#: columns a record can fill (directly, through ``columns=``, or from TREC tags)
METADATA_COLUMNS = ("article_id", "title", "text", "outlet", "section", "published", "url", "author", "abstract")
#: the metadata columns held as strings (``published`` is parsed as a date, ``text`` kept as read)
STRING_METADATA = ("article_id", "title", "outlet", "section", "url", "author", "abstract")
#: columns computed by the loader
FILE_COLUMNS = ("path", "format", "encoding", "n_chars", "n_words")
#: the articles frame's fixed columns, in order; extra record fields follow them
ARTICLE_COLUMNS = METADATA_COLUMNS + FILE_COLUMNS


def clean_value(value: Any) -> str | None:
    """A metadata value as a trimmed string; empty, None and NaN become None; a list of names is joined.

    >>> clean_value("  الجزيرة "), clean_value(""), clean_value(float("nan")), clean_value(2018)
    ('الجزيرة', None, None, '2018')
    >>> clean_value(["تامر الصمادي", " ", "أحمد دعدوش"]), clean_value([])
    ('تامر الصمادي, أحمد دعدوش', None)
    """
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (list, tuple)):  # news-please's authors, a dataset's list of tags
        return ", ".join(v for v in map(clean_value, value) if v) or None
    return str(value).strip() or None


# The host of a URL, by hand: the package imports no network module, not even urllib.parse.
_URL_HOST_RE = re.compile(r"\s*[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#\s]*@)?([^:/?#\s\[\]]+)")


def domain_of(url: Any) -> str | None:
    """The host of a URL without ``www.``: the outlet of a record that names none.

    >>> domain_of("https://www.aljazeera.net/news/2018/7/15/خبر"), domain_of("لا رابط")
    ('aljazeera.net', None)
    >>> domain_of("HTTP://user@WWW.Youm7.com:8080/story")
    'youm7.com'
    """
    if not isinstance(url, str):
        return None
    match = _URL_HOST_RE.match(url)
    if match is None:
        return None
    host = match.group(1).lower().rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    return host or None


def extra_name(name: str) -> str:
    """The column of an extra record field: ``record_<name>`` if it would overwrite a computed column."""
    return f"record_{name}" if name in FILE_COLUMNS else name


def empty_articles() -> pd.DataFrame:
    """An articles frame without rows: the columns and dtypes of :func:`load_corpus` (without extras)."""
    data: dict[str, Any] = {name: pd.array([], dtype="str") for name in ARTICLE_COLUMNS}
    data["published"] = pd.array([], dtype="datetime64[ns, UTC]")
    data["n_chars"] = np.array([], dtype=np.int64)
    data["n_words"] = np.array([], dtype=np.int64)
    return pd.DataFrame(data)
