"""Naming and framing: which of the names for one referent each outlet uses, with the evidence of every count.

"داعش" or "تنظيم الدولة" or "الدولة الإسلامية"; "الحوثيون" or "أنصار الله"; "قتيل" or "شهيد": the sets
of :mod:`analysis.measures.naming_sets` are found in the articles (:func:`naming_mentions`, one row per
mention with its offsets) and tabulated per outlet, period or any column (:func:`naming`, each
variant's count and share of its set's mentions).

How a mention is found:

* clitics glued to the first word are part of the mention ("ولداعش", "بتنظيم الدولة", "للدولة
  الإسلامية" for ل + الدولة); the phrase's other words are matched as written, normalised
  (hamza forms, ى/ي, diacritics, tatweel; ة and ه alike); words are separated by blanks or quote marks,
  never by a line break;
* within one set the longest phrase wins and mentions never overlap: "تنظيم الدولة الإسلامية" is
  one mention of that variant, not also one of "الدولة الإسلامية"; a phrase of the set's ``-``
  variant is matched and not counted (it hides the names inside it);
* sets are independent: a phrase may count in two sets ("جيش الاحتلال" is a name of the Israeli army;
  the ``israel`` set does not count the "الاحتلال" inside it because it lists the phrase as ``-``).

Many patterns are matched in one pass over each text with an Aho-Corasick automaton (pyahocorasick).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

import ahocorasick
import numpy as np
import pandas as pd

from analysis.errors import ColumnError, OptionError
from analysis.measures.naming_sets import NOT_COUNTED, naming_sets
from analysis.measures.tables import group_codes
from analysis.progress import progress_bar, show_progress
from analysis.text.normalize import NormText
from analysis.text.tokens import TOKEN_RE

MENTION_COLUMNS = ["article_id", "set", "variant", "form", "left", "match", "right", "start", "end"]
NAMING_COLUMNS = ["set", "referent", "variant", "count", "share", "set_mentions", "articles"]

# Proclitics on the first word of a name: conjunctions, prepositions and their pairs.  Before ال the
# preposition ل makes لل ("للدولة"), so names starting with ال get those forms too.
_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
_LAM_DEFINITE = ("لل", "ولل", "فلل")
# Inside a phrase, words may be separated by blanks or quote marks ("تنظيم «الدولة الإسلامية»");
# each becomes one space of the matching text (a line break stays: no name spans two paragraphs).
_GAP_TABLE = str.maketrans({c: " " for c in "\t\r\v\f\u00a0\u2009\u202f«»\"“”„'‘’"} | {"\u0629": "\u0647"})
_SPACES_RE = re.compile(" {2,}")
_CONTEXT_WORDS = 6


def naming_mentions(articles: pd.DataFrame, sets=None, *, only: Iterable[str] | None = None,
                    replace: bool = False, uncounted: bool = False, progress: bool | None = None) -> pd.DataFrame:
    """Every mention of a naming set's variant: the evidence behind :func:`naming`.

    Columns: ``article_id, set, variant, form, left, match, right, start, end``: ``form`` is the
    table's phrase that matched, ``match`` the text as written (``text[start:end] == match``), ``left`` /
    ``right`` a few words of context within the paragraph.  ``sets``, ``only``, ``replace``: which
    sets (see :func:`analysis.measures.naming_sets.naming_sets`).  ``uncounted=True`` also returns the
    ``-`` phrases that hid a shorter name.  Rows follow the articles, then the text.

    >>> arts = pd.DataFrame({"article_id": ["a"],
    ...                      "text": ["أعلن تنظيم الدولة الإسلامية مسؤوليته، وقالت مصادر إن لداعش خلايا."]})
    >>> naming_mentions(arts, only=["isis"])[["variant", "match", "start", "end"]].values.tolist()
    [['تنظيم الدولة الإسلامية', 'تنظيم الدولة الإسلامية', 5, 27], ['داعش', 'لداعش', 53, 58]]
    """
    frame = _pandas(articles, ["article_id", "text"])
    table = naming_sets(sets, only=only, replace=replace)
    matcher = _Matcher(table)
    rows: dict[str, list] = {c: [] for c in MENTION_COLUMNS}
    texts = frame["text"].tolist()
    ids = frame["article_id"].tolist()
    show = show_progress(progress, len(texts))
    for article_id, text in progress_bar(zip(ids, texts, strict=True), total=len(texts), desc="naming",
                                         show=show):
        if not isinstance(text, str) or not text:
            continue
        for set_name, variant, form, start, end in matcher.find(text):
            if variant == NOT_COUNTED and not uncounted:
                continue
            left, right = _context(text, start, end)
            for column, value in zip(MENTION_COLUMNS, (article_id, set_name, variant, form, left, text[start:end],
                                                       right, start, end), strict=True):
                rows[column].append(value)
    mentions = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    # typed even when nothing was found, so that an empty result merges and groups like a full one
    mentions = mentions.astype({c: "str" for c in MENTION_COLUMNS if c not in ("article_id", "start", "end")})
    mentions[["start", "end"]] = mentions[["start", "end"]].astype("int64")
    return mentions


def naming(articles: pd.DataFrame, sets=None, *, by="outlet", only: Iterable[str] | None = None,
           replace: bool = False, mentions: pd.DataFrame | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Each variant's count and share of its set's mentions, per ``by`` group.

    Columns: ``set, referent``, the ``by`` column(s), ``variant, count, share, set_mentions, articles``:
    ``share`` is the variant's part of the set's counted mentions in the group (a group that never
    names the referent has no rows; a variant it never uses has count 0), ``articles`` the number of
    articles using the variant.  ``by``: ``"outlet"`` (default), any column or list of columns, a
    period of ``published`` (``"month"``, ``"year"`` ...), or ``None`` for the whole corpus.
    ``mentions``: a :func:`naming_mentions` frame already computed for these articles and sets.

    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...                      "text": ["قصف تنظيم الدولة، وداعش ينسحب", "عناصر تنظيم الدولة", "هزيمة داعش"]})
    >>> t = naming(arts, only=["isis"])
    >>> t[t["count"] > 0][["outlet", "variant", "count", "share"]].values.tolist()
    [['X', 'داعش', 1, 0.3333333333333333], ['X', 'تنظيم الدولة', 2, 0.6666666666666666], ['Y', 'داعش', 1, 1.0]]
    """
    frame = _pandas(articles, ["article_id", "text"] + _by_columns(by))
    table = naming_sets(sets, only=only, replace=replace)
    if mentions is None:
        mentions = naming_mentions(frame, table, replace=True, progress=progress)
    else:
        missing = [c for c in ("article_id", "set", "variant") if c not in mentions]
        if missing:
            raise ColumnError(f"mentions frame has no column(s) {', '.join(missing)} (pass naming_mentions output)")
        mentions = mentions[mentions["set"].isin(table["set"])]
    mentions = mentions[mentions["variant"] != NOT_COUNTED]
    variants = table[table["variant"] != NOT_COUNTED].drop_duplicates(["set", "variant"])
    if by is None:
        keys: list[str] = []
        group = pd.Series(0, index=mentions.index)
    else:
        codes, labels = group_codes(frame, by)
        keys = list(labels.names) if isinstance(labels, pd.MultiIndex) else [labels.name or "group"]
        where = pd.Series(np.arange(len(frame)), index=frame["article_id"].to_numpy())
        where = where[~where.index.duplicated()]
        group = pd.Series(codes[where.reindex(mentions["article_id"]).to_numpy()], index=mentions.index)
    counted = mentions.assign(_group=group.to_numpy())
    cells = counted.groupby(["set", "_group", "variant"], sort=False).agg(
        count=("variant", "size"), articles=("article_id", "nunique")).reset_index()
    totals = cells.groupby(["set", "_group"], sort=False)["count"].sum().rename("set_mentions").reset_index()
    full = totals.merge(variants[["set", "variant", "referent"]], on="set")
    out = full.merge(cells, on=["set", "_group", "variant"], how="left")
    out[["count", "articles"]] = out[["count", "articles"]].fillna(0).astype("int64")
    out["share"] = out["count"] / out["set_mentions"]
    set_order = {s: i for i, s in enumerate(dict.fromkeys(table["set"]))}
    variant_order = {(s, v): i for i, (s, v) in enumerate(zip(variants["set"], variants["variant"], strict=True))}
    out["_set"] = out["set"].map(set_order)
    out["_variant"] = [variant_order[k] for k in zip(out["set"], out["variant"], strict=True)]
    out = out.sort_values(["_set", "_group", "_variant"], kind="stable")
    if keys:
        label_frame = labels.to_frame(index=False) if isinstance(labels, pd.MultiIndex) else pd.DataFrame(
            {keys[0]: labels})
        groups = label_frame.iloc[out["_group"].to_numpy()].reset_index(drop=True)
    else:
        groups = pd.DataFrame(index=range(len(out)))
    out = out.reset_index(drop=True)
    result = pd.concat([out[["set", "referent"]], groups, out[NAMING_COLUMNS[2:]]], axis=1)
    return result.reset_index(drop=True)


