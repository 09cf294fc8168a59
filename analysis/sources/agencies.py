"""Which wire agencies and news outlets an article credits: datelines, bylines and mentions.

Arabic news names its sources in a handful of shapes: a dateline or byline
("غزة / الأناضول", "أنقرة - رويترز", "(أ ف ب)", "كتب: الأناضول", "المصدر: الأناضول"),
a mention ("وكالة الأناضول", "وكالة الأنباء التركية "الأناضول"", "وكالتا الأناضول
ودوغان", "لمراسل الأناضول", "بحسب رويترز") or an abbreviation ("أ ش أ", "د.ب.أ").  The
spellings live in a data table, ``analysis/lexicons/agencies.csv``, that users can extend
and pass back in (:func:`load_agencies`):

=====================  ================================================================
column                 meaning
=====================  ================================================================
``key``                canonical key (``anadolu``, ``reuters``, ``afp`` ...)
``kind``               ``agency`` (a wire) or ``outlet`` (a newspaper, channel, site)
``name_en, name_ar``   display names
``country``            ISO country code of the agency's home (may be empty)
``patterns``           ``|``-separated spellings credited wherever they occur
``ambiguous_patterns`` spellings that are also ordinary words or places ("الأناضول" is
                       Anatolia, "الجزيرة" an island, "قنا" a city): credited only in an
                       agency context (see below)
``outlet_ids``         how the ``outlet`` column of a corpus names this source
                       (``skynews``, ``alarabia`` ...), to leave an outlet's own byline out
=====================  ================================================================

An ambiguous spelling counts when a cue says it is the agency: "وكالة", "وكالتا",
"أنباء", "مراسل", "قناة", "صحيفة" ... up to four words before it within the clause; an
attribution word just before it ("بحسب", "وفق", "نقلا عن", "ذكرت", "نقلته" ...); an
agency word just after it ("للأنباء", "الرسمية", "الحكومية"); quotes or brackets
round it ("(الأناضول)", "لـ"العربية""); or a dateline/byline position ("غزة /
الأناضول", "المصدر: الأناضول").  A place word just before it ("هضبة", "وسط", "سكان",
"في" ...) rules it out.

Matching runs on normalised text (alef, yeh, tashkeel, tatweel, digits, Latin case;
see :func:`normalize_with_offsets`) and reports offsets into the original text.

>>> import pandas as pd
>>> arts = pd.DataFrame({"article_id": ["a", "b"], "text": [
...     "غزة / الأناضول\\nقال مسؤول لوكالتي رويترز و\\"فرانس برس\\" إن ...",
...     "تقع هضبة الأناضول في وسط تركيا."]})
>>> detect_agencies(arts).tolist()
[('anadolu', 'reuters', 'afp'), ()]
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from analysis.errors import ColumnError, TableError
from analysis.sources.agency_context import QUOTES as _QUOTES
from analysis.sources.agency_context import affiliation as _affiliation
from analysis.sources.agency_context import agency_context as _agency_context
from analysis.sources.agency_context import dateline as _dateline
from analysis.sources.agency_context import unknown_outlets
from analysis.text.normalize import NormText, norm, normalize_with_offsets
from analysis.text.patterns import alternation

__all__ = [
    "AGENCY_COLUMNS",
    "MENTION_COLUMNS",
    "AgencyTable",
    "NormText",
    "agency_mentions",
    "agency_table",
    "detect_agencies",
    "find_agencies",
    "load_agencies",
    "agency_names",
    "normalize_with_offsets",
    "outlet_names",
    "with_agencies",
]

#: columns of the agencies data table (``key, name_en, name_ar, kind, patterns`` are required)
AGENCY_COLUMNS = ["key", "kind", "name_en", "name_ar", "country", "patterns", "ambiguous_patterns", "outlet_ids"]
REQUIRED_COLUMNS = ("key", "name_en", "name_ar", "kind", "patterns")
#: columns of :func:`agency_mentions`
MENTION_COLUMNS = ["article_id", "field", "key", "kind", "mention", "how", "start", "end"]
KINDS = ("agency", "outlet")

# --- the data table --------------------------------------------------------------------------------


def load_agencies(path: str | os.PathLike | pd.DataFrame | None = None) -> pd.DataFrame:
    """Read the agencies table: the shipped one (``path=None``), a CSV file of yours, or a frame.

    Your table needs at least ``key, name_en, name_ar, kind, patterns``; start from the
    shipped file and add rows to extend it.  Keys must be unique; ``kind`` is ``agency``
    or ``outlet``; patterns are ``|``-separated.

    >>> t = load_agencies()
    >>> t.set_index("key").loc["afp", "kind"], "أ ف ب" in t.set_index("key").loc["afp", "patterns"].split("|")
    ('agency', True)
    >>> mine = pd.concat([t, pd.DataFrame([{"key": "enab", "kind": "outlet", "name_en": "Enab Baladi",
    ...     "name_ar": "عنب بلدي", "patterns": "عنب بلدي"}])])
    >>> find_agencies("وقال لموقع عنب بلدي إن", table=load_agencies(mine))[0][:2]
    ('enab', 'عنب بلدي')
    """
    if isinstance(path, pd.DataFrame):
        table = path.copy()
    elif path is None:
        with resources.files("analysis").joinpath("lexicons", "agencies.csv").open("r", encoding="utf-8") as fh:
            table = pd.read_csv(fh, dtype=str, keep_default_na=False)
    else:
        table = pd.read_csv(Path(path), dtype=str, keep_default_na=False)
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise ColumnError(f"the agencies table lacks the column(s) {missing}; it needs {list(REQUIRED_COLUMNS)}")
    for column in AGENCY_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    table = table.fillna("")
    for column in table.columns:
        table[column] = table[column].astype(str).str.strip()
    table = table[table["key"] != ""]
    dupes = table["key"][table["key"].duplicated()].unique().tolist()
    if dupes:
        raise TableError(f"duplicate agency key(s) in the table: {dupes}; keep one row per key")
    bad = sorted(set(table["kind"]) - set(KINDS))
    if bad:
        raise TableError(f"kind must be one of {KINDS}; got {bad}")
    cols = AGENCY_COLUMNS + [c for c in table.columns if c not in AGENCY_COLUMNS]
    return table[cols].reset_index(drop=True)


@dataclass(frozen=True)
class Mention:
    key: str
    kind: str
    start: int  # offsets into NormText.norm
    end: int
    how: str  # dateline | mention


class AgencyTable:
    """The agencies table compiled for matching (build with :func:`agency_table`)."""

    def __init__(self, table: pd.DataFrame):
        self.table = table
        self.kind = dict(zip(table["key"], table["kind"], strict=True))
        self.name_ar = dict(zip(table["key"], table["name_ar"], strict=True))
        self.name_en = dict(zip(table["key"], table["name_en"], strict=True))
        self.lookup: dict[str, tuple[str, bool]] = {}
        self.outlet_ids: dict[str, str] = {}
        for row in table.itertuples(index=False):
            for ambiguous, column in ((False, row.patterns), (True, row.ambiguous_patterns)):
                for pattern in column.split("|"):
                    self._add(pattern, row.key, ambiguous)
            for ident in [row.key, *row.outlet_ids.split("|")]:
                if ident.strip():
                    self.outlet_ids[_ident(ident)] = row.key
        cores = sorted(self.lookup, key=len, reverse=True)
        # A clitic (و ف ب ل ك, two at most) and an opening quote may precede the name: "ولـ"رويترز"".
        self.regex = re.compile(
            r"(?<![^\W_])(?P<pre>(?:[وفبلك]{1,2}[" + re.escape(_QUOTES) + r"]?)?)(?P<core>"
            + alternation(cores, space=r"\s+") + r")(?![^\W_])"
        ) if cores else None

    def _add(self, pattern: str, key: str, ambiguous: bool) -> None:
        core = re.sub(r"\s+", " ", norm(pattern.strip()))
        if not core:
            return
        variants = [core]
        if core.startswith("ال") and len(core) > 3:
            variants.append("ل" + core[1:])  # "للأناضول": ل + الأناضول with the alef dropped
        for v in variants:
            # an unambiguous spelling wins over an ambiguous one of another row
            if v not in self.lookup or (self.lookup[v][1] and not ambiguous):
                self.lookup[v] = (key, ambiguous)

    def own_key(self, outlet) -> str | None:
        """The key an ``outlet`` column value stands for (``"skynews"`` -> ``skynews``), if any."""
        if not isinstance(outlet, str) or not outlet.strip():
            return None
        # "Al Jazeera (aljazeera.net)", "SANA – Syrian Arab News Agency (sana.sy)": the name, then its parts
        parts = [outlet, *re.split(r"[()–—|]| - ", outlet)]
        parts += [p.strip().split(".")[0] for p in parts if "." in p]
        for part in parts:
            if (key := self.outlet_ids.get(_ident(part))) is not None:
                return key
        return None

    def find(self, nt: NormText, start: int = 0, end: int | None = None, *, context: bool = True,
             byline: bool = False) -> list[Mention]:
        """Agency mentions in ``nt.norm[start:end]``, longest match first where they overlap."""
        if self.regex is None:
            return []
        text = nt.norm
        end = len(text) if end is None else end
        found: list[Mention] = []
        for m in self.regex.finditer(text, start, end):
            core = re.sub(r"\s+", " ", m.group("core"))
            key, ambiguous = self.lookup.get(core, (None, True))
            if key is None:
                continue
            cs, ce = m.start("core"), m.end("core")
            how = ("dateline" if _dateline(text, m.start(), ce, byline)
                   else "affiliation" if _affiliation(text, m.start()) else "mention")
            if ambiguous and context and how != "dateline" and not _agency_context(text, m, cs, ce):
                continue
            found.append(Mention(key, self.kind[key], cs, ce, how))
        return found


def _ident(value: str) -> str:
    return re.sub(r"[\W_]+", "", norm(value))


@lru_cache(maxsize=8)
def _default_table() -> AgencyTable:
    return AgencyTable(load_agencies())


def agency_table(table: AgencyTable | pd.DataFrame | str | os.PathLike | None = None) -> AgencyTable:
    """Compile the agencies table for matching: ``None`` (shipped), a path, a frame, or a compiled table."""
    if isinstance(table, AgencyTable):
        return table
    if table is None:
        return _default_table()
    return AgencyTable(load_agencies(table))


def find_agencies(text: str, *, table=None, context: bool = True) -> list[tuple[str, str, int, int]]:
    """Agencies and outlets named in one string: ``(key, as written, start, end)`` tuples.

    ``context=False`` credits ambiguous spellings without looking for an agency cue
    (for text already known to name a source, such as an attribution's channel).

    >>> find_agencies("وقال لمراسل الأناضول إن ...")
    [('anadolu', 'مراسل الأناضول', 6, 20)]
    >>> find_agencies("خفضت وكالتا الأناضول ودوغان")
    [('anadolu', 'الأناضول', 12, 20), ('dogan', 'دوغان', 22, 27)]
    >>> find_agencies("أصوات فقراء الأناضول")
    []
    >>> [k for k, *_ in find_agencies("(أ ف ب) - قالت مصادر لـ«سكاي نيوز عربية»")]
    ['afp', 'skynews']
    """
    nt = NormText.of(text or "")
    out = []
    for mention in agency_table(table).find(nt, context=context):
        a, b = nt.span(mention.start, mention.end)
        out.append((mention.key, text[a:b], a, b))
    return out


# --- per article -----------------------------------------------------------------------------------


def agency_mentions(articles: pd.DataFrame, *, table=None, fields=("author", "text")) -> pd.DataFrame:
    """Every credited agency or outlet mention, one row each, with its evidence.

    Columns: ``article_id, field`` (``author`` or ``text`` ...), ``key, kind``,
    ``mention`` (as written), ``how`` (``byline`` for the author field, ``dateline`` for
    a credit line in the text, ``affiliation`` for an employer ("الصحافي في وكالة الأناضول",
    not a credit), ``unknown`` for an outlet the table lacks ("لصحيفة لا ستامبا": its key is
    its name as written, kind ``outlet``), else ``mention``), ``start, end`` (offsets in that field).
    Unknown outlets are credited too (:func:`detect_agencies`), under their written name.

    >>> arts = pd.DataFrame({"article_id": ["a"], "author": ["أنقرة - الأناضول"],
    ...                      "text": ["وقالت وكالة الأنباء التركية \\"الأناضول\\" إن ..."]})
    >>> agency_mentions(arts)[["field", "key", "mention", "how", "start"]].values.tolist()
    [['author', 'anadolu', 'الأناضول', 'byline', 8], ['text', 'anadolu', 'الأناضول', 'mention', 29]]
    """
    compiled = agency_table(table)
    rows: dict[str, list] = {c: [] for c in MENTION_COLUMNS}
    if len(articles) and "article_id" in articles:
        ids = articles["article_id"].tolist()
        for field in fields:
            if field not in articles:
                continue
            for article_id, value in zip(ids, articles[field].tolist(), strict=True):
                if not isinstance(value, str) or not value:
                    continue
                nt = NormText.of(value)
                byline = field == "author"
                found = compiled.find(nt, byline=byline)
                for m in found:
                    a, b = nt.span(m.start, m.end)
                    how = "byline" if byline and m.how != "affiliation" else m.how
                    for col, v in zip(MENTION_COLUMNS, (article_id, field, m.key, m.kind, value[a:b], how, a, b),
                                      strict=True):
                        rows[col].append(v)
                for s0, s1 in unknown_outlets(nt.norm):  # an outlet the table lacks: its name as written
                    if any(m.start < s1 and s0 < m.end for m in found) or compiled.find(nt, s0, s1, context=False):
                        continue
                    a, b = nt.span(s0, s1)
                    for col, v in zip(MENTION_COLUMNS, (article_id, field, value[a:b], "outlet", value[a:b],
                                                        "unknown", a, b), strict=True):
                        rows[col].append(v)
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for col in ("start", "end"):
        frame[col] = frame[col].astype("int64")
    for col in ("field", "key", "kind", "mention", "how"):
        frame[col] = frame[col].astype("str")
    if "article_id" in articles:
        frame["article_id"] = frame["article_id"].astype(articles["article_id"].dtype)
    return frame


def detect_agencies(articles: pd.DataFrame, *, table=None, include_own_outlet: bool = False,
                    fields=("author", "text")) -> pd.Series:
    """The agencies and outlets each article credits, as a tuple of keys in order of first mention.

    A dateline, byline or mention credits a source; the region Anatolia ("هضبة
    الأناضول") does not.  An outlet's own byline ("أبوظبي - سكاي نيوز عربية" on a Sky
    News article) is left out unless ``include_own_outlet=True``: it says who published
    the story, not where it came from.  The result is aligned with ``articles.index``.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["skynews", "BBC"],
    ...     "author": ["أبوظبي - سكاي نيوز عربية", None],
    ...     "text": ["قالت وكالتا الأناضول ودوغان إن ...", "وقال لـ«بي بي سي» إن ... (أ ش أ)"]})
    >>> detect_agencies(arts).tolist()
    [('anadolu', 'dogan'), ('mena',)]
    >>> detect_agencies(arts, include_own_outlet=True).tolist()
    [('skynews', 'anadolu', 'dogan'), ('bbc', 'mena')]
    """
    compiled = agency_table(table)
    mentions = agency_mentions(articles, table=compiled, fields=fields)
    credited: dict[object, list[str]] = {}
    for article_id, key, how in zip(mentions["article_id"].tolist(), mentions["key"].tolist(),
                                    mentions["how"].tolist(), strict=True):
        keys = credited.setdefault(article_id, [])
        if how == "affiliation":  # "الصحافي في وكالة الأناضول": an employer, not a source
            continue
        if key not in keys:
            keys.append(key)
    ids = articles["article_id"].tolist() if "article_id" in articles else [None] * len(articles)
    outlets = articles["outlet"].tolist() if "outlet" in articles else [None] * len(articles)
    values = []
    for article_id, outlet in zip(ids, outlets, strict=True):
        keys = credited.get(article_id, [])
        own = None if include_own_outlet else compiled.own_key(outlet)
        values.append(tuple(k for k in keys if k != own))
    return pd.Series(values, index=articles.index, dtype="object", name="agencies")


def with_agencies(articles: pd.DataFrame, **options) -> pd.DataFrame:
    """A copy of ``articles`` with an ``agencies`` column (see :func:`detect_agencies`).

    >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["موسكو (رويترز) - قال الكرملين ..."]})
    >>> with_agencies(arts)["agencies"].tolist()
    [('reuters',)]
    """
    out = articles.copy()
    out["agencies"] = detect_agencies(articles, **options)
    return out


@lru_cache(maxsize=4)
def _names(lang: str) -> dict[str, str]:
    table = load_agencies()
    return dict(zip(table["key"], table["name_ar" if lang == "ar" else "name_en"], strict=True))


def agency_names(keys: pd.Series, *, lang: str = "ar") -> pd.Series:
    """Readable names for agency keys of the shipped table ("reuters" -> "رويترز"); others kept.

    >>> agency_names(pd.Series(["anadolu", "reuters", "my-wire"])).tolist()
    ['وكالة الأناضول', 'رويترز', 'my-wire']
    """
    names = _names(lang)
    return keys.astype("object").map(lambda k: names.get(k, k) if isinstance(k, str) else None).astype("object")


def outlet_names(outlets: pd.Series, *, lang: str = "ar", table=None) -> pd.Series:
    """Readable names for outlet codes as corpora spell them ("alarabia" -> "العربية").

    Codes are looked up (case-insensitively) in the ``outlet_ids`` column of the agency
    table; unknown codes are kept as they are, missing values stay missing.

    >>> outlet_names(pd.Series(["alarabia", "skynews", "BBC", "my-blog"])).tolist()
    ['العربية', 'سكاي نيوز عربية', 'بي بي سي', 'my-blog']
    """
    data = load_agencies(table) if not isinstance(table, pd.DataFrame) else table
    column = "name_ar" if lang == "ar" else "name_en"
    names: dict[str, str] = {}
    for ids, name in zip(data.get("outlet_ids", pd.Series(dtype=object)).fillna(""), data[column], strict=True):
        for code in str(ids).split("|"):
            if code.strip():
                names.setdefault(code.strip().casefold(), name)
    values = outlets.astype("object")
    return values.map(lambda v: names.get(v.casefold(), v) if isinstance(v, str) else None).astype("object")
