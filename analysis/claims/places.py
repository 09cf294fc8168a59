"""The gazetteer: places a claim may name, and the place nearest to a number in its sentence.

The shipped gazetteer is ``analysis/lexicons/places.tsv`` (place, country, kind, forms: every
Arab League state with its capital and main cities, the Syrian governorates and towns, and
the world's main countries and capitals); ``place_cues.tsv`` lists the nouns after which any
word is a place ("محافظة إدلب").  A user extends it (:func:`gazetteer`): a file in the
same format, or a frame with a ``place`` column (and optionally ``forms``, ``country``, ``kind``).

>>> from analysis.claims.number_tokens import number_tokens
>>> toks = number_tokens("قتل 5 أشخاص في مدينة الزقازيق وفي القاهرة")
>>> nearest_place(toks, 1, gazetteer())
'الزقازيق'
>>> mine = gazetteer(pd.DataFrame({"place": ["كفرنبل"]}))
>>> nearest_place(number_tokens("قصف على كفرنبل أوقع 3 قتلى"), 4, mine)
'كفرنبل'
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field

import pandas as pd

from analysis import lexicons
from analysis.claims.number_tokens import NumToken, word_key
from analysis.claims.verbs import looks_verbal
from analysis.errors import ColumnError, OptionTypeError, TableError

__all__ = ["Gazetteer", "gazetteer", "nearest_place"]

_PLACE_CUES = lexicons.words("place_cues")
_NOT_A_PLACE_NAME = lexicons.words("non_unit_words")  # after a cue: "مدينة في", "قرية من"


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Place names by the word key of their spelling: one word (``singles``) or two (``pairs``)."""

    singles: dict[str, str] = field(default_factory=dict)
    pairs: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, place: str, forms: str, source: str) -> None:
        for form in (forms or place).split("|"):
            keys = tuple(word_key(w) for w in form.split())
            if len(keys) == 1:
                self.singles[keys[0]] = place
            elif len(keys) == 2:
                self.pairs[keys] = place
            else:
                raise TableError(f"{source}: place {place!r} has the form {form.strip()!r} of {len(keys)} words; "
                                 f"a form is one or two words (separate alternatives with '|')")


@functools.cache
def _shipped() -> Gazetteer:
    table = Gazetteer()
    lex = lexicons.load("places")
    for row in lex.rows:
        table.add(row[0], row[lex.columns.index("forms")], lex.source)
    return table


def gazetteer(places: Gazetteer | str | os.PathLike[str] | pd.DataFrame | None = None) -> Gazetteer:
    """The shipped gazetteer, extended by a user's places (a later entry wins for the same spelling).

    ``places``: None (the shipped table), a path to a file in the format of
    ``analysis/lexicons/places.tsv`` (at least a ``place`` column; ``forms`` defaults to the
    place itself), or a frame with a ``place`` column (and optionally ``forms``).
    """
    if places is None:
        return _shipped()
    if isinstance(places, Gazetteer):
        return places
    if isinstance(places, pd.DataFrame):
        if "place" not in places:
            raise ColumnError(f"places lacks the column 'place' (it has {', '.join(map(str, places.columns))}); "
                              "give one row per place, with an optional 'forms' column of spellings")
        rows = [(p, f) for p, f in zip(places["place"].tolist(),
                                        places["forms"].tolist() if "forms" in places else [None] * len(places),
                                        strict=True) if isinstance(p, str) and p.strip()]
        source = "places frame"
    elif isinstance(places, (str, os.PathLike)):
        lex = lexicons.load(places)
        if "place" not in lex.columns:
            raise TableError(f"{lex.source}: no 'place' column (header: {', '.join(lex.columns)}); "
                             "use the format of analysis/lexicons/places.tsv")
        forms = lex.column("forms") if "forms" in lex.columns else [None] * len(lex.rows)
        rows = list(zip(lex.column("place"), forms, strict=True))
        source = lex.source
    else:
        raise OptionTypeError(f"places must be a path to a places file or a frame with a 'place' column, "
                              f"not {type(places).__name__}")
    shipped = _shipped()
    table = Gazetteer(dict(shipped.singles), dict(shipped.pairs))
    for place, forms in rows:
        table.add(place.strip(), forms if isinstance(forms, str) else "", source)
    return table


@functools.lru_cache(maxsize=65536)  # asked for every word of every sentence with a number: mostly the same words
def _strip_place_clitics(key: str) -> tuple[str, ...]:
    out = [key]
    for pre in ("و", "ب", "ل", "ف", "وب", "ول", "فب", "فل", "وفي"):
        if key.startswith(pre) and len(key) - len(pre) >= 3:
            out.append(key[len(pre):])
    if key.startswith("لل") and len(key) > 4:
        out.append("ال" + key[2:])
    if key.startswith(("وال", "بال", "فال")) and len(key) > 5:
        out.append(key[1:])
    return tuple(out)


def nearest_place(toks: list[NumToken], anchor: int, places: Gazetteer) -> str | None:
    """The place named in the sentence nearest to token ``anchor``."""
    best, best_dist = None, None
    n = len(toks)
    for j, t in enumerate(toks):
        if t.kind != "word":
            continue
        name = None
        cands = _strip_place_clitics(t.key)
        if j + 1 < n and toks[j + 1].kind == "word":
            for c in cands:
                if (c, toks[j + 1].key) in places.pairs:
                    name = places.pairs[(c, toks[j + 1].key)]
                    break
        if name is None:
            for c in cands:
                if c in places.singles:
                    name = places.singles[c]
                    break
        if name is None and any(c in _PLACE_CUES for c in cands) and j + 1 < n and toks[j + 1].kind == "word":
            nk = toks[j + 1].key
            if nk not in _NOT_A_PLACE_NAME and not nk.startswith("ال") and not looks_verbal(nk):
                name = toks[j + 1].text
        if name is not None:
            dist = abs(j - anchor)
            if best_dist is None or dist < best_dist:
                best, best_dist = name, dist
    return best