class _Matcher:
    """Every set's forms, with their clitic forms, in one Aho-Corasick automaton over the matching text."""

    def __init__(self, table: pd.DataFrame):
        entries: dict[str, list[tuple]] = defaultdict(list)
        for order, (set_name, variant, form) in enumerate(zip(table["set"], table["variant"], table["form"],
                                                             strict=True)):
            key = form.translate(_GAP_TABLE)
            entry = (set_name, variant, form, variant != NOT_COUNTED, order)
            for surface in _clitic_forms(key):
                entries[surface].append(entry)
        self.automaton = ahocorasick.Automaton()
        for surface, found in entries.items():
            self.automaton.add_word(surface, (len(surface), tuple(found)))
        if entries:
            self.automaton.make_automaton()
        self.empty = not entries

    def find(self, text: str) -> Iterator[tuple[str, str, str, int, int]]:
        """``(set, variant, form, start, end)`` of every mention in ``text``, by set then position."""
        if self.empty:
            return
        normed = NormText.of(text)
        matching, index = _collapse(normed.norm.translate(_GAP_TABLE))
        candidates: dict[str, list[tuple]] = defaultdict(list)
        size = len(matching)
        for last, (length, found) in self.automaton.iter(matching):
            first = last - length + 1
            if (first > 0 and matching[first - 1].isalnum()) or (last + 1 < size and matching[last + 1].isalnum()):
                continue  # inside a longer word
            for set_name, variant, form, counted, order in found:
                candidates[set_name].append((-length, counted, order, first, last + 1, variant, form))
        for set_name, found in candidates.items():
            taken: list[tuple[int, int]] = []
            kept = []
            for _, _, _, first, end, variant, form in sorted(found):  # longest first, then "-" first
                if any(first < b and a < end for a, b in taken):
                    continue
                taken.append((first, end))
                kept.append((first, end, variant, form))
            for first, end, variant, form in sorted(kept):
                if index is not None:
                    first, end = index[first], index[end - 1] + 1
                start, stop = normed.span(first, end)
                yield set_name, variant, form, start, stop


