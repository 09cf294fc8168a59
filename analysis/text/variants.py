"""Spelling variants: one word written in several house styles, folded to one term for content views.

Outlets spell the same word their own way ("الأميركية" / "الأمريكية", "ترمب" / "ترامب") and name
months in different systems ("آذار" / "مارس" / "جانفي").  Counted as written, keyness then
finds house style instead of content.  The variants live in a data table users can extend,
``analysis/lexicons/spelling_variants.tsv`` (``variant``, ``standard``, ``note``; the name
spellings of ``name_spellings.tsv`` are added), and :func:`spelling_folder` turns it into a
function from a counted term to the term it is counted as:

>>> fold = spelling_folder()
>>> [fold(t) for t in ["الاميركية", "وترمب", "لاذار", "امريكا", "مارس"]]
['الامريكية', 'وترامب', 'لمارس', 'امريكا', 'مارس']

Words are matched bare, with the article and clitics in front of them (``ال و ف ب ك ل لل وال
بال ...``), on normalised terms, so the folder works for the ``normalized`` form of the counting
functions and for stems.  Variants of two words or more ("كانون الثاني") cannot be folded at the
token level; :func:`phrase_variants` lists them for :func:`analysis.content_view`, which
rewrites them in its copy of the text.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Mapping

import pandas as pd

from analysis import lexicons
from analysis.errors import OptionTypeError, TableError
from analysis.text.normalize import normalize

#: what may stand in front of a folded word: the article and the clitics, longest first
FOLD_PREFIXES = ("وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
                 "وب", "وك", "ول", "فب", "فك", "فل", "و", "ف", "ب", "ك", "ل")

Folder = Callable[[str], str]


def load_spelling_variants(path: str | os.PathLike | pd.DataFrame | None = None) -> pd.DataFrame:
    """The variants table: ``variant, standard, note`` (the shipped one, plus your file or frame).

    Rows of yours add to the shipped table, or replace the row of the same variant; a
    variant may not also be a standard (chains would fold differently by order).

    >>> t = load_spelling_variants()
    >>> t.set_index("variant").loc["ترمب", "standard"], t.set_index("variant").loc["كانون الثاني", "standard"]
    ('ترامب', 'يناير')
    """
    shipped = lexicons.load("spelling_variants").frame()
    names = lexicons.load("name_spellings").frame()[["variant", "standard"]].assign(note="name_spellings.tsv")
    names["variant"] = names["variant"].map(_key)
    names["standard"] = names["standard"].map(_key)
    tables = [names, shipped]
    if isinstance(path, pd.DataFrame):
        missing = [c for c in ("variant", "standard") if c not in path.columns]
        if missing:
            raise TableError(f"the spelling variants frame lacks the column(s) {missing}")
        mine = path.astype(str).assign(variant=lambda f: f["variant"].map(_key),
                                       standard=lambda f: f["standard"].map(_key))
        tables.append(mine.reindex(columns=["variant", "standard", "note"]).fillna(""))
    elif path is not None:
        mine = lexicons.load(path)
        if not {"variant", "standard"} <= set(mine.columns):
            raise TableError(f"{path}: a spelling variants table needs the columns variant and standard")
        tables.append(mine.frame().reindex(columns=["variant", "standard", "note"]).fillna(""))
    table = pd.concat(tables, ignore_index=True)
    table = table[(table["variant"] != "") & (table["standard"] != "") & (table["variant"] != table["standard"])]
    table = table.drop_duplicates("variant", keep="last").reset_index(drop=True)
    chained = sorted(set(table["variant"]) & set(table["standard"]))
    if chained:
        raise TableError(f"spelling variants: {chained} are both a variant and a standard; "
                         "fold every variant straight to its standard")
    return table


def _key(word: str) -> str:
    return " ".join(lexicons.KEYS["norm"](w) for w in str(word).split())


@functools.cache
def _shipped_table() -> pd.DataFrame:
    return load_spelling_variants()


def _resolve_table(variants) -> pd.DataFrame:
    if variants is True or variants is None:
        return _shipped_table()
    if isinstance(variants, (str, os.PathLike, pd.DataFrame)):
        return load_spelling_variants(variants)
    if isinstance(variants, Mapping):
        return load_spelling_variants(pd.DataFrame({"variant": list(variants), "standard": list(variants.values())}))
    raise OptionTypeError("fold= takes True (the shipped spelling variants), a path to your table, a frame "
                          f"with variant and standard columns, or a mapping; got {type(variants).__name__}")


def word_variants(variants=True, *, normalize_options: Mapping[str, bool] | None = None) -> dict[str, str]:
    """Single-word variants -> standard, keyed as the counting functions key terms."""
    table = _resolve_table(variants)
    one_word = table[~table["variant"].str.contains(" ") & ~table["standard"].str.contains(" ")]
    options = dict(normalize_options or {})
    return {normalize(v, **options): normalize(s, **options)
            for v, s in zip(one_word["variant"], one_word["standard"], strict=True)}


def phrase_variants(variants=True) -> dict[str, str]:
    """Variants of two words or more -> standard (keys as in the table: ``norm``)."""
    table = _resolve_table(variants)
    several = table[table["variant"].str.contains(" ")]
    return dict(zip(several["variant"], several["standard"], strict=True))


def spelling_folder(variants=True, *, normalize_options: Mapping[str, bool] | None = None) -> Folder:
    """A function from a normalised term (or stem) to the term it is counted as.

    ``variants``: True (the shipped table), a path, a frame or a mapping variant -> standard.
    """
    table = word_variants(variants, normalize_options=normalize_options)
    return functools.partial(_fold, table) if table else _identity


def _identity(term: str) -> str:
    return term


def _fold(table: dict[str, str], term: str) -> str:
    found = table.get(term)
    if found is not None:
        return found
    for prefix in FOLD_PREFIXES:
        if term.startswith(prefix) and (found := table.get(term[len(prefix):])) is not None:
            if prefix.endswith("لل") and found.startswith("ال"):
                return prefix + found[2:]
            if prefix.endswith("ل") and not prefix.endswith("ال") and found.startswith("ال"):
                return prefix + "ل" + found[2:]
            return prefix + found
    return term


def resolve_fold(fold, *, normalize_options: Mapping[str, bool] | None = None) -> Folder | None:
    """``fold=`` of the counting functions: False/None (no folding) or a variants table (see above)."""
    if fold is False or fold is None:
        return None
    return spelling_folder(fold, normalize_options=normalize_options)


def phrase_pattern(phrases: Mapping[str, str]) -> re.Pattern | None:
    """A regex over original text for the multi-word variants: letters match any alef/yeh form,
    tashkeel and tatweel may sit inside, and clitics may precede (group ``pre``)."""
    if not phrases:
        return None
    alternatives = sorted(phrases, key=len, reverse=True)
    body = "|".join(_loose(p) for p in alternatives)
    return re.compile(rf"(?<![^\W\d_])(?P<pre>[وفبلك]{{0,2}})(?P<core>{body})(?![^\W\d_])")


_ALEF = "[اأإآٱ]"
_MARKS = "[\u064b-\u065f\u0670\u0640]*"


def _loose(phrase: str) -> str:
    out = []
    for ch in phrase:
        if ch == " ":
            out.append(r"\s+")
        elif ch == "ا":
            out.append(_ALEF + _MARKS)
        elif ch == "ي":
            out.append("[يى]" + _MARKS)
        else:
            out.append(re.escape(ch) + _MARKS)
    return "".join(out)
