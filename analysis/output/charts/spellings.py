"""Terms as readers write them: the spelling shown for a counted term, and the term a reader's word stands for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.errors import ColumnError
from analysis.text.normalize import normalize_many, normalizer
from analysis.text.stemming import LightStemmer


def display_spelling(frame: pd.DataFrame, column: str = "term") -> pd.Series:
    """How to show each term: a ``display`` column, else the counted ``spelling``, else the term itself."""
    for given in ("display", "spelling"):
        if given in frame.columns:
            shown = frame[given].astype("object")
            return shown.where(shown.notna() & (shown.astype(str) != ""), frame[column]).astype("str")
    return frame[column].astype("str")


def resolve_terms(words: Iterable[str], table: pd.DataFrame, form: str,
                  normalize_options: Mapping[str, bool] | None) -> list[str]:
    """The counted terms the user's words stand for: ``"إدلب"`` -> ``"ادلب"``, ``"المعارضة"`` -> its stem."""
    known = set(table["term"].astype(str))
    by_spelling = {}
    if "spelling" in table.columns:
        by_spelling = dict(zip(table["spelling"].astype(str), table["term"].astype(str), strict=False))
    options = dict(normalize_options or {})
    # A reader may ask for "المعارضة" when terms are stems: stem it the way the counts did,
    # with the counted terms as the lexicon that attests a stripped clitic.
    stem = LightStemmer(known, norm=normalizer(**options)) if form == "stem" else None
    chosen = []
    for word in words:
        plain = " ".join(normalize_many(str(word).split(), **options))
        candidates = [str(word), plain]
        if stem is not None:
            candidates.append(" ".join(stem(w) for w in str(word).split()))
        term = next((c for c in candidates if c in known), None) or by_spelling.get(str(word))
        if term is None:
            raise ColumnError(f"term {word!r} does not occur in the counts (form={form!r})")
        chosen.append(term)
    return list(dict.fromkeys(chosen))