def _clitic_forms(form: str) -> list[str]:
    forms = [p + form for p in _PROCLITICS]
    if form.startswith("ال") and len(form) > 2:
        forms += [p + form[2:] for p in _LAM_DEFINITE]
    return forms


def _collapse(text: str) -> tuple[str, list[int] | None]:
    """``text`` with runs of spaces made one, and each kept position's offset in ``text`` (None: unchanged)."""
    if "  " not in text:
        return text, None
    pieces, index, pos = [], [], 0
    for m in _SPACES_RE.finditer(text):
        pieces.append(text[pos:m.start() + 1])
        index.extend(range(pos, m.start() + 1))
        pos = m.end()
    pieces.append(text[pos:])
    index.extend(range(pos, len(text)))
    return "".join(pieces), index


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """A few words either side of ``text[start:end]``, never past a line break."""
    before = text[max(0, start - 200):start]
    before = before[before.rfind("\n") + 1:]
    words = list(TOKEN_RE.finditer(before))
    left = before[words[-_CONTEXT_WORDS].start():] if len(words) >= _CONTEXT_WORDS else before
    after = text[end:end + 200]
    cut = after.find("\n")
    after = after if cut < 0 else after[:cut]
    words = list(TOKEN_RE.finditer(after))
    right = after[:words[_CONTEXT_WORDS - 1].end()] if len(words) >= _CONTEXT_WORDS else after
    return left.strip(), right.strip()


def _by_columns(by) -> list[str]:
    if by is None or isinstance(by, pd.Series):
        return []
    if isinstance(by, (list, tuple)):
        return list(by)
    return [by, "published"]


def _pandas(articles, columns: list[str]) -> pd.DataFrame:
    """The columns a naming count needs, as pandas (a Dask frame is computed: only these columns)."""
    if not isinstance(articles, pd.DataFrame):
        if not hasattr(articles, "compute"):
            raise OptionError(f"articles: give the articles frame of load_corpus; got {type(articles).__name__}")
        articles = articles[[c for c in columns if c in articles.columns]].compute()
    missing = [c for c in ("article_id", "text") if c not in articles]
    if missing:
        raise ColumnError(f"articles frame has no column(s) {', '.join(missing)}")
    return articles


def naming_shares(table: pd.DataFrame, *, min_mentions: int = 5, lang: str = "ar") -> pd.DataFrame:
    """A :func:`naming` table (one grouping column) as a grid to read: one row per set and name, one column
    per group (busiest first) holding the name's share of the set's mentions in whole percent.  Groups with
    fewer than ``min_mentions`` mentions of a set are left empty there.  ``lang="ar"``: the first columns are
    ``الجهة`` (the referent) and ``التسمية`` (the name); ``"en"``: ``set`` and ``variant``.

    >>> t = pd.DataFrame({"set": ["isis"] * 4, "referent": ["داعش"] * 4, "outlet": ["X", "X", "Y", "Y"],
    ...                   "variant": ["داعش", "تنظيم الدولة"] * 2, "count": [3, 7, 1, 0],
    ...                   "share": [0.3, 0.7, 1.0, 0.0], "set_mentions": [10, 10, 1, 1], "articles": [2, 4, 1, 0]})
    >>> naming_shares(t).values.tolist()
    [['داعش', 'داعش', 30.0], ['داعش', 'تنظيم الدولة', 70.0]]
    >>> naming_shares(t, lang="en").columns.tolist()
    ['set', 'variant', 'X']
    """
    if lang not in ("ar", "en"):
        raise OptionError(f"lang must be 'ar' or 'en'; got {lang!r}")
    groups = [c for c in table.columns if c not in NAMING_COLUMNS]
    if len(groups) != 1:
        raise OptionError(f"naming_shares needs a table with one grouping column; this one has {groups or 'none'}")
    by = groups[0]
    kept = table[table["set_mentions"] >= min_mentions]
    first = ["referent", "variant"] if lang == "ar" else ["set", "variant"]
    wide = kept.pivot_table(index=first, columns=by, values="share", aggfunc="sum", sort=False, observed=True)
    order = kept.drop_duplicates(by).groupby(by, sort=False)["set_mentions"].sum().sort_values(
        ascending=False, kind="stable").index
    wide = (wide.reindex(columns=order) * 100).round(0)
    wide.columns = [str(c) for c in wide.columns]
    wide = wide.reset_index()
    return wide.rename(columns={"referent": "الجهة", "variant": "التسمية"}) if lang == "ar" else wide
